"""The bundled edition without the cost of reading it: its records as they were decoded and validated
when the edition was built, kept beside letters.json (data/letters.pickle).

Reading letters.json means decoding every record against the model's annotations: msgspec builds its
picture of twenty record types (typing's machinery) and checks each string against the corpus's
patterns, most of a small command's own time. The bundled file was validated when it was made, so a run
that can tell it is still that file takes the records from the pickle instead. The pickle is headed by
a key that names the letters.json it was made from (its size and CRC-32) and the shape of the records
it holds (every record type's fields and their annotations, and the patterns the kinds of value use):
a file edited after the build, or a model changed since, no longer fits the key, and the run reads
letters.json the careful way. The CRC tells an edited file from the built one; it is no seal against
someone who could as well rewrite the pickle, which is as much the package's own code as its modules.

The build writes the pickle (leninletters/build/kept.py): `python -m leninletters.build`.

The same command writes data/names.marshal, names.toml's people checked, which a query reads instead of
parsing names.toml (core/names.py, bundled_names).
"""

from __future__ import annotations

import os
import sys
import zlib
from typing import TYPE_CHECKING

from leninletters.store.reading import BUNDLED_FILE

if TYPE_CHECKING:
    from leninletters.core.model import Corpus

PICKLE_FILE = "letters.pickle"
# The key's first word: a pickle of another layout (or another tool's file) never fits.
KEY_PREFIX = b"leninletters-bundled-1"


def records_shape() -> int:
    """A checksum of what a pickle of the records depends on: each record type's name, its fields in
    order with their annotations as written, its defaults, and the patterns of the kinds of value.
    Read from the classes as they stand, without resolving an annotation (which is the cost saved)."""
    from msgspec import Struct

    from leninletters.core import kinds, model

    # The model and every core module it imports: a record type kept in a module of its own (a dating, a
    # dossier, a link) counts too. The same set in every process, whatever else it has imported.
    modules = [model, *(value for value in vars(model).values() if _is_core_module(value))]
    for value in list(vars(model).values()):
        home = sys.modules.get(getattr(value, "__module__", "") or "")
        if _is_core_module(home) and home not in modules:
            modules.append(home)
    types = {
        value
        for module in modules
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, Struct) and value is not Struct
    }
    described = [
        (kind.__module__, kind.__qualname__, list(kind.__annotations__.items()), kind.__struct_defaults__)
        for kind in sorted(types, key=lambda kind: (kind.__module__, kind.__qualname__))
    ]
    patterns = sorted((name, value) for name, value in vars(kinds).items() if name.endswith("_PATTERN"))
    return zlib.crc32(repr((described, patterns)).encode("utf-8"))


def _is_core_module(value: object) -> bool:
    return isinstance(value, type(sys)) and value.__name__.startswith("leninletters.core")


def key_for(text: bytes) -> bytes:
    """The key a pickle made from this letters.json, with the records as they are now, carries."""
    return b"%s %d %08x %08x\n" % (KEY_PREFIX, len(text), zlib.crc32(text), records_shape())


def data_folder() -> str | None:
    """The bundled package's folder on disk, or None where it is no folder (a zip import)."""
    from leninletters import data

    folder = next(iter(data.__path__), None)
    return folder if folder is not None and os.path.isdir(folder) else None


def load() -> Corpus | None:
    """The bundled edition from its pickle, when the pickle fits letters.json and the records as they
    are; None otherwise (no pickle, another file, another model), and the caller reads letters.json."""
    folder = data_folder()
    if folder is None:
        return None
    try:
        with open(os.path.join(folder, BUNDLED_FILE), "rb") as handle:
            text = handle.read()
        with open(os.path.join(folder, PICKLE_FILE), "rb") as handle:
            stored = handle.read()
    except OSError:
        return None
    key, _, pickled = stored.partition(b"\n")
    if key + b"\n" != key_for(text):
        return None
    import _pickle  # the C unpickler alone: the pickle module would import a good deal more

    from leninletters.core.model import Corpus

    try:
        found = _pickle.loads(pickled)
    except Exception:  # a damaged pickle is only a slower start: letters.json is read instead
        return None
    return found if isinstance(found, Corpus) else None
