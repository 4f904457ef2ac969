#!/usr/bin/env python3
"""retrieval.py - time the retriever's SQL over 50 varied questions.

    DATABASE_URL=... python3 bench/retrieval.py [label]

The statement text is RETRIEVE_SQL of src/answer/retriever.c, read through the C
preprocessor (cpp), so the benchmark times exactly what the workers run: all
three tiers in one statement, the looser ones only when the tighter ones found
too little.  Each question is executed as a prepared statement under psql
\\timing, once to warm up and once measured; prints p50/p95/max in ms.
Python 3 standard library and cpp.
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


def retrieve_sql():
    """RETRIEVE_SQL as the compiler sees it: the #define lines of
    src/answer/retriever.h and src/answer/retriever.c through the C preprocessor, the
    string literals joined."""
    defines = []
    for name in ("retriever.h", "retriever.c"):
        text = open(os.path.join(REPO, "src", "answer", name)).read()
        defines += re.findall(r"^#define (?:[^\n]*\\\n)*[^\n]*", text, re.M)
    src = "\n".join(defines) + "\nSQL_BEGIN RETRIEVE_SQL SQL_END\n"
    r = subprocess.run(["cpp", "-P"], input=src, capture_output=True, text=True, check=True)
    body = r.stdout.split("SQL_BEGIN", 1)[1].split("SQL_END", 1)[0]
    return "".join(x.replace('\\"', '"') for x in re.findall(r'"((?:[^"\\]|\\.)*)"', body))


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
    # planned as the workers plan it (src/store/db.c: plan_cache_mode)
    script = ["\\set ON_ERROR_STOP 1", "SET plan_cache_mode = force_generic_plan;",
              "PREPARE search(text, text[], text[], text) AS " + retrieve_sql() + ";",
              "\\o /dev/null", "\\timing on"]
    qs = questions()
    cats = "'{equipment,safety}'"
    for q in qs:
        ws = words(q)
        script.append("EXECUTE search(%s, %s, %s, %s);" % (
            lit(q), lit(codes(q)), cats, lit(" ".join(ws))))
    # warm-up pass, then the measured pass
    text = "\n".join(script[:5] + script[5:] + script[5:]) + "\n"
    r = subprocess.run(["psql", os.environ["DATABASE_URL"], "-X", "-q"], input=text,
                       capture_output=True, text=True)
    if r.returncode:
        sys.stderr.write(r.stderr)
        return 1
    times = [float(t) for t in re.findall(r"Time: ([0-9.]+) ms", r.stdout + r.stderr)]
    times = times[len(times) // 2:]
    label = sys.argv[1] if len(sys.argv) > 1 else ""
    print("%s search n=%d p50 %.2f ms p95 %.2f ms max %.2f ms"
          % (label, len(times), pct(times, 0.5), pct(times, 0.95), max(times)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
