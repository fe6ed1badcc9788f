"""The reader (a home for the next work): an interactive front end that asks the Edition, draws with
leninletters.ui and never imports leninletters.cli."""
