"""Reference: a bare script that reads the edition with json and prints its 22-row table with Rich."""

import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

letters = json.loads(
    (Path(__file__).resolve().parent.parent / "leninletters" / "data" / "letters.json").read_text("utf-8")
)
table = Table(caption=f"{len(letters['letters'])} letters")
for name in ("No.", "Date", "Title", "To", "Scribe", "Words"):
    table.add_column(name)
for letter in letters["letters"]:
    table.add_row(
        str(letter["number"]),
        letter["date"],
        letter["title"],
        ", ".join(letter["recipients"]),
        ", ".join(letter["scribes"]) or "-",
        str(len(letter["text"].split())),
    )
Console().print(table)
