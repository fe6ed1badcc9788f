"""Formats: letters and their citations as text, Markdown, JSON, BibTeX, CSL-JSON, RIS and CMIF.

Values in, text out: a format never writes a file or a stream itself (leninletters.ui does).
"""
