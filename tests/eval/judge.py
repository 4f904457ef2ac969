#!/usr/bin/env python3
"""judge.py - judges answers by their lead and by what they must never say.

    judge.py [-q] SET.tsv [SET.tsv ...]     (make eval runs it on every set;
                                             -q prints the figures, not the misses)

A set is a tab-separated file of questions (tests/eval/README.md):
    id, kind, agent, question, lead, must_not, source
question: the crew's text; a follow-up's turns are separated by " || " and
asked in one conversation; only the last answer is judged.
lead: groups separated by ";", all required, each a "|" list of
alternatives; one alternative of each group must appear (case-insensitive)
in the answer's lead: its first two sentences and its first three steps.
must_not: "|" alternatives, none may appear anywhere in the answer
(response, steps, warnings).

An answer passes when its lead holds every group and it says nothing it
must not.  Routing (the expected agent among agents_consulted) is counted
apart.  Prints each miss with its lead, per-kind and overall figures, the
words of the leads, and last `judge: N% of M (set ...)`.  Environment as
run_eval.py: LINELEAD_URL, LINELEAD_API_KEY.  Python 3 standard library.
"""
import collections
import json
import os
import re
import ssl
import sys
import time
import urllib.error
import urllib.request

CTX = ssl._create_unverified_context()  # the dev stack's certificate is self-signed
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"(])|\n+")


def post(path, body):
    req = urllib.request.Request(
        os.environ["LINELEAD_URL"].rstrip("/") + path, data=json.dumps(body).encode(), method="POST",
        headers={"Authorization": "Bearer " + os.environ["LINELEAD_API_KEY"],
                 "Content-Type": "application/json"})
    for attempt in range(5):
        try:
            with urllib.request.urlopen(req, context=CTX, timeout=30) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as e:
            if e.code == 429 and attempt < 4:
                time.sleep(1.0 + attempt)
                continue
            return e.code, json.loads(e.read() or b"{}")
    return 0, {}


def read_set(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            cols += [""] * (7 - len(cols))
            rows.append(dict(zip(("id", "kind", "agent", "question", "lead", "must_not", "source"), cols)))
    return rows


def lead_of(body):
    sentences = [s.strip() for s in SENTENCE_END.split(body.get("response", "")) if s.strip()]
    return " ".join(sentences[:2] + body.get("steps", [])[:3])


def norm(text):
    return text.lower().replace("\u00b0 f", "\u00b0f").replace("\u2011", "-")


def judge(row, body):
    lead = norm(lead_of(body))
    everything = norm(" ".join([body.get("response", "")] + body.get("steps", []) +
                               body.get("safety_warnings", [])))
    problems = []
    for group in [g for g in row["lead"].split(";") if g.strip()]:
        alts = [norm(a.strip()) for a in group.split("|") if a.strip()]
        if not any(a in lead for a in alts):
            problems.append("lead lacks %s" % group.strip())
    for bad in [norm(b.strip()) for b in row["must_not"].split("|") if b.strip()]:
        if bad in everything:
            problems.append("says %r" % bad)
    return problems


def ask(row):
    conversation = None
    body = {}
    for turn in row["question"].split(" || "):
        msg = {"message": turn.strip()}
        if conversation:
            msg["conversation_id"] = conversation
        status, body = post("/chat/production", msg)
        if status != 200:
            return None, "HTTP %d" % status
        conversation = body.get("conversation_id")
    return body, None


def words(text):
    return len(re.findall(r"\S+", text))


def run(paths, quiet=False):
    """Asks every question of the sets; returns (percent passed, {kind: [passed, asked]})."""
    kinds = collections.defaultdict(lambda: [0, 0])
    routed = total = good = 0
    lead_words, first_words, all_words = [], [], []
    for path in paths:
        for row in read_set(path):
            total += 1
            body, err = ask(row)
            problems = [err] if err else judge(row, body)
            k = kinds[row["kind"]]
            k[1] += 1
            if body and row["agent"] in body.get("agents_consulted", []):
                routed += 1
            if body:
                lead_words.append(words(lead_of(body)))
                sentences = [x for x in SENTENCE_END.split(body.get("response", "")) if x.strip()]
                first_words.append(words(" ".join(sentences[:2])))
                all_words.append(words(" ".join([body.get("response", "")] + body.get("steps", []) +
                                                body.get("safety_warnings", []))))
            if not problems:
                good += 1
                k[0] += 1
            elif not quiet:
                lead = lead_of(body) if body else ""
                print("  miss %s [%s] %r: %s\n      lead: %s" % (row["id"], row["kind"], row["question"],
                                                            "; ".join(problems), lead[:300]))
    for kind in sorted(kinds):
        p, n = kinds[kind]
        print("  %-10s %5.1f%% of %d" % (kind, 100.0 * p / n, n))
    for name, ws in (("first two sentences", first_words), ("lead (two sentences, three steps)", lead_words),
                     ("whole answer", all_words)):
        ws.sort()
        if ws:
            print("  words, %s: median %d, p90 %d" % (name, ws[len(ws) // 2], ws[int(len(ws) * 0.9)]))
    print("  routing: %.1f%% of %d" % (100.0 * routed / max(total, 1), total))
    pct = 100.0 * good / max(total, 1)
    print("judge: %.1f%% of %d (%s)" % (pct, total, ", ".join(os.path.basename(p) for p in paths)))
    return pct, dict(kinds)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "-q"]
    if not args:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    run(args, quiet="-q" in sys.argv[1:])  # -q: figures only, no misses (a blind set's first contact)
