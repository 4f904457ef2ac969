"""Reliability under load and faults (issue 5), on a private stack with the
rate limit lifted (faults.private_stack), loopback only, bounded in time.

- load_with_faults: LINELEAD_LOAD_REQUESTS (2000) chat requests at
  LINELEAD_LOAD_CONCURRENCY (48) while a random worker is SIGKILLed every
  ~2 s and PostgreSQL is restarted once; then every 200 is in messages
  exactly once (user + assistant, by X-Request-ID), every other answer is a
  JSON 5xx/429 error, nothing hung or was cut off, /health is 200 again.
- idempotent_retry_after_worker_kills (issue 14): chat requests with an
  Idempotency-Key while workers are SIGKILLed; every one that failed (502,
  a cut connection) is sent again with its key until answered: each question
  is then stored exactly once (0 duplicates), and a retry of one whose
  answer was stored before its worker died gets that answer (same request_id).
- sighup_under_load, nginx_reload_under_load: no request lost (all 200).
- stuck_worker_killed: a worker stopped (SIGSTOP) mid-request is killed by
  the master's watchdog (request_timeout_ms + 5 s) and replaced.
- master_stalled_shows_in_health: a SIGSTOPped master makes /health degraded.
- master_killed: SIGKILL of the master under load leaves 0 pool processes;
  stack.sh start (the supervisor's restart) brings the service back.
- restart_clears_orphans: a worker that outlived its master is stopped by
  stack.sh start before the new master starts.
- worker_killed_mid_pdf: a worker SIGKILLed during pdftotext leaves neither
  pdftotext nor the uploaded file behind.
- sigterm_drains_private: SIGTERM while requests are in flight: they finish.
"""

import collections
import glob
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
import uuid

import faults
import harness
import openapi
import pdfgen
from harness import Fail, check, expect_ok_json, wait_until

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "load"))
import driver  # noqa: E402

REQUESTS = int(os.environ.get("LINELEAD_LOAD_REQUESTS", "2000"))
CONCURRENCY = int(os.environ.get("LINELEAD_LOAD_CONCURRENCY", "48"))
REQUEST_TIMEOUT_MS = 2000         # the watchdog kills a stuck worker after 2 s + 5 s
CLIENT_TIMEOUT = 30.0


def _stack():
    h = faults.private_stack("reliability", rate_limit=0, rate_burst=0, workers=4,
                             env={"LINELEAD_REQUEST_TIMEOUT_MS": str(REQUEST_TIMEOUT_MS)})
    if not h.pool_pid():    # a failed test before this one left the pool down
        h.stack("start")
    wait_until(lambda: h.get("/health", timeout=5).status == 200, 20, 0.25, "private stack healthy")
    return h


def _cafile(h):
    return h.path("nginx", "tls", "cert.pem")


def _run(h, jobs, concurrency, keepalive=True):
    return _conformed(driver.run("127.0.0.1", h.https_port, jobs, concurrency=concurrency,
                                 cafile=_cafile(h), timeout=CLIENT_TIMEOUT, keepalive=keepalive))


def _conformed(results):
    """The load driver's responses, each held against openapi.yaml: one the
    description does not allow fails the suite's openapi_contract check."""
    for res in results:
        if res is not None and res.status is not None:
            openapi.contract().check(res.job.method, res.job.path, res.status, res.headers, res.body)
    return results


def _stored(h, run_id):
    """request_id -> {role: (count, marker)} of the messages this run wrote."""
    rows = h.sql(f"""SELECT request_id, role, count(*),
                            max(substring(content from 'mk-[0-9a-f]+-[0-9]+'))
                       FROM messages WHERE conversation_id LIKE '%:rel-{run_id}-%'
                      GROUP BY 1, 2""", timeout=60)
    out = collections.defaultdict(dict)
    for rid, role, n, marker in rows:
        out[rid][role] = (int(n), marker)
    return out


