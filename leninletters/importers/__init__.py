"""Importers (a home for the next work): TEI letter files and CMIF into the corpus shape of
docs/corpus.md, read safely, each a store's input and never a front end."""
