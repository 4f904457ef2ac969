#!/usr/bin/env python3
"""The cluster test (issue 15): nothing acknowledged is lost across an app
node's crash and a PostgreSQL primary's failover.

It brings up a private cluster with scripts/cluster.sh (etcd, Patroni with a
primary and a synchronous standby, two app nodes, HAProxy; all on 127.0.0.1,
ports 12700-12799 and PostgreSQL 5621-5622 unless told otherwise), then, under
a steady load of chat requests through the balancer for at least 60 s:

  0. drains app node 1 (maintenance): no new requests reach it, none fails;
  1. SIGKILLs app node 2's nginx and pool: the balancer routes around it
     within seconds; starts it again: it takes traffic again;
  2. SIGKILLs the primary's postmaster: Patroni promotes the standby; the
     requests in the gap get a 503 JSON error quickly (never a hang past the
     request budget); the workers reconnect by themselves; the old primary
     rejoins as a standby;
  3. checks in the surviving database that every request answered 200 has its
     exchange (question and answer) stored exactly once by request id, that
     no request that failed left half an exchange, and that a client's retry
     with its Idempotency-Key stores nothing twice;
  4. holds the balancer's chain-wide rate limit and the reporting role's
     standby connection to what docs/CLUSTER.md says.

The cluster is torn down at the end (--keep leaves it up).  Every wait is
bounded; the whole run takes about two and a half minutes.  The last line is
`cluster: N requests, N answered 200, lost 0, duplicates 0, failover S s`.
Exit 0 when every check passed, 1 otherwise, 77 when etcd, Patroni or
HAProxy is not installed (./dev deps installs them).
"""

import argparse
import http.client
import json
import os
import shutil
import ssl
import subprocess
import sys
import threading
import time
import uuid

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CLUSTER = os.path.join(REPO, "scripts", "cluster.sh")
sys.path.insert(0, os.path.join(REPO, "tests", "e2e"))

REQUEST_BUDGET_S = 30.0  # the pool's request_timeout_ms
QUESTIONS = [
    "grill shows E03, what do I do?",
    "what temperature should the fryer oil be?",
    "how long can cut tomatoes sit out?",
    "how do I close the store at night?",
    "new hire starts on fries tomorrow, what do I teach first?",
    "walk in cooler reads 45 degrees",
    "customer says their burger is undercooked",
    "how do I calibrate the probe thermometer?",
    "shake machine is making a grinding noise",
    "how often do we change the sanitizer bucket?",
]

results = {"passed": 0, "failed": 0}


def check(ok, what):
    results["passed" if ok else "failed"] += 1
    print(("ok - " if ok else "FAIL - ") + what, flush=True)
    return ok


def say(msg):
    print("# " + msg, flush=True)


