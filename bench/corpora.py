"""Deterministic synthetic corpora in the corpus shape, for the benchmark.

Letters of about 300 words drawn from the edition's own vocabulary (typography included), with its
people's names sprinkled through, dates from 1917 to 1924, recipients and scribes.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

from leninletters.store.corpus import load

SEED = 1923
WORDS_PER_LETTER = 300
FIRST_DAY = dt.date(1917, 1, 1)
DAYS = (dt.date(1924, 1, 21) - FIRST_DAY).days
SCRIBES = [[], ["L.F."], ["M.V."], ["M.V.", "L.F."]]
NAMES = {"L.F.": "Lydia Fotieva", "M.V.": "Maria Volodicheva"}


def synthetic_letters(count: int, seed: int = SEED) -> list[dict[str, Any]]:
    """`count` letters in the corpus shape; the same every time for the same count and seed."""
    edition = load()
    vocabulary = [word for letter in edition.letters for word in letter.text.split()]
    names = [form for person in edition.people for form in person.forms if " " not in form]
    recipients = sorted({name for letter in edition.letters for name in letter.recipients})
    rng = random.Random(seed)
    letters = []
    for number in range(1, count + 1):
        words = rng.choices(vocabulary, k=WORDS_PER_LETTER)
        for position in rng.sample(range(WORDS_PER_LETTER), 6):
            words[position] = rng.choice(names)
        breaks = sorted(rng.sample(range(20, WORDS_PER_LETTER - 20), 3))
        paragraphs = [
            " ".join(words[a:b]) for a, b in zip([0, *breaks], [*breaks, WORDS_PER_LETTER], strict=True)
        ]
        scribes = rng.choice(SCRIBES)
        letters.append(
            {
                "number": number,
                "slug": f"letter-{number}",
                "title": f"Letter {number} to {rng.choice(recipients)}",
                "date": (FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))).isoformat(),
                "recipients": [rng.choice(recipients)],
                "copies": [rng.choice(recipients)] if rng.random() < 0.2 else [],
                "scribes": scribes,
                "scribe_names": [NAMES[s] for s in scribes],
                "classification": "Top secret" if rng.random() < 0.1 else None,
                "text": "\n\n".join(paragraphs),
                "source": f"Synthetic, p. {number}.",
            }
        )
    letters.sort(key=lambda letter: (letter["date"], letter["number"]))
    return letters


def write_corpus(folder: Path, count: int) -> tuple[Path, Path]:
    """The corpus as JSON and, for ripgrep, the same letters' texts as plain text; made once."""
    folder.mkdir(parents=True, exist_ok=True)
    json_path = folder / f"synthetic-{count}.json"
    text_path = folder / f"synthetic-{count}.txt"
    if not (json_path.exists() and text_path.exists()):
        letters = synthetic_letters(count)
        json_path.write_text(json.dumps({"letters": letters}, ensure_ascii=False), encoding="utf-8")
        text_path.write_text("\n\n".join(letter["text"] for letter in letters) + "\n", encoding="utf-8")
    return json_path, text_path
