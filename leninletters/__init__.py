"""leninletters: a command-line browser for Lenin's last letters and notes (1922–1923)."""

__version__ = "0.1.0"
