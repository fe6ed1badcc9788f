"""The command line: the Typer app, its shared options, Tab completion and the console script."""