class Cluster:
    def __init__(self, directory, env):
        self.dir = directory
        self.env = env
        self.vars = {}

    def run(self, *args, timeout=300, check_rc=True):
        lead = 2 if args[0].startswith("node-") else 1  # node-kill N [DIR]
        p = subprocess.run([CLUSTER, *args[:lead], self.dir, *args[lead:]],
                           env=self.env, capture_output=True, text=True, timeout=timeout)
        if check_rc and p.returncode != 0:
            raise RuntimeError(f"cluster.sh {' '.join(args)} failed ({p.returncode}):\n{p.stderr[-3000:]}")
        return p

    def load_env(self):
        with open(os.path.join(self.dir, "linelead.env")) as f:
            for line in f:
                if line.startswith("export "):
                    k, v = line[7:].strip().split("=", 1)
                    self.vars[k] = v.strip("'")

    def members(self):
        """{name: (role, state, sync)} from Patroni's REST API."""
        out = {}
        p = self.run("pg-members", check_rc=False, timeout=30)
        for line in p.stdout.splitlines():
            f = line.split()
            if len(f) >= 4:
                out[f[0]] = (f[1], f[2], f[3])
        return out

    def sql(self, query, url=None, timeout=60):
        url = url or self.vars["LINELEAD_ADMIN_DATABASE_URL"]
        p = subprocess.run(["/usr/lib/postgresql/15/bin/psql", "-X", "-At", "-F", "\t",
                            "-v", "ON_ERROR_STOP=1", url, "-c", query],
                           capture_output=True, text=True, timeout=timeout,
                           env={**os.environ, "PGCONNECT_TIMEOUT": "5"})
        if p.returncode != 0:
            raise RuntimeError(f"psql failed: {p.stderr.strip()}")
        return [line.split("\t") for line in p.stdout.splitlines() if line]

    def lb_stat(self):
        """{server: (status, total sessions)} of the balancer's app nodes."""
        sock = os.path.join(self.dir, "haproxy", "admin.sock")
        p = subprocess.run(["python3", "-c", """
import socket, sys
s = socket.socket(socket.AF_UNIX); s.settimeout(3); s.connect(sys.argv[1])
s.sendall(b"show stat\\n"); d = b""
while True:
    c = s.recv(65536)
    if not c: break
    d += c
sys.stdout.write(d.decode())""", sock], capture_output=True, text=True, timeout=10)
        out = {}
        lines = p.stdout.splitlines()
        if not lines:
            return out
        head = lines[0].lstrip("# ").split(",")
        for line in lines[1:]:
            row = dict(zip(head, line.split(",")))
            if row.get("pxname") == "app_nodes" and row.get("svname", "").startswith("node"):
                out[row["svname"]] = (row.get("status", "?"), int(row.get("stot") or 0))
        return out


class Client:
    """One HTTPS connection to the balancer (reconnected after a failure)."""

    def __init__(self, port, source=None):
        self.port = port
        self.source = (source, 0) if source else None
        self.ctx = ssl.create_default_context()
        self.ctx.check_hostname = False
        self.ctx.verify_mode = ssl.CERT_NONE
        self.conn = None

    def request(self, method, path, body=None, headers=None, timeout=REQUEST_BUDGET_S + 10):
        if self.conn is None:
            self.conn = http.client.HTTPSConnection("127.0.0.1", self.port, context=self.ctx, timeout=timeout,
                                                    source_address=self.source)
        try:
            self.conn.request(method, path, body=body, headers=headers or {})
            r = self.conn.getresponse()
            data = r.read()
            if r.getheader("Connection", "").lower() == "close":
                self.conn.close()
                self.conn = None
            return r.status, r.getheaders(), data
        except (OSError, http.client.HTTPException) as e:
            self.conn.close()
            self.conn = None
            return 0, [], str(e).encode()


class Load:
    """Steady chat load: each request a new conversation and its own
    Idempotency-Key, so the database says what became of each one."""

    def __init__(self, port, key, run_id, threads, pause):
        self.port, self.key, self.run_id = port, key, run_id
        self.threads, self.pause = threads, pause
        self.records = []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.workers = []

    def ask(self, client, conv, idem, question):
        body = json.dumps({"message": question, "conversation_id": conv})
        headers = {"Authorization": "Bearer " + self.key, "Content-Type": "application/json",
                   "Idempotency-Key": idem}
        t0 = time.monotonic()
        status, hdrs, data = client.request("POST", "/chat/production", body, headers)
        t1 = time.monotonic()
        try:
            doc = json.loads(data)
        except ValueError:
            doc = None
        return {"conv": conv, "idem": idem, "question": question, "start": t0, "end": t1,
                "status": status, "headers": hdrs, "body": data, "doc": doc}

    def loop(self, n):
        client = Client(self.port)
        i = 0
        while not self.stop.is_set():
            i += 1
            conv = f"cl-{self.run_id}-{n}-{i}"
            rec = self.ask(client, conv, uuid.uuid4().hex, QUESTIONS[(n + i) % len(QUESTIONS)])
            with self.lock:
                self.records.append(rec)
            self.stop.wait(self.pause)

    def start(self):
        for n in range(self.threads):
            t = threading.Thread(target=self.loop, args=(n,), daemon=True)
            t.start()
            self.workers.append(t)

    def finish(self):
        self.stop.set()
        for t in self.workers:
            t.join(REQUEST_BUDGET_S + 15)

    def between(self, t0, t1):
        with self.lock:
            return [r for r in self.records if t0 <= r["start"] < t1]


