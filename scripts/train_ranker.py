#!/usr/bin/env python3
"""train_ranker.py - fits the section ranker's weights (make train-ranker).

    train_ranker.py [LABELLED.tsv ...] OUT.tsv    (default: data/ranking/labelled*.tsv
                                                   -> data/answers/ranker.tsv)

LABELLED.tsv (data/ranking/labelled.tsv): question, manual file, section
heading, kind, lead.  Every question goes through `linelead rank-features`
(the answer path's own understanding, retrieval and sections, so the
features are exactly the ones the product computes), each candidate
section is labelled right when it is the labelled file's section, and a
conditional-logit model (softmax over each question's candidates) is fitted
with an L2 penalty; a one-variable logistic fit then calibrates its scale
and bias so that the score is the chance a section is the right one (the
composer's "not found" and "second part" cut-offs read it that way).

One question in five (by a hash of its text) is held out: the fit never
sees it; the printed held-out top-1 accuracy is the figure to watch.
Writes OUT.tsv (data/answers/ranker.tsv).  Needs LINELEAD_CLI (or
build/src/linelead), LINELEAD_CONFIG or the environment the CLI reads, and
DATABASE_URL (psql) to name each document's source file.  Python 3
standard library only.
"""
import glob
import hashlib
import math
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
L2 = 0.002
RATE = 1.0
ROUNDS = 2000


def cli():
    path = os.environ.get("LINELEAD_CLI") or os.path.join(REPO, "build", "src", "linelead")
    cmd = [path]
    if os.environ.get("LINELEAD_CONFIG"):
        cmd += ["-c", os.environ["LINELEAD_CONFIG"]]
    return cmd


def read_labels(path):
    """{line number: (question, file, section heading or answer phrase)}.
    labelled.tsv names the section (5 columns: ..., kind, lead); labelled2.tsv
    gives an exact phrase of the passage that answers (4 columns: ..., kind)."""
    labels = {}
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            cols = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(cols) < 3:
                continue
            kind = cols[3] if len(cols) > 3 else ""
            if kind == "emergency":
                continue  # emergencies are answered by their tagged card, not ranked
            labels[lineno] = (cols[0], cols[1], cols[2], len(cols) == 4)
    return labels


def source_keys():
    out = subprocess.run(["psql", os.environ["DATABASE_URL"], "-AtF", "\t", "-c",
                          "SELECT id, source_key FROM documents"], capture_output=True, text=True, check=True)
    return dict((int(a), b) for a, b in (l.split("\t", 1) for l in out.stdout.splitlines() if "\t" in l))


