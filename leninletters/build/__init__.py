"""The edition's build: the bundled letters.json made from the source text, the curation and the
apparatus (``python -m leninletters.build``)."""


class BuildError(Exception):
    """The source and the curation disagree."""
