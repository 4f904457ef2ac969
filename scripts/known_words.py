#!/usr/bin/env python3
"""known_words.py - data/answers/known-words.txt from the knowledge base.

    known_words.py [KB_DIR] [OUT]

The words of seven letters or more that the shipped manuals spell (kb/*.md,
edited text, so correctly spelt), the emergencies' own words (triggers,
masks and unless words), and the English words (the system word list,
/usr/share/dict/words from Debian's wamerican, when installed) one typo
away from one of them.  The lexicon's typo tolerance skips a question word
found here: a real word is not a typo ("cooking" is not "choking",
"swapped" is not "slapped", "stabbed" is not the "scabbed" that says a
cut is old).
Run by `make known-words` after the knowledge base or emergencies.tsv
changes.
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


DICT = "/usr/share/dict/words"
# English words that crews type for a trigger more often than they mean them
TYPED_FOR_TRIGGERS = {"chocking"}


def one_typo(a, b):
    """The lexicon's rule (lexicon_word_like): same first letter, one letter
    changed, added, dropped, or two neighbours swapped."""
    if a == b or a[0] != b[0] or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        if i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]:
            return True
        return a[i + 1:] == b[i + 1:]
    return a[i + 1:] == b[i:] if len(a) > len(b) else a[i:] == b[i + 1:]


def trigger_words():
    found = set()
    with open(os.path.join(REPO, "data", "answers", "emergencies.tsv"), encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(cols) < 4:
                continue
            found.update(w for c in cols[3:6] for w in re.findall(r"[a-z]{7,}", c))
    return found


def near_misses():
    """English words one typo from a trigger word, that are not themselves one."""
    if not os.path.exists(DICT):
        sys.stderr.write("known_words: no %s (apt-get install wamerican): kb words only\n" % DICT)
        return set()
    triggers = trigger_words()
    with open(DICT, encoding="utf-8", errors="replace") as f:
        english = {w.strip() for w in f if re.fullmatch(r"[a-z]{7,}", w.strip())}
    # another ending of a trigger ("accidents", "robbers") is the trigger, not a near miss
    return {w for w in english - triggers - TYPED_FOR_TRIGGERS
            if any(one_typo(w, t) for t in triggers)
            and not any(same_stem(w, t) for t in triggers if one_typo(w, t))}


def same_stem(a, b):
    """Do a and b differ only in their last two letters?"""
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return i >= min(len(a), len(b)) - 2


def main():
    kb = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "kb")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(REPO, "data", "answers", "known-words.txt")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# known-words.txt - written by scripts/known_words.py from kb/*.md and the English\n"
                "# words one typo from an emergency trigger; do not edit.\n")
        f.write("".join(w + "\n" for w in sorted(set(words(kb)) | near_misses() | trigger_words())))


if __name__ == "__main__":
    main()