def candidates(labelled):
    out = subprocess.run(cli() + ["rank-features", labelled], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("train_ranker: linelead rank-features failed:\n" + out.stderr)
    lines = out.stdout.splitlines()
    names = lines[0].split("\t")[3:]
    groups = {}
    for line in lines[1:]:
        cols = line.split("\t")
        groups.setdefault(int(cols[0]), []).append((int(cols[1]), cols[2], [float(x) for x in cols[3:]]))
    return names, groups


def squash(text):
    return " ".join(text.split())


def is_right(label, key, path, bodies=None):
    _, file, target, is_phrase = label
    if key != file:
        return False
    if is_phrase:
        return squash(target) in bodies.get((key, path), "")
    return target in path.split(" > ")


def section_bodies():
    """{(source_key, section): its whole text, white space squashed}."""
    out = subprocess.run(["psql", os.environ["DATABASE_URL"], "-AtF", "\x1f", "-R", "\x1e", "-c",
                          "SELECT d.source_key, c.section, string_agg(c.body, ' ' ORDER BY c.ordinal)"
                          " FROM chunks c JOIN documents d ON d.id = c.document_id GROUP BY 1, 2"],
                         capture_output=True, text=True, check=True)
    bodies = {}
    for rec in out.stdout.split("\x1e"):
        cols = rec.split("\x1f")
        if len(cols) == 3:
            bodies[(cols[0].strip("\n"), cols[1])] = squash(cols[2])
    return bodies


def resolve(label, bodies):
    """The (source, section path) a label names, or None."""
    _, file, target, is_phrase = label
    for (key, path), body in bodies.items():
        if key == file and ((is_phrase and squash(target) in body) or
                            (not is_phrase and target in path.split(" > "))):
            return key, path
    return None


def write_asked(labelled, bodies, path):
    """asked.tsv: the training split's questions by the section they ask
    about (src/answer/asked.h); held-out questions never go in."""
    rows = set()
    for lpath in labelled:
        for label in read_labels(lpath).values():
            where = resolve(label, bodies)
            # a follow-up's words are half its earlier turn's: it would teach
            # the memory that the earlier turn asks the follow-up's section
            if where and not held_out(label[0]) and " || " not in label[0]:
                rows.add("%s\t%s\t%s" % (where[0], where[1], label[0]))
    with open(path, "w", encoding="utf-8") as f:
        f.write("# asked.tsv - written by scripts/train_ranker.py from the labelled training\n"
                "# questions (held-out ones never): source<TAB>section<TAB>question.\n")
        f.write("".join(r + "\n" for r in sorted(rows)))
    return len(rows)


def held_out(question):
    return hashlib.sha1(question.encode()).digest()[0] % 5 == 0


def dot(w, f):
    return sum(a * b for a, b in zip(w, f))


def fit(data, nf):
    """Conditional logit: data is a list of (features list, index of right)."""
    w = [0.0] * nf
    for _ in range(ROUNDS):
        grad = [0.0] * nf
        for feats, right in data:
            s = [dot(w, f) for f in feats]
            m = max(s)
            e = [math.exp(x - m) for x in s]
            z = sum(e)
            for k, f in enumerate(feats):
                p = e[k] / z - (1.0 if k == right else 0.0)
                for j in range(nf):
                    grad[j] += p * f[j]
        for j in range(nf):
            w[j] -= RATE * (grad[j] / len(data) + L2 * w[j])
    return w


def calibrate(data, w):
    """P(right) = sigmoid(a * score + b) over every candidate."""
    a, b = 1.0, 0.0
    points = [(dot(w, f), 1.0 if k == right else 0.0) for feats, right in data for k, f in enumerate(feats)]
    for _ in range(300):
        ga = gb = 0.0
        for s, y in points:
            p = 1.0 / (1.0 + math.exp(-(a * s + b)))
            ga += (p - y) * s
            gb += p - y
        a -= 0.5 * ga / len(points)
        b -= 0.5 * gb / len(points)
    return a, b


def top1(data, w):
    good = sum(1 for feats, right in data if max(range(len(feats)), key=lambda k: dot(w, feats[k])) == right)
    return 100.0 * good / max(len(data), 1)


def main():
    labelled = sys.argv[1:-1] or sorted(glob.glob(os.path.join(REPO, "data", "ranking", "labelled*.tsv")))
    out_path = sys.argv[-1] if len(sys.argv) > 1 else os.path.join(REPO, "data", "answers", "ranker.tsv")
    keys, bodies = source_keys(), section_bodies()
    asked = write_asked(labelled, bodies, os.path.join(os.path.dirname(out_path), "asked.tsv"))
    print("train_ranker: %d training questions remembered per section (asked.tsv)" % asked)
    train, test, missed, nlabels = [], [], 0, 0
    for path in labelled:
        labels = read_labels(path)
        names, groups = candidates(path)
        nlabels += len(labels)
        for lineno, label in labels.items():
            cands = groups.get(lineno, [])
            right = [k for k, (doc, sec, _) in enumerate(cands) if is_right(label, keys.get(doc), sec, bodies)]
            if not right:
                missed += 1
                continue
            (test if held_out(label[0]) else train).append(([f for _, _, f in cands], right[0]))

    nf = len(names)
    bias = names.index("bias")
    first = names.index("first")
    base = [0.0] * nf
    base[first] = 1.0
    print("train_ranker: %d questions, right section among the candidates for %d (%.1f%%)"
          % (nlabels, nlabels - missed, 100.0 * (nlabels - missed) / max(nlabels, 1)))
    print("train_ranker: retriever order alone: top-1 %.1f%% train, %.1f%% held-out"
          % (top1(train, base), top1(test, base)))
    w = fit(train, nf)
    a, b = calibrate(train, w)
    w = [a * x for x in w]
    w[bias] += b
    print("train_ranker: learned: top-1 %.1f%% train (%d), %.1f%% held-out (%d)"
          % (top1(train, w), len(train), top1(test, w), len(test)))
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("# ranker.tsv - the section ranker's weights (src/answer/rank.h), written by\n"
                "# `make train-ranker` (scripts/train_ranker.py) from data/ranking/labelled.tsv:\n"
                "# %d questions, held-out top-1 %.1f%% (%d questions).\n"
                % (nlabels, top1(test, w), len(test)))
        for name, x in zip(names, w):
            f.write("%s\t%.4f\n" % (name, x))
    print("train_ranker: wrote %s" % out_path)


if __name__ == "__main__":
    main()
