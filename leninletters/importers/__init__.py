"""Importers: TEI letter files and CMIF files into the corpus shape of docs/corpus.md, read safely
(docs/import.md). Pure: no Typer, no Rich; the `import` command (cli/importing.py) drives them."""