def _account(h, results, run_id):
    """Check every answer; returns (Counter of statuses, problems list,
    stored-but-not-200 count)."""
    statuses = collections.Counter()
    problems = []
    ok = {}
    for res in results:
        if res is None:
            problems.append("a request never finished (client thread hung)")
            continue
        marker, conv = res.job.tag
        if res.status is None:
            statuses["transport-error"] += 1
            problems.append(f"{marker}: no complete answer: {res.error}")
            continue
        statuses[res.status] += 1
        rid = driver.header(res, "X-Request-ID")
        if res.status == 200:
            try:
                body = json.loads(res.body)
            except ValueError as exc:
                problems.append(f"{marker}: 200 with a torn body ({exc}): {res.body[:120]!r}")
                continue
            if not rid or body.get("request_id") != rid:
                problems.append(f"{marker}: request_id {body.get('request_id')!r} != X-Request-ID {rid!r}")
            if body.get("conversation_id") != conv:
                problems.append(f"{marker}: conversation_id {body.get('conversation_id')!r} != {conv}")
            if not isinstance(body.get("response"), str) or not body["response"]:
                problems.append(f"{marker}: 200 without a response text")
            ok[rid] = marker
        else:
            if not (res.status == 429 or 500 <= res.status <= 599):
                problems.append(f"{marker}: HTTP {res.status} (expected 200, 429 or 5xx): {res.body[:160]!r}")
            why = faults.error_shape(res.status, res.headers, res.body)
            if why:
                problems.append(f"{marker}: {why}")
    stored = _stored(h, run_id)
    for rid, marker in ok.items():
        roles = stored.get(rid, {})
        for role in ("user", "assistant"):
            n, m = roles.get(role, (0, None))
            if n != 1:
                problems.append(f"{marker} (request {rid}) answered 200 but has {n} {role} rows")
            elif role == "user" and m != marker:
                problems.append(f"{marker} (request {rid}): the stored user message carries {m!r}")
    extra = len(set(stored) - set(ok))
    return statuses, problems, extra


def _report(what, problems):
    if problems:
        shown = "\n  ".join(problems[:12])
        raise Fail(f"{what}: {len(problems)} problems:\n  {shown}")