def wait_until(fn, seconds, step=0.25):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        v = fn()
        if v:
            return v
        time.sleep(step)
    return None


def error_shape_ok(rec):
    """A JSON error body of the one shape, with a request id."""
    d = rec["doc"]
    return (isinstance(d, dict) and isinstance(d.get("error"), dict)
            and isinstance(d["error"].get("code"), str) and isinstance(d["error"].get("message"), str)
            and isinstance(d["error"].get("request_id"), str))


def conforms(rec, contract):
    if contract is None:
        return []
    return contract.check("POST", "/chat/production", rec["status"], rec["headers"], rec["body"])


def phase_node_kill(cl, load, contract):
    """1: app node 2 dies and comes back."""
    before = cl.lb_stat()
    t_kill = time.monotonic()
    cl.run("node-kill", "2")
    t_killed = time.monotonic()
    down = wait_until(lambda: cl.lb_stat().get("node2", ("?",))[0].startswith("DOWN"), 15)
    t_down = time.monotonic()
    check(down is not None, f"the balancer took node 2 out {t_down - t_kill:.1f} s after its SIGKILL")
    time.sleep(6)  # traffic on node 1 alone
    t_back0 = time.monotonic()
    alone = load.between(t_down + 0.5, t_back0)
    bad = [r for r in alone if r["status"] != 200]
    check(len(alone) > 20 and not bad,
          f"with node 2 down, node 1 answered all {len(alone)} requests ({len(bad)} errors)")
    around = load.between(t_kill - 1, t_down + 0.5)
    failed = [r for r in around if r["status"] != 200]
    check(len(failed) <= load.threads,
          f"the node's crash cost at most the requests in flight on it ({len(failed)} errors, "
          f"{load.threads} clients): {sorted(set(r['status'] for r in failed))}")
    for r in failed:
        if r["status"] and not error_shape_ok(r):
            check(False, f"error answer during the node kill is not the JSON error shape: {r['body'][:200]!r}")
            break
    cl.run("node-start", "2", timeout=120)
    up = wait_until(lambda: cl.lb_stat().get("node2", ("?",))[0] == "UP", 20)
    check(up is not None, f"node 2 is back in the balancer {time.monotonic() - t_back0:.1f} s after its start")
    s0 = cl.lb_stat().get("node2", ("?", 0))[1]
    took = wait_until(lambda: cl.lb_stat().get("node2", ("?", 0))[1] >= s0 + 10, 15)
    check(took is not None, f"node 2 takes traffic again ({before.get('node2', ('?', 0))[1]} requests "
          f"before its crash, {cl.lb_stat().get('node2', ('?', 0))[1]} now)")
    return t_kill, t_killed


def phase_drain(cl, load):
    """0: a node drained for maintenance gets no new requests; nobody notices."""
    t0 = time.monotonic()
    cl.run("node-drain", "1")
    time.sleep(0.5)  # requests already on node 1 finish there
    s0 = cl.lb_stat().get("node1", ("?", 0))[1]
    time.sleep(4)
    s1 = cl.lb_stat().get("node1", ("?", 0))[1]
    cl.run("node-ready", "1")
    during = load.between(t0, time.monotonic())
    bad = [r for r in during if r["status"] != 200]
    check(s1 == s0 and len(during) > 20 and not bad,
          f"node 1 drained: it got {s1 - s0} new requests in 4 s, node 2 answered the "
          f"{len(during)} requests ({len(bad)} errors)")
    took = wait_until(lambda: cl.lb_stat().get("node1", ("?", 0))[1] >= s1 + 10, 15)
    check(took is not None, "node 1 takes traffic again once ready")


