#!/usr/bin/env python3
"""retrieval.py - time the retriever's SQL over 50 varied questions.

    DATABASE_URL=... python3 bench/retrieval.py [label]

The statement text is read from src/retriever.c (RETRIEVE_SQL), so the
benchmark times exactly what the workers run.  For each question, the strict
tier (websearch_to_tsquery of the question) and the loosest tier (any one
word, to_tsquery 'a | b | c') are executed as prepared statements under psql
\\timing; prints p50/p95/max in ms for each tier and for their sum (the cost
of a question that falls through to the last tier).  Standard library only.
"""
import os
import re
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # bench/ is one level down
STOP = set("a about after all an and any are as at be can could do does for from get got had has "
           "have how i if in is it its just me my need no not of on or our should so that the "
           "their them then there they this to up us was we what when where which who why will "
           "with would you your".split())


def macro(src, name):
    """The C string literals of a #define name(TSQUERY...) joined, TSQUERY as @Q@, M as @M@."""
    body = src[src.index("#define " + name + "("):]
    body = re.split(r"\n\n|\n#define", body[1:], maxsplit=1)[0]
    body = body.split("\\\n", 1)[1] if "\\\n" in body else body.split(")", 1)[1]
    out = []
    for x in re.finditer(r'"((?:[^"\\]|\\.)*)"|\b(TSQUERY|M)\b', body):
        if x.group(2):
            out.append("@Q@" if x.group(2) == "TSQUERY" else "@M@")
        else:
            out.append(x.group(1).replace('\\"', '"'))
    return "".join(out)


def retrieve_sql(tier):
    """The statement of tier 'strict' or 'words', as retriever.c builds it."""
    src = open(os.path.join(REPO, "src", "retriever.c")).read()
    m = macro(src, "M_FIRST")
    return macro(src, "RETRIEVE_SQL").replace("@M@", m)


def questions():
    qs = []
    for name in ("tests/eval/facts.tsv", "tests/eval/manual.tsv"):
        for line in open(os.path.join(REPO, name), encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                qs.append(line.split("\t")[0])
    step = max(1, len(qs) // 50)
    return qs[::step][:50]


def words(q):
    ws = []
    for w in re.findall(r"[a-z0-9]+", q.lower()):
        if len(w) > 1 and w not in STOP and w not in ws:
            ws.append(w)
    return ws[:8]


def codes(q):
    out = []
    for m in re.finditer(r"\b([A-Za-z]{1,4})-?0*([0-9]{1,5})([A-Za-z]?)\b", q):
        c = (m.group(1) + str(int(m.group(2))) + m.group(3)).upper()
        if (len(m.group(2)) > 1 or "-" in m.group(0) or m.group(1).lower() in ("e", "f")) and c not in out:
            out.append(c)
    return "{" + ",".join(out) + "}"


def lit(s):
    return "'" + s.replace("'", "''") + "'"


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p * (len(xs) - 1))))]


def main():
    strict, loose = retrieve_sql("strict"), retrieve_sql("words")
    script = ["\\set ON_ERROR_STOP 1",
              "PREPARE web(text, text[], text[]) AS " + strict.replace("@Q@", "websearch_to_tsquery('english', $1)") + ";",
              "PREPARE tsq(text, text[], text[]) AS " + loose.replace("@Q@", "to_tsquery('english', $1)") + ";",
              "\\o /dev/null", "\\timing on"]
    qs = questions()
    for q in qs:
        cats = "'{equipment,safety}'"
        script.append("EXECUTE web(%s, %s, %s);" % (lit(q), lit(codes(q)), cats))
        script.append("EXECUTE tsq(%s, %s, %s);" % (lit(" | ".join(words(q)) or "x"), lit(codes(q)), cats))
    # warm-up pass, then the measured pass
    text = "\n".join(script[:5] + script[5:] + script[5:]) + "\n"
    r = subprocess.run(["psql", os.environ["DATABASE_URL"], "-X", "-q"], input=text,
                       capture_output=True, text=True)
    if r.returncode:
        sys.stderr.write(r.stderr)
        return 1
    times = [float(t) for t in re.findall(r"Time: ([0-9.]+) ms", r.stdout + r.stderr)]
    times = times[len(times) // 2:]
    web, tsq = times[0::2], times[1::2]
    both = [a + b for a, b in zip(web, tsq)]
    label = sys.argv[1] if len(sys.argv) > 1 else ""
    for name, xs in (("strict", web), ("any-word", tsq), ("both", both)):
        print("%s %-8s n=%d p50 %.2f ms p95 %.2f ms max %.2f ms"
              % (label, name, len(xs), pct(xs, 0.5), pct(xs, 0.95), max(xs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