# ------------------------------------------------------------------ the load run
def test_reliability_load_with_faults(h0):
    faults.extend_alarm(420)
    h = _stack()
    run_id = uuid.uuid4().hex[:8]
    jobs = driver.chat_jobs(REQUESTS, h.chat_key, run_id)
    pool = h.pool_pid()
    killed, pg_restarts, pg_back = [], [], []
    done = threading.Event()
    progress = collections.Counter()
    lock = threading.Lock()

    def count(_res):
        with lock:
            progress["n"] += 1

    def injector():
        # First kill after 1 s, then every ~2 s; one PostgreSQL restart once
        # about a third of the requests are answered.
        next_kill = time.monotonic() + 1.0
        while not done.is_set():
            now = time.monotonic()
            if not pg_restarts and progress["n"] >= REQUESTS // 4:
                pg_restarts.append(faults.pg_restart(h))
                pg_back.append(time.monotonic())
            if now >= next_kill:
                victim = faults.kill_random_worker(h)
                if victim:
                    killed.append(victim)
                next_kill = now + 2.0
            done.wait(0.1)

    inj = threading.Thread(target=injector, daemon=True)
    inj.start()
    t0 = time.monotonic()
    try:
        results = _conformed(driver.run("127.0.0.1", h.https_port, jobs, concurrency=CONCURRENCY,
                                        cafile=_cafile(h), timeout=CLIENT_TIMEOUT, on_result=count))
    finally:
        done.set()
        inj.join(60)
    wall = time.monotonic() - t0
    # The pool is healthy again within 15 s, with the same master.
    wait_until(lambda: h.get("/health", timeout=5).status == 200, 15, 0.25, "/health 200 after the run")
    check(h.pool_pid() == pool, "the pool master changed during the run")
    statuses, problems, extra = _account(h, results, run_id)
    ok = statuses.get(200, 0)
    others = {k: v for k, v in statuses.items() if k != 200}
    lost = len({p.split(" ", 1)[0] for p in problems})
    print(f"# load: {len(results)} requests in {wall:.0f}s at concurrency {CONCURRENCY}; "
          f"200: {ok}; other: {others}; faults: {len(killed)} workers SIGKILLed, "
          f"{len(pg_restarts)} PostgreSQL restart ({pg_restarts[0] if pg_restarts else 0:.1f}s); "
          f"stored without a 200: {extra}; lost: {lost}")
    check(len(killed) >= 2, f"only {len(killed)} workers killed: the run was too short to prove much")
    check(pg_restarts, "PostgreSQL was not restarted during the run (the run ended first)")
    _report("load with faults", problems)
    # While PostgreSQL is down requests fail fast (503); once it is back the
    # pool must recover by itself: requests sent 3 s after the restart
    # completed are answered (a SIGKILLed worker's request may still be a 502).
    after = [r for r in results if r and r.started > pg_back[0] + 3.0]
    after_ok = sum(1 for r in after if r.status == 200)
    print(f"# load: {len(after)} requests sent 3 s after PostgreSQL was back, {after_ok} answered 200")
    check(len(after) >= REQUESTS // 4, f"only {len(after)} requests after the restart: the run proves little")
    check(after_ok >= len(after) - 2 * len(killed) - 5,
          f"the pool did not recover after the PostgreSQL restart: {after_ok} of {len(after)} answered 200")


# ------------------------------------------------------------------ idempotent retries
# Under ASan/UBSan (scripts/sanitize.sh) every answer costs several times
# as much: half the questions prove the same and keep the test well inside
# its alarm on a loaded machine (it took 234 s of 300 with 600).
IDEM_REQUESTS = int(os.environ.get("LINELEAD_IDEM_REQUESTS",
                                   "300" if os.environ.get("LINELEAD_UNDER_SANITIZER") else "600"))


def _with_keys(jobs):
    """The same jobs, each with an Idempotency-Key of its own (its marker)."""
    return [job._replace(headers=dict(job.headers, **{"Idempotency-Key": job.tag[0]})) for job in jobs]


def _stored_once(h, run_id):
    """marker -> (user rows, assistant rows, request_id) of this run."""
    rows = h.sql(f"""SELECT substring(content from 'mk-[0-9a-f]+-[0-9]+') AS marker,
                            count(*), max(request_id),
                            (SELECT count(*) FROM messages a WHERE a.role = 'assistant'
                                AND a.request_id = max(u.request_id))
                       FROM messages u WHERE conversation_id LIKE '%:rel-{run_id}-%' AND role = 'user'
                      GROUP BY 1""", timeout=60)
    return {m: (int(n), int(na), rid) for m, n, rid, na in rows}


# The kills stop after the first two rounds or FAULT_SECONDS, whichever
# comes first: bounded by rounds alone, a slow round (ASan in a full run:
# 341 s, and once past the 420 s alarm, against 102 s alone) drew more kills,
# which made the next slower still.
FAULT_SECONDS = 60


def test_reliability_idempotent_retry_after_worker_kills(h0):
    faults.extend_alarm(420)
    h = _stack()
    run_id = uuid.uuid4().hex[:8]
    jobs = _with_keys(driver.chat_jobs(IDEM_REQUESTS, h.chat_key, run_id))
    killed = []
    done = threading.Event()
    fault_end = time.monotonic() + FAULT_SECONDS

    def injector():
        while not done.wait(0.25) and time.monotonic() < fault_end:
            victim = faults.kill_random_worker(h)
            if victim:
                killed.append(victim)

    final, retried, replayed, rounds = {}, 0, 0, 0
    todo = jobs
    inj = threading.Thread(target=injector, daemon=True)
    inj.start()
    try:
        while todo and rounds < 6:
            if rounds == 2:
                done.set()          # the last rounds run without faults: all must end answered
            results = _run(h, todo, 24)
            rounds += 1
            again = []
            for job, res in zip(todo, results):
                if res is not None and res.status == 200:
                    final[job.tag[0]] = res
                    if driver.header(res, "Idempotent-Replayed") == "true":
                        replayed += 1
                else:
                    again.append(job)
            retried += len(again)
            todo = again
            time.sleep(0.5)
    finally:
        done.set()
        inj.join(10)
    wait_until(lambda: h.get("/health", timeout=5).status == 200, 15, 0.25, "/health 200 after the run")
    stored = _stored_once(h, run_id)
    problems = []
    for job in jobs:
        marker = job.tag[0]
        res = final.get(marker)
        if res is None:
            problems.append(f"{marker}: never answered 200 in {rounds} rounds")
            continue
        users, assistants, rid = stored.get(marker, (0, 0, None))
        if users != 1 or assistants != 1:
            problems.append(f"{marker}: stored {users} questions and {assistants} answers (expected 1 and 1)")
        body = json.loads(res.body)
        if body.get("request_id") != rid:
            problems.append(f"{marker}: answered with request {body.get('request_id')}, stored as {rid}")
    print(f"# idempotent retries: {len(jobs)} questions, {len(killed)} workers SIGKILLed, "
          f"{retried} retries in {rounds} rounds, {replayed} answered from the store, "
          f"duplicates: {sum(1 for u, a, _ in stored.values() if u > 1 or a > 1)}")
    check(len(killed) >= 3, f"only {len(killed)} workers killed: the run proves little")
    _report("idempotent retries after worker kills", problems)


# ------------------------------------------------------------------ lifecycle
def _traffic_with(h, n, concurrency, action, keepalive=True, run_id=None):
    """Run n chat requests; call action() in a thread once a quarter are done."""
    run_id = run_id or uuid.uuid4().hex[:8]
    jobs = driver.chat_jobs(n, h.chat_key, run_id)
    state = {"n": 0, "fired": False, "extra": None}
    lock = threading.Lock()
    fired = threading.Event()

    def on_result(_res):
        with lock:
            state["n"] += 1
            go = not state["fired"] and state["n"] >= n // 4
            if go:
                state["fired"] = True
        if go:
            state["extra"] = action()
            fired.set()

    results = _conformed(driver.run("127.0.0.1", h.https_port, jobs, concurrency=concurrency,
                                    cafile=_cafile(h), timeout=CLIENT_TIMEOUT, keepalive=keepalive,
                                    on_result=on_result))
    check(fired.is_set(), "the action never ran")
    return results, run_id, state["extra"]


def test_reliability_sighup_under_load(h0):
    faults.extend_alarm(180)
    h = _stack()
    pool = h.pool_pid()
    before = h.worker_pids()

    def hup():
        for _ in range(2):
            os.kill(pool, signal.SIGHUP)
            time.sleep(0.7)
        return None
    results, run_id, _ = _traffic_with(h, 400, 16, hup)
    statuses, problems, _ = _account(h, results, run_id)
    print(f"# sighup: {len(results)} requests, 2 reloads, statuses {dict(statuses)}")
    _report("SIGHUP under load", problems)
    check(statuses.get(200, 0) == len(results), f"a reload lost requests: {dict(statuses)}")
    check(h.pool_pid() == pool, "the pool master changed on SIGHUP")
    now = wait_until(lambda: (lambda p: p if len(p) >= len(before) else None)(h.worker_pids()),
                     10, 0.2, "a full pool after the reload")
    check(set(now) - set(before), f"SIGHUP did not replace the workers: before {before}, now {now}")


def test_reliability_nginx_reload_under_load(h0):
    faults.extend_alarm(180)
    h = _stack()
    ngx = faults.nginx_pid(h)

    def reload():
        faults.nginx_reload(h)
        time.sleep(1.0)
        faults.nginx_reload(h)
        return None
    # A connection per request: an idle kept-alive connection that the old
    # nginx workers close races with the next request on it (not a loss on
    # the server's side, but indistinguishable from one here).
    results, run_id, _ = _traffic_with(h, 400, 16, reload, keepalive=False)
    statuses, problems, _ = _account(h, results, run_id)
    print(f"# nginx reload: {len(results)} requests, 2 reloads, statuses {dict(statuses)}")
    _report("nginx reload under load", problems)
    check(statuses.get(200, 0) == len(results), f"an nginx reload lost requests: {dict(statuses)}")
    check(faults.nginx_pid(h) == ngx, "the nginx master changed")



def _stop_a_busy_worker(h):
    """SIGSTOP a worker caught in the middle of a request: (pid, when)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        for pid in h.worker_pids():
            if faults.worker_in_accept(pid) is not False:
                continue
            os.kill(pid, signal.SIGSTOP)
            time.sleep(0.05)
            # Stopped in poll() (waiting on PostgreSQL) is mid-request
            # for sure; "not idle" alone also matches the instants
            # between the idle wait and its bookkeeping.
            mid = faults.worker_waiting_mid_request(pid)
            if mid is None:
                mid = faults.worker_in_accept(pid) is False
            if mid and pid in h.worker_pids():
                return pid, time.monotonic()
            os.kill(pid, signal.SIGCONT)
        time.sleep(0.02)
    check(False, "could not catch a worker in the middle of a request")


def _gone_within(h, pid, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if pid not in h.worker_pids():
            return True
        time.sleep(0.2)
    return False

def test_reliability_stuck_worker_killed(h0):
    """SIGSTOP a worker while it serves a request: the master's watchdog kills
    it once it is busy past request_timeout_ms + 5 s, a new worker takes its
    place, the stuck request gets a JSON 5xx, the others keep being served."""
    faults.extend_alarm(120)
    h = _stack()
    pool = h.pool_pid()
    stop = threading.Event()
    results = []
    run_id = uuid.uuid4().hex[:8]

    def traffic():
        i = 0
        while not stop.is_set():
            jobs = driver.chat_jobs(8, h.chat_key, f"{run_id}{i:03d}")
            results.extend(_run(h, jobs, 8))
            i += 1
    threads = [threading.Thread(target=traffic, daemon=True) for _ in range(2)]
    for t in threads:
        t.start()
    victim = None
    try:
        victim, t_stop = _stop_a_busy_worker(h)
        budget = REQUEST_TIMEOUT_MS / 1000.0 + 5.0
        if not _gone_within(h, victim, budget + 10):
            # stopped in the instant after its request ended (idle on the
            # scoreboard, which the watchdog rightly spares): once more
            os.kill(victim, signal.SIGCONT)
            victim, t_stop = _stop_a_busy_worker(h)
            check(_gone_within(h, victim, budget + 10),
                  f"the watchdog did not kill stuck worker {victim} in {budget + 10:.0f}s")
        killed_after = time.monotonic() - t_stop
        wait_until(lambda: len(h.worker_pids()) >= 4, 10, 0.2, "the stuck worker to be replaced")
        time.sleep(1.0)
    finally:
        if victim and victim in h.worker_pids():
            os.kill(victim, signal.SIGCONT)
        stop.set()
        for t in threads:
            t.join(60)
    check(h.pool_pid() == pool, "the pool master changed")
    statuses = collections.Counter(r.status if r else None for r in results)
    print(f"# stuck worker {victim}: killed {killed_after:.1f}s after SIGSTOP "
          f"(budget {budget:.0f}s); traffic meanwhile {dict(statuses)}")
    check(killed_after <= budget + 3, f"killed only after {killed_after:.1f}s (budget {budget:.1f}s)")
    log = h.log_tail("log/linelead.log", 400)
    check(re.search(r'"event":"worker_stuck".*' + str(victim), log),
          f"no worker_stuck log line for {victim}")
    bad = [r for r in results if r is None or r.status is None]
    check(not bad, f"requests without an answer: {[r.error if r else 'hung' for r in bad][:3]}")
    for r in results:
        if r.status != 200:
            check(r.status >= 500, f"HTTP {r.status}: {r.body[:200]!r}")
            why = faults.error_shape(r.status, r.headers, r.body)
            check(why is None, why)
    check(statuses.get(200, 0) >= 20, f"too little traffic served meanwhile: {dict(statuses)}")
    expect_ok_json(h.get("/health"))


def _master_state(h):
    r = h.get("/health", timeout=5)
    body = json.loads(r.body) if r.header("Content-Type", "").startswith("application/json") else {}
    return r.status, body.get("status"), (body.get("master") or {}).get("status")


def test_reliability_master_stalled_shows_in_health(h0):
    """A frozen master (SIGSTOP): nobody replaces, recycles or watches the
    workers, so /health says degraded, master stalled; healthy once it runs."""
    faults.extend_alarm(60)
    h = _stack()
    pool = h.pool_pid()
    check(_master_state(h) == (200, "healthy", "ok"), f"/health before: {_master_state(h)}")
    os.kill(pool, signal.SIGSTOP)
    try:
        wait_until(lambda: _master_state(h) == (200, "degraded", "stalled"), 15, 0.5,
                   "/health to report the frozen master (degraded, master stalled)")
    finally:
        os.kill(pool, signal.SIGCONT)
    wait_until(lambda: _master_state(h) == (200, "healthy", "ok"), 10, 0.2,
               "/health healthy again once the master runs")


def test_reliability_master_killed(h0):
    """SIGKILL of the pool master under load: its workers finish what they
    hold and exit (parent-death signal) - 0 processes of the pool are left;
    meanwhile every 200 was stored exactly once and every other answer is a
    JSON 5xx; then the supervisor's restart (stack.sh start, as ./dev up or
    systemd) brings the service back with a new master."""
    faults.extend_alarm(180)
    h = _stack()
    pool = h.pool_pid()
    seen = {}

    def kill_master():
        seen["workers"] = h.worker_pids()
        os.kill(pool, signal.SIGKILL)
    results, run_id, _ = _traffic_with(h, 300, 8, kill_master, keepalive=False)
    check(seen.get("workers"), "no workers were running when the master was killed")
    wait_until(lambda: not faults.pool_processes(h), 15, 0.1,
               "every process of the pool to exit after its master was killed")
    gone_after = [w for w in seen["workers"] if harness.pid_alive(w)]
    check(not gone_after, f"orphaned workers still alive: {gone_after}")
    statuses, problems, _ = _account(h, results, run_id)
    print(f"# master SIGKILL: {dict(statuses)}; 0 orphan processes")
    _report("master SIGKILL", problems)
    r = h.get("/health")
    check(r.status == 502 and faults.error_shape(r.status, r.header_list, r.body) is None,
          f"/health with no pool: HTTP {r.status} {r.body[:200]!r} (expected nginx's JSON 502)")
    h.stack("start")
    new = h.pool_pid()
    check(new and new != pool, f"stack.sh start did not start a new master (old {pool}, now {new})")
    wait_until(lambda: h.get("/health", timeout=5).status == 200, 20, 0.25, "/health 200 after the restart")
    expect_ok_json(h.post_json("/chat/production", {"message": "how do I close the store"},
                               key=h.chat_key))


def test_reliability_restart_clears_orphans(h0):
    """A worker that cannot exit when its master dies (stopped, so the
    parent-death signal waits) is an orphan: stack.sh start (./dev up) stops
    it before it starts the new master - never beside it."""
    faults.extend_alarm(90)
    h = _stack()
    pool = h.pool_pid()
    # a worker still starting would be SIGKILLed with its master, not orphaned
    victim = wait_until(lambda: faults.waiting_workers(h), 20, 0.1, "a worker waiting for requests")[0]
    os.kill(victim, signal.SIGSTOP)
    os.kill(pool, signal.SIGKILL)
    try:
        wait_until(lambda: faults.pool_processes(h) == [victim], 15, 0.1,
                   "only the stopped worker to be left")
        check(faults.parent_of(victim) != pool, "the stopped worker was not re-parented")
        h.stack("start")
        new = h.pool_pid()
        check(new and new != pool, "stack.sh start did not start a new master")
        check(not harness.pid_alive(victim), f"stack.sh start left orphan {victim} running")
        procs = faults.pool_processes(h)
        strays = [p for p in procs if p != new and faults.parent_of(p) != new]
        check(not strays, f"pool processes that are not the new master's: {strays}")
    finally:
        if harness.pid_alive(victim):
            os.kill(victim, signal.SIGKILL)
    wait_until(lambda: h.get("/health", timeout=5).status == 200, 20, 0.25, "/health 200 after the restart")


def test_reliability_worker_killed_mid_pdf(h0):
    """A worker SIGKILLed while pdftotext reads an uploaded PDF: pdftotext
    dies with it (parent-death signal) and the upload leaves no file behind
    (unlinked as soon as it was created); the client gets a JSON 502 and the
    worker is replaced."""
    faults.extend_alarm(90)
    h = _stack()
    d = tempfile.mkdtemp(prefix="linelead-slowpdf-")
    path = os.path.join(d, "slow.pdf")
    pdfgen.write_slow_pdf(path, 300)          # ~8 s of pdftotext, under 1 MiB
    with open(path, "rb") as f:
        pdf = f.read()
    shutil.rmtree(d)
    uploads_before = set(glob.glob("/tmp/linelead-upload-*"))
    answer = {}

    def upload():
        try:
            answer["r"] = h.request("POST", "/documents?title=Slow%20manual&category=equipment",
                                    body=pdf, key=h.admin_key, timeout=60,
                                    headers={"Content-Type": "application/pdf"})
        except Exception as exc:   # reported below
            answer["error"] = exc
    t = threading.Thread(target=upload, daemon=True)
    t.start()

    def converting():
        for w in h.worker_pids():
            kids = faults.descendants_named(w, "pdftotext")
            if kids:
                return w, kids[0]
        return None
    worker, tool = wait_until(converting, 20, 0.05, "pdftotext to run under a worker")
    held = [p for pid in (worker, tool) for p in faults.open_files(pid)
            if not p.startswith(h.dir + "/")]
    os.kill(worker, signal.SIGKILL)
    t_kill = time.monotonic()
    try:
        wait_until(lambda: not faults.running(tool, "pdftotext"), 3, 0.05,
                   f"pdftotext {tool} to die with its worker {worker}")
    finally:
        if faults.running(tool, "pdftotext"):
            os.kill(tool, signal.SIGKILL)     # do not leave it running
    print(f"# pdftotext {tool} gone {time.monotonic() - t_kill:.2f}s after its worker; "
          f"files it and the worker held: {held}")
    left = [p for p in held if os.path.exists(p.removesuffix(" (deleted)"))]
    check(not left, f"the killed upload left files behind: {left}")
    new_uploads = set(glob.glob("/tmp/linelead-upload-*")) - uploads_before
    check(not new_uploads, f"temporary uploads left in /tmp: {sorted(new_uploads)}")
    t.join(30)
    check("r" in answer, f"the upload got no answer: {answer.get('error')}")
    why = faults.error_shape(answer["r"].status, answer["r"].header_list, answer["r"].body)
    check(answer["r"].status == 502 and why is None,
          f"the upload whose worker died: HTTP {answer['r'].status}, {why}")
    wait_until(lambda: len(h.worker_pids()) >= 4, 10, 0.2, "the killed worker to be replaced")
    expect_ok_json(h.get("/health"))


def test_reliability_sigterm_drains(h0):
    """SIGTERM to the master while requests are in flight: those requests
    finish with a whole 200 (stored exactly once); requests after it get a
    JSON 502 from nginx; nothing is cut off.  The private stack is stopped
    afterwards."""
    faults.extend_alarm(120)
    h = _stack()
    pool = h.pool_pid()
    t_term = {}

    def term():
        t_term["t"] = time.monotonic()
        os.kill(pool, signal.SIGTERM)
    try:
        results, run_id, _ = _traffic_with(h, 200, 8, term, keepalive=False)
        wait_until(lambda: h.pool_pid() is None, 30, 0.1, "the pool to exit after SIGTERM")
        statuses, problems, _ = _account(h, results, run_id)
        in_flight = [r for r in results if r and r.status == 200
                     and r.started < t_term["t"] < r.started + r.elapsed]
        print(f"# sigterm: {dict(statuses)}; {len(in_flight)} requests in flight at SIGTERM finished 200")
        _report("SIGTERM drain", problems)
        check(set(statuses) <= {200, 502}, f"unexpected statuses: {dict(statuses)}")
        check(in_flight, "no request was in flight at SIGTERM (the test proves nothing)")
    finally:
        faults.stop_private_stack("reliability")
