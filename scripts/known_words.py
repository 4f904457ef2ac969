#!/usr/bin/env python3
"""known_words.py - data/answers/known-words.txt from the knowledge base.

    known_words.py [KB_DIR] [OUT]

The words of seven letters or more that the shipped manuals spell (kb/*.md,
edited text, so correctly spelt).  The lexicon's typo tolerance skips a
question word found here: a real word is not a typo ("cooking" is not
"choking", "showing" is not "shoving").  Run by `make known-words` after the
knowledge base changes; tests/unit checks the file is current.
"""
import glob
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def words(kb):
    found = set()
    for path in sorted(glob.glob(os.path.join(kb, "*.md"))):
        with open(path, encoding="utf-8") as f:
            found.update(w.lower() for w in re.findall(r"[A-Za-z]{7,}", f.read()))
    return sorted(found)


def main():
    kb = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "kb")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(REPO, "data", "answers", "known-words.txt")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# known-words.txt - written by scripts/known_words.py from kb/*.md; do not edit.\n")
        f.write("".join(w + "\n" for w in words(kb)))


if __name__ == "__main__":
    main()
