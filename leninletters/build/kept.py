"""What the build keeps beside the bundled edition so that a run need not read it the careful way: the
pickle of its validated records (store/bundled.py reads it) and the checked copy of names.toml
(core/names.py reads it)."""

from __future__ import annotations

import os

from leninletters.store.bundled import PICKLE_FILE, data_folder, key_for
from leninletters.store.reading import BUNDLED_FILE


def write() -> str:
    """Validate letters.json the careful way and write its pickle beside it; the pickle's path."""
    import pickle

    from leninletters.store.corpus import parse_document
    from leninletters.store.reading import BUNDLED, parse

    folder = data_folder()
    if folder is None:
        raise OSError("the bundled edition is not a folder on disk: nothing to write the pickle into")
    with open(os.path.join(folder, BUNDLED_FILE), "rb") as handle:
        text = handle.read()
    corpus = parse_document(parse(text, BUNDLED).document, BUNDLED)
    target = os.path.join(folder, PICKLE_FILE)
    with open(target, "wb") as handle:
        handle.write(key_for(text) + pickle.dumps(corpus, protocol=pickle.HIGHEST_PROTOCOL))
    write_names(folder)
    return target


def write_names(folder: str) -> str:
    """Check names.toml and write its people beside it as a query reads them (core/names.py)."""
    from leninletters.core import names

    with open(os.path.join(folder, names.NAMES_FILE), encoding="utf-8") as handle:
        text = handle.read().encode("utf-8")
    target = os.path.join(folder, names.CHECKED_NAMES_FILE)
    with open(target, "wb") as handle:
        handle.write(names.checked_copy(text))
    return target
