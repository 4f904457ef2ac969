#!/usr/bin/env python3
"""run_eval.py - the answer evaluation (`make eval`): routing, then answers
judged by their lead (tests/eval/judge.py, tests/eval/README.md).

Environment: LINELEAD_URL, LINELEAD_API_KEY (chat scope) for the running
stack; LINELEAD_CLI (default: build/src/linelead next to the repository, or
`linelead` on PATH) with DATABASE_URL or LINELEAD_CONFIG for ingesting the
test manuals.  Python 3 standard library only.

1. routing: every line of data/routing/heldout.tsv through POST /chat/classify.
2. the test manuals (tests/data/manuals, dev-manuals, blind-manuals2) are
   ingested with `linelead ingest`, as a manager's uploads would be.
3. each set of tests/eval/dev (tuned on) and tests/eval/blind (written blind
   by helpers who never saw the code; never tuned on) through POST
   /chat/production, judged by judge.py: the lead holds what it must, and
   nothing is said that must not be.

Fails below the thresholds (a margin under the figures last measured, see
THRESHOLDS) and whenever an emergency answer of a dev set fails: life safety
is not a percentage.  The blind sets' emergencies are reported, not
enforced: a blind set is never tuned on, so a miss there is a finding to
answer with a new dev question, not a test to fit.  The last line: `eval: routing X%, dev Y%, blind Z%`.
"""
import glob
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import judge  # noqa: E402

# Last measured (fresh stack, ./dev check): routing 98.5, dev 81.9 (1321), blind 70.8 (530: t2, m2, t3, t4).
THRESHOLDS = {"routing": 95.0, "dev": 75.0, "blind": 65.0}
MANUAL_DIRS = ("manuals", "dev-manuals", "dev-manuals3", "blind-manuals2", "blind-manuals4", "blind-manuals13",
               "blind-manuals14", "blind-manuals15", "blind-manuals17", "blind-manuals18",
               "dev-manuals16", "blind-manuals19", "dev-manuals19", "dev-manuals20",
               "blind-manuals20", "dev-manuals21", "blind-manuals21",
               "dev-manuals22", "blind-manuals22", "dev-manuals23", "blind-manuals23")


def cli_path():
    path = os.environ.get("LINELEAD_CLI")
    if path:
        return path
    cand = os.path.join(REPO, "build", "src", "linelead")
    return cand if os.access(cand, os.X_OK) else shutil.which("linelead") or "linelead"


def ingest_manuals():
    files = []
    for d in MANUAL_DIRS:
        files += sorted(f for f in glob.glob(os.path.join(REPO, "tests", "data", d, "*"))
                        if f.endswith((".md", ".txt", ".pdf", ".docx")))
    cmd = [cli_path()]
    if os.environ.get("LINELEAD_CONFIG"):
        cmd += ["-c", os.environ["LINELEAD_CONFIG"]]
    # no --category: each manual's header says it, else ingest guesses (a maker's manual is equipment)
    r = subprocess.run(cmd + ["ingest"] + files, capture_output=True, text=True)
    sys.stdout.write(r.stdout)
    if r.returncode != 0:
        sys.stderr.write(r.stderr)
    return r.returncode == 0


def routing():
    good = total = 0
    with open(os.path.join(REPO, "data", "routing", "heldout.tsv"), encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(cols) < 2 or cols[0] == "query":
                continue
            total += 1
            status, body = judge.post("/chat/classify", {"message": cols[0]})
            good += status == 200 and body.get("classification", {}).get("agent") == cols[1]
    return 100.0 * good / max(total, 1), total


def emergencies_failed(kinds):
    p, n = kinds.get("emergency", [0, 0])
    return n - p


def main():
    for var in ("LINELEAD_URL", "LINELEAD_API_KEY"):
        if not os.environ.get(var):
            print("eval: %s is not set (source var/linelead.env)" % var, file=sys.stderr)
            return 2
    results, failed = {}, []
    results["routing"], n = routing()
    print("routing: %.1f%% of %d held-out questions" % (results["routing"], n))
    if not ingest_manuals():
        print("eval: ingesting the test manuals failed", file=sys.stderr)
        return 1
    for group in ("dev", "blind"):
        sets = sorted(glob.glob(os.path.join(HERE, group, "*.tsv")))
        if not sets:
            continue
        print("== %s sets" % group)
        # a blind set's misses are never printed: whoever reads the log would be fitting it
        quiet = group == "blind" or bool(os.environ.get("EVAL_QUIET"))
        results[group], kinds = judge.run(sets, quiet=quiet)
        if emergencies_failed(kinds) and group == "dev":
            failed.append("%d %s emergency answers" % (emergencies_failed(kinds), group))
    print("eval: routing %.1f%%, dev %.1f%%, blind %.1f%%"
          % (results["routing"], results.get("dev", 0), results.get("blind", 0)))
    failed += ["%s < %.0f%%" % (k, v) for k, v in THRESHOLDS.items() if k in results and results[k] < v]
    if failed:
        print("eval: FAILED: %s" % ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
