"""Reference for `read`: a minimal Textual app that reads the edition with json and shows its 22 rows
in a DataTable, for the first screen of the reader to be measured against."""

import json
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import DataTable

EDITION = Path(__file__).resolve().parent.parent / "leninletters" / "data" / "letters.json"


class Table(App[None]):
    BINDINGS = [("q", "quit", "Quit")]  # noqa: RUF012 (Textual's own idiom)

    def compose(self) -> ComposeResult:
        yield DataTable()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("No.", "Date", "Title", "To")
        for letter in json.loads(EDITION.read_text("utf-8"))["letters"]:
            table.add_row(
                str(letter["number"]), letter["date"], letter["title"], ", ".join(letter["recipients"])
            )


if __name__ == "__main__":
    Table().run()
