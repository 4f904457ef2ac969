"""Fault injection and private stacks for the reliability suites (issue 5).

Helpers on top of harness.py (which stays the one way to start a stack):

    private_stack(name, **harness_kw) -> Harness   a second stack on its own
        ports, started once per run and stopped at exit; for tests that need
        other settings than the shared one (no rate limit, a short request
        budget) or that break things.
    extend_alarm(seconds)      give the running test more time than the
        runner's per-test default (the runner resets the alarm afterwards).
    pg_restart(h)              pg_ctl restart -m fast of the stack's cluster.
    nginx_pid(h), nginx_reload(h)
    kill_random_worker(h)      SIGKILL one child of the pool master.
    worker_in_accept(pid)      is the worker idle (waiting for a request)?
    worker_waiting_mid_request(pid)  is it in poll() serving one?
    error_shape(res_status, headers, body)  None or what is wrong
    table_counts(h, tables)    {table: row count}
"""

import atexit
import json
import os
import platform
import random
import signal
import subprocess

import harness

PG_BIN_DEFAULT = "/usr/lib/postgresql/15/bin"

_stacks = {}


def private_stack(name, **kw):
    """A stack of our own, started on first use and kept for the run."""
    h = _stacks.get(name)
    if h is not None and h.started:
        return h
    # LINELEAD_E2E_KEEP=1 (scripts/sanitize.sh): stop the stack but keep its
    # directory, whose logs hold the pool's stderr.
    kw.setdefault("keep", os.environ.get("LINELEAD_E2E_KEEP") == "1")
    h = harness.Harness(**kw)
    _stacks[name] = h
    atexit.register(h.stop)
    h.start()
    return h


def stop_private_stack(name):
    h = _stacks.pop(name, None)
    if h is not None:
        h.stop()


def extend_alarm(seconds):
    signal.alarm(int(seconds))


def _pg_bin():
    p = os.environ.get("LINELEAD_PG_BIN") or PG_BIN_DEFAULT
    if os.path.exists(os.path.join(p, "pg_ctl")):
        return p
    cands = sorted(d for d in os.listdir("/usr/lib/postgresql") if d.isdigit())
    return f"/usr/lib/postgresql/{cands[-1]}/bin"


def pg_restart(h, timeout=60):
    """pg_ctl restart -m fast of the stack's cluster (as postgres when root);
    returns the seconds it took."""
    import time
    pgdata = h.path("pg", "data")
    cmd = [os.path.join(_pg_bin(), "pg_ctl"), "-D", pgdata, "-l", h.path("pg", "postgresql.log"),
           "-m", "fast", "-w", "-t", "30", "restart"]
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--"] + cmd
    t0 = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                       timeout=timeout, close_fds=True)
    if p.returncode != 0:
        raise harness.Fail(f"pg_ctl restart failed ({p.returncode}): {p.stderr.strip()}\n"
                           + h.log_tail("pg/postgresql.log", 10))
    return time.monotonic() - t0


def nginx_pid(h):
    try:
        with open(h.path("nginx", "nginx.pid")) as f:
            pid = int(f.read().strip())
    except (OSError, ValueError):
        return None
    return pid if harness.pid_alive(pid) else None


def nginx_reload(h):
    """What `nginx -s reload` does for this stack's nginx: SIGHUP its master."""
    pid = nginx_pid(h)
    if not pid:
        raise harness.Fail("nginx is not running")
    os.kill(pid, signal.SIGHUP)
    return pid


def kill_random_worker(h, sig=signal.SIGKILL):
    """Signal one child of the pool master (never anything else); its pid or None."""
    pids = h.worker_pids()
    if not pids:
        return None
    victim = random.choice(pids)
    # Re-check the parent right before the kill: the pid must still be a child.
    if victim not in h.worker_pids():
        return None
    os.kill(victim, sig)
    return victim


# Where an idle worker waits: ppoll() on the listening socket (pool/child.c's
# child_wait_request), or accept()/accept4() - syscall numbers per machine.
# A busy worker waits in poll() (libpq, libcurl), never in ppoll().
_IDLE_SYSCALLS = {
    "x86_64": {"43", "288", "271"},      # accept, accept4, ppoll
    "aarch64": {"202", "242", "73"},     # accept, accept4, ppoll
}.get(platform.machine(), set())


# Where a busy worker waits on PostgreSQL: poll() with no timeout (libpq's
# pqSocketPoll).  libfcgi's OS_Accept also polls, for 2 s, on a just-accepted
# unix-socket connection - before the worker marks its slot busy, so a worker
# stopped there is rightly spared by the watchdog: only an unbounded poll
# counts.  aarch64 has no poll(): libc's poll() is ppoll() there, which an
# idle worker uses too, so the question has no answer (None).
_SERVING_SYSCALLS = {"x86_64": {"7"}}.get(platform.machine())


