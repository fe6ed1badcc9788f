"""Reference: plain Python that loads a corpus with json and counts a case-folded substring."""

import json
import sys

with open(sys.argv[1], encoding="utf-8") as handle:
    document = json.load(handle)
letters = document["letters"] if isinstance(document, dict) else document
needle = sys.argv[2].casefold()
print(sum(letter["text"].casefold().count(needle) for letter in letters))
