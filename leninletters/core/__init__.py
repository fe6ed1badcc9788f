"""The core: the edition's types, dates, names, text search, the query and what is derived from letters.

Pure values and functions: knows nothing of a store, a terminal, Typer, Rich or Textual.
"""