def phase_failover(cl, load, contract):
    """2: the primary's postmaster dies; returns (kill time, failover seconds)."""
    old = cl.run("pg-kill-primary").stdout.strip()
    t_kill = time.monotonic()
    say(f"SIGKILLed the postmaster of {old}, the primary")
    other = [n for n in ("pg1", "pg2") if n != old][0]
    promoted = wait_until(lambda: cl.members().get(other, ("",))[0] in ("master", "primary"), 40)
    check(promoted is not None, f"Patroni promoted {other} {time.monotonic() - t_kill:.1f} s after the kill")
    # Service back: the first 200 after which requests stop failing.
    back = wait_until(lambda: ok_since(load, t_kill), 45)
    rejoined = wait_until(lambda: cl.members().get(old, ("", "", ""))[0] == "replica"
                          and cl.members().get(old)[1] in ("running", "streaming"), 60)
    check(rejoined is not None, f"the old primary {old} rejoined as a standby "
          f"{time.monotonic() - t_kill:.1f} s after the kill")
    sync = wait_until(lambda: cl.members().get(old, ("", "", ""))[2] == "sync", 30)
    check(sync is not None, f"{old} is the synchronous standby again")
    # both nodes' workers found the new primary themselves: each answers again
    s0 = cl.lb_stat()
    time.sleep(3)
    s1 = cl.lb_stat()
    recent = load.between(time.monotonic() - 3, time.monotonic())
    check(all(s1.get(n, ("", 0))[1] > s0.get(n, ("", 0))[1] for n in ("node1", "node2"))
          and recent and all(r["status"] == 200 for r in recent),
          "the workers of both nodes found the new primary by themselves and answer (no restart)")
    # the old primary's restart as a standby (it is first in the host list
    # half the time) costs nothing: libpq skips a server that is starting up
    late = [r for r in load.between(back or t_kill, time.monotonic()) if r["status"] != 200]
    check(back is not None and not late, f"no request failed after the service was back, through the old "
          f"primary's rejoin ({len(late)} failed: {sorted(set(r['status'] for r in late))})")
    failover = (back - t_kill) if back else float("inf")
    check(back is not None and failover <= 30, f"service back {failover:.1f} s after the primary's death (aim: 30 s)")
    return t_kill, failover


def ok_since(load, t_kill):
    """The start time of the first 200 after the kill that is followed by 3 s
    of nothing but 200s; None while there is none yet."""
    recs = sorted(load.between(t_kill, time.monotonic()), key=lambda r: r["start"])
    last_bad = max((r["start"] for r in recs if r["status"] != 200), default=t_kill)
    after = [r for r in recs if r["start"] > last_bad and r["status"] == 200]
    if after and after[-1]["start"] - after[0]["start"] >= 3:
        return after[0]["start"]
    return None


def check_gap(load, t_kill, failover, contract):
    gap = load.between(t_kill - 1, t_kill + max(failover, 1) + 2)
    errors = [r for r in gap if r["status"] != 200]
    codes = sorted(set(r["status"] for r in errors))
    check(all(r["status"] == 503 for r in errors),
          f"the {len(errors)} requests that failed in the gap got 503 (statuses {codes})")
    check(all(error_shape_ok(r) for r in errors), "each of them a JSON error with a request id")
    check(all(any(k.lower() == "retry-after" for k, _ in r["headers"]) for r in errors if r["status"] == 503),
          "each 503 says Retry-After")
    probs = [p for r in errors[:20] for p in conforms(r, contract)]
    check(not probs, "the gap's answers are what openapi.yaml describes" + (f": {probs[:3]}" if probs else ""))
    slow = max((r["end"] - r["start"] for r in gap), default=0)
    check(slow < REQUEST_BUDGET_S, f"no request in the gap hung: the slowest took {slow:.2f} s "
          f"(budget {REQUEST_BUDGET_S:.0f} s)")