def worker_waiting_mid_request(pid):
    """True when the (stopped) worker sits in poll() without a timeout inside
    a request (libpq waiting on PostgreSQL), False when it is anywhere else,
    None when this machine cannot tell."""
    if _SERVING_SYSCALLS is None:
        return None
    try:
        with open(f"/proc/{pid}/syscall") as f:
            first = f.read().split()
    except OSError:
        return False
    if not first or first[0] not in _SERVING_SYSCALLS or len(first) < 4:
        return False
    return int(first[3], 16) & 0xffffffff == 0xffffffff     # timeout -1


def worker_in_accept(pid):
    """True when the worker is waiting for a request (idle), False when it
    is elsewhere (serving one), None when unknown."""
    try:
        with open(f"/proc/{pid}/syscall") as f:
            first = f.read().split()
    except OSError:
        return None
    if not first or first[0] == "running":
        return False
    return first[0] in _IDLE_SYSCALLS if _IDLE_SYSCALLS else None


def error_shape(status, headers, body):
    """None when (status, headers, body) is a JSON error in the DESIGN.md
    shape whose request_id is the X-Request-ID header, else what is wrong."""
    hdr = {k.lower(): v for k, v in headers or ()}
    if not hdr.get("content-type", "").startswith("application/json"):
        return f"HTTP {status}: Content-Type {hdr.get('content-type')!r}"
    try:
        obj = json.loads(body)
    except ValueError as exc:
        return f"HTTP {status}: body is not JSON ({exc}): {body[:200]!r}"
    err = obj.get("error") if isinstance(obj, dict) else None
    if not isinstance(err, dict):
        return f"HTTP {status}: no error object: {body[:200]!r}"
    for field in ("code", "message", "request_id"):
        if not isinstance(err.get(field), str) or not err[field]:
            return f"HTTP {status}: error.{field} missing: {body[:200]!r}"
    if not hdr.get("x-request-id"):
        return f"HTTP {status}: no X-Request-ID"
    if err["request_id"] != hdr["x-request-id"]:
        return f"HTTP {status}: body request_id {err['request_id']!r} != X-Request-ID {hdr['x-request-id']!r}"
    return None


def table_counts(h, tables):
    q = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in tables)
    return {name: int(n) for name, n in h.sql(q)}


def comm(pid):
    """The process's name (/proc/PID/comm), or None when it is gone."""
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return None


def running(pid, name):
    """pid is a live (not zombie) process called name."""
    return harness.pid_alive(pid) and comm(pid) == name


def descendants_named(pid, name):
    """Live children (and theirs) of pid whose name is name."""
    found, todo = [], [pid]
    while todo:
        for kid in harness.children(todo.pop()):
            todo.append(kid)
            if comm(kid) == name:
                found.append(kid)
    return found


def open_files(pid):
    """Paths of the regular files pid holds open, as the kernel shows them
    (an unlinked one ends in " (deleted)")."""
    paths = []
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return paths
    for fd in fds:
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("/") and not target.startswith(("/dev/", "/proc/")):
            paths.append(target)
    return paths


def pool_processes(h):
    """Every live process of this stack's pool, master and workers: a
    linelead-fcgi whose command line names the stack's linelead.conf (what
    scripts/stack.sh looks for too).  Never another stack's."""
    conf = h.path("linelead.conf")
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or not (comm(entry) or "").startswith("linelead-fcg"):
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                args = f.read().split(b"\0")
        except OSError:
            continue
        if conf.encode() in args and harness.pid_alive(entry):
            found.append(int(entry))
    return sorted(found)


def waiting_workers(h):
    """The master's workers that follow it: past their start-up (until then
    the kernel SIGKILLs a worker whose master dies), with their SIGQUIT
    handler in place (SigCgt) and asleep in ppoll() for a request."""
    ready = []
    for pid in h.worker_pids():
        try:
            with open(f"/proc/{pid}/status") as f:
                caught = next(int(line.split()[1], 16) for line in f if line.startswith("SigCgt:"))
            with open(f"/proc/{pid}/wchan") as f:
                wchan = f.read()
        except (OSError, StopIteration, ValueError):
            continue
        if caught & (1 << (signal.SIGQUIT - 1)) and "poll" in wchan:
            ready.append(pid)
    return ready


def parent_of(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("PPid:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None