def check_store(cl, load, run_id):
    """3: every 200 stored once, nothing half-stored, nothing twice."""
    rows = cl.sql("SELECT split_part(conversation_id, ':', 2), request_id, role, count(*) FROM messages"
                  f" WHERE conversation_id LIKE '%:cl-{run_id}-%' GROUP BY 1, 2, 3")
    by_conv = {}
    for conv, rid, role, n in rows:
        by_conv.setdefault(conv, []).append((rid, role, int(n)))
    ok200 = [r for r in load.records if r["status"] == 200]
    lost = dup = 0
    for r in ok200:
        rid = (r["doc"] or {}).get("request_id")
        got = [x for x in by_conv.get(r["conv"], []) if x[0] == rid]
        roles = sorted((role, n) for _, role, n in got)
        if roles != [("assistant", 1), ("user", 1)]:
            lost += roles == [] or roles == [("assistant", 1)] or roles == [("user", 1)]
            dup += any(n > 1 for _, n in roles)
    # any conversation of this run: one question and one answer at most,
    # under one request id (a retry replays, never stores a second exchange)
    half = twice = 0
    for conv, got in by_conv.items():
        ids = set(x[0] for x in got)
        counts = {}
        for _, role, n in got:
            counts[role] = counts.get(role, 0) + n
        if counts.get("user", 0) != counts.get("assistant", 0):
            half += 1
        if len(ids) > 1 or counts.get("user", 0) > 1:
            twice += 1
    failed = [r for r in load.records if r["status"] != 200]
    stored_anyway = sum(1 for r in failed if r["conv"] in by_conv)
    check(lost == 0, f"every one of the {len(ok200)} answered requests has its exchange stored ({lost} lost)")
    check(dup + twice == 0, f"no exchange stored twice ({dup + twice} duplicates)")
    check(half == 0, f"no conversation holds half an exchange ({half}); of {len(failed)} failed requests "
          f"{stored_anyway} were stored whole before their answer was lost")
    return len(ok200), lost, dup + twice


def check_retries_stored_once(cl, load, run_id):
    """After the retries: each failed request's question is stored once."""
    rows = cl.sql("SELECT split_part(conversation_id, ':', 2), count(*) FILTER (WHERE role = 'user'),"
                  " count(*) FILTER (WHERE role = 'assistant'), count(DISTINCT request_id) FROM messages"
                  f" WHERE conversation_id LIKE '%:cl-{run_id}-%' GROUP BY 1")
    failed = set(r["conv"] for r in load.records if r["status"] != 200)
    retried = [row for row in rows if row[0] in failed]
    twice = [row for row in retried if row[1:] != ["1", "1", "1"]]
    check(not twice, f"after the retries each of the {len(retried)} retried questions is stored once"
          + (f": {twice[:3]}" if twice else ""))
    return len(twice)


def retry_failed(cl, load):
    """A client that lost its answer retries with its Idempotency-Key: the
    stored answer comes back, or the work is done once."""
    failed = [r for r in load.records if r["status"] != 200]
    if not failed:
        check(True, "no failed request to retry")
        return
    lo = Load(load.port, load.key, load.run_id, 1, 0)
    client = Client(load.port)
    outcomes = []
    deadline = time.monotonic() + 60
    for r in failed[:300]:
        # as the crew app does: the same key again, after Retry-After when
        # told to wait (the load has used most of this key's rate budget)
        for attempt in range(8):
            again = lo.ask(client, r["conv"], r["idem"], r["question"])
            if again["status"] not in (429, 502, 503) or time.monotonic() > deadline:
                break
            wait = dict((k.lower(), v) for k, v in again["headers"]).get("retry-after", "1")
            time.sleep(min(float(wait) if wait.isdigit() else 1.0, 5.0))
        replayed = any(k.lower() == "idempotent-replayed" for k, _ in again["headers"])
        outcomes.append((again["status"], replayed))
    good = sum(1 for s, _ in outcomes if s == 200)
    replays = sum(1 for s, rp in outcomes if rp)
    check(good == len(outcomes), f"{good} of {len(outcomes)} failed requests answered 200 when retried "
          f"with their Idempotency-Key ({replays} were replays of work already stored)")


def check_rate_limit(cl, port, rate, burst):
    """4a: the chain-wide limit: one key, both nodes, one budget."""
    key = cl.run_cli_key()
    window = rate * 10 + burst
    n = window + 60
    statuses = []
    lock = threading.Lock()

    def burst_loop(k):
        c = Client(port, source="127.0.0.2")  # an address of its own: the key's budget binds
        for i in range(k):
            s, hdrs, data = c.request("POST", "/chat/classify", json.dumps({"message": "fryer temp"}),
                                      {"Authorization": "Bearer " + key, "Content-Type": "application/json"})
            with lock:
                statuses.append((s, hdrs, data))

    t0 = time.monotonic()
    ts = [threading.Thread(target=burst_loop, args=(n // 6 + 1,)) for _ in range(6)]
    for t in ts:
        t.start()
    for t in ts:
        t.join(60)
    took = time.monotonic() - t0
    ok = sum(1 for s, _, _ in statuses if s == 200)
    limited = [(s, h, d) for s, h, d in statuses if s == 429]
    check(took < 10 and window - 5 <= ok <= window + 5 and len(limited) >= n - window - 5,
          f"one key over both nodes: {ok} of {len(statuses)} served in {took:.1f} s, {len(limited)} refused "
          f"with 429 (chain-wide budget {window} per 10 s)")
    seen = 0
    for n in ("node1", "node2"):
        try:
            with open(os.path.join(cl.dir, n, "nginx", "access.log")) as f:
                seen += sum(1 for line in f if '"remote_addr":"127.0.0.2"' in line)
        except OSError:
            pass
    check(seen >= ok, f"the nodes' nginx sees the client's address behind the balancer (X-Forwarded-For "
          f"from a trusted proxy): {seen} requests from 127.0.0.2 in their access logs")
    if limited:
        s, h, d = limited[0]
        try:
            doc = json.loads(d)
        except ValueError:
            doc = None
        check(isinstance(doc, dict) and doc.get("error", {}).get("code") == "rate_limited"
              and any(k.lower() == "retry-after" for k, _ in h),
              "a 429 from the balancer is the JSON error with Retry-After")


def check_reporting(cl):
    """4b: the reporting role reads a standby (target_session_attrs=prefer-standby)."""
    url = cl.vars["LINELEAD_REPORT_DATABASE_URL"]
    rows = cl.sql("SELECT pg_is_in_recovery(), (SELECT count(*) FROM conversation_transcripts) > 0,"
                  " (SELECT count(*) FROM daily_volume_by_agent) >= 0", url=url)
    check(rows and rows[0] == ["t", "t", "t"],
          f"the reporting role reads the views on a standby (in recovery, rows: {rows})")
    try:
        cl.sql("INSERT INTO feedback (request_id, rating) VALUES ('x', 'up')", url=url)
        check(False, "the reporting role cannot write")
    except RuntimeError as e:
        check("read-only" in str(e) or "permission denied" in str(e), "the reporting role cannot write")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", default=os.path.join(REPO, "var", "cluster-test"))
    ap.add_argument("--port-base", default=os.environ.get("LINELEAD_CLUSTER_TEST_PORT_BASE", "12700"))
    ap.add_argument("--pg-port", default=os.environ.get("LINELEAD_CLUSTER_TEST_PG_PORT", "5621"))
    ap.add_argument("--seconds", type=float, default=65, help="load duration, at least 60")
    ap.add_argument("--threads", type=int, default=6)
    ap.add_argument("--pause", type=float, default=0.15, help="each client's pause between requests")
    ap.add_argument("--keep", action="store_true", help="leave the cluster up")
    args = ap.parse_args()

    for tool in ("etcd", "patroni", "haproxy"):
        if not shutil.which(tool):
            print(f"# {tool} is not installed (./dev deps installs it): the cluster test cannot run")
            return 77
    rate, burst = 40, 50
    env = {**os.environ, "LINELEAD_CLUSTER_PORT_BASE": args.port_base, "LINELEAD_CLUSTER_PG_PORT": args.pg_port,
           "LINELEAD_CLUSTER_NODES": "2", "LINELEAD_CLUSTER_RATE_LIMIT": str(rate),
           "LINELEAD_CLUSTER_RATE_BURST": str(burst),
           # the nodes' own nginx limits above the chain's: the balancer's is the one that binds
           "LINELEAD_RATE_LIMIT": "200", "LINELEAD_RATE_BURST": "400"}
    for k in ("DATABASE_URL", "LINELEAD_ADMIN_DATABASE_URL", "LINELEAD_URL", "API_KEY"):
        env.pop(k, None)
    cl = Cluster(args.dir, env)
    cl.run_cli_key = lambda: run_cli_key(cl)
    try:
        from openapi import contract as load_contract
        contract = load_contract()
    except Exception as e:  # the description is checked by the e2e suite; here it is a bonus
        say(f"openapi.yaml not loaded ({e}): responses are checked for the error shape only")
        contract = None

    t_start = time.monotonic()
    cl.run("down", check_rc=False, timeout=120)
    shutil.rmtree(args.dir, ignore_errors=True)
    requests_n = ok_n = lost = dups = 0
    failover = float("nan")
    try:
        p = cl.run("up", timeout=300)
        say(p.stderr.strip().splitlines()[-1] if p.stderr.strip() else "cluster up")
        say(f"cluster up in {time.monotonic() - t_start:.0f} s")
        cl.load_env()
        port = int(cl.vars["LINELEAD_URL"].rsplit(":", 1)[1])
        run_id = uuid.uuid4().hex[:8]
        load = Load(port, cl.vars["LINELEAD_API_KEY"], run_id, args.threads, args.pause)
        t0 = time.monotonic()
        load.start()
        time.sleep(5)
        phase_drain(cl, load)
        t_node_kill = phase_node_kill(cl, load, contract)  # (before the kill, after it)
        time.sleep(3)
        t_kill, failover = phase_failover(cl, load, contract)
        rest = args.seconds - (time.monotonic() - t0)
        if rest > 0:
            time.sleep(rest)
        load.finish()
        took = time.monotonic() - t0
        requests_n = len(load.records)
        say(f"load: {requests_n} requests in {took:.0f} s ({requests_n / took:.1f}/s) from {args.threads} clients")
        check(took >= 60, f"the load ran {took:.0f} s (at least 60)")
        check_gap(load, t_kill, failover, contract)
        ok200 = [r for r in load.records if r["status"] == 200]
        probs = [p for r in ok200[:: max(1, len(ok200) // 20)] for p in conforms(r, contract)]
        check(not probs, "the answers are what openapi.yaml describes" + (f": {probs[:3]}" if probs else ""))
        # a request whose answer was on its way out of the killed node when it
        # died can only be cut off (0 here): the balancer had sent its 200's
        # headers already
        cut = [r for r in load.records if r["status"] == 0
               and r["start"] <= t_node_kill[1] and r["end"] >= t_node_kill[0]]
        other = [r for r in load.records if r["status"] not in (200, 502, 503) and r not in cut]
        check(not other, f"no request failed otherwise ({sorted(set(r['status'] for r in other))}"
              f"{': ' + other[0]['body'][:100].decode('utf-8', 'replace') if other else ''}); "
              f"{len(cut)} cut off in flight on the killed node"
              + (f" ({cut[0]['body'][:80].decode('utf-8', 'replace')})" if cut else ""))
        ok_n, lost, dups = check_store(cl, load, run_id)
        retry_failed(cl, load)
        dups += check_retries_stored_once(cl, load, run_id)
        check_reporting(cl)
        check_rate_limit(cl, port, rate, burst)
    except Exception as e:  # a step that could not run is a failure with its reason
        check(False, f"the cluster test could not finish: {e}")
    finally:
        if not args.keep:
            p = cl.run("down", check_rc=False, timeout=180)
            if p.returncode != 0:
                check(False, f"cluster.sh down failed: {p.stderr[-500:]}")
    say(f"{results['passed']} checks passed, {results['failed']} failed, in {time.monotonic() - t_start:.0f} s")
    print(f"cluster: {requests_n} requests, {ok_n} answered 200, lost {lost}, duplicates {dups}, "
          f"failover {failover:.1f} s", flush=True)
    return 0 if results["failed"] == 0 else 1


def run_cli_key(cl):
    p = subprocess.run([os.path.join(REPO, "scripts", "stack.sh"), "cli", os.path.join(cl.dir, "node1"),
                        "apikey", "create", "--name", "cluster-test-burst", "--scope", "chat"],
                       env=cl.env, capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        raise RuntimeError(f"apikey create failed: {p.stderr.strip()}")
    return p.stdout.strip().splitlines()[-1]


if __name__ == "__main__":
    sys.exit(main())
