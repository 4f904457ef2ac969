"""End-to-end test harness: one private stack (PostgreSQL -> linelead-fcgi ->
nginx) per run, started with scripts/stack.sh on free loopback ports, shared
by every test, stopped at the end even on failure.

Tests are plain functions `test_*(h)` in tests/e2e/test_*.py, run in the
order they are defined; functions decorated with @last (they kill or stop
parts of the stack) run after all others.  A test fails by raising (assert,
Fail); it is skipped by raising Skip.  Python 3 standard library only.

    h.get(path, key=...)          -> Response   (HTTPS through nginx)
    h.post_json(path, obj, ...)   -> Response
    h.request(method, path, body=..., headers=..., host=..., source=...)
    h.raw(b"GET / HTTP/1.1\r\n...")  -> Response  (raw bytes over TLS)
    h.source()                    -> a fresh 127.0.x.y source address (own rate budget)
    h.cli("apikey", "list")       -> CompletedProcess (linelead CLI, DB owner)
    h.sql("SELECT 1")             -> list of rows (psql, DB owner)
    h.new_key("chat")             -> (key, name)
    h.pool_pid(), h.worker_pids(), h.pg_stop(), h.pg_start(), h.stack("start")

Every response these return is held against openapi.yaml (openapi.py): one
the description does not allow fails the test.  A test that reads responses
itself hands each to h.conform(method, path, response).
"""

import atexit
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import traceback

import openapi

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
STACK = os.path.join(REPO, "scripts", "stack.sh")


class Fail(AssertionError):
    pass


def _comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return ""


class Skip(Exception):
    pass


def last(fn):
    """Mark a test that kills or stops part of the stack: it runs last."""
    fn.e2e_last = True
    return fn


def check(cond, msg):
    if not cond:
        raise Fail(msg)


def wait_until(pred, timeout, interval=0.1, what="condition"):
    """Poll pred() until it returns a true value; Fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    last_exc = None
    while time.monotonic() < deadline:
        try:
            value = pred()
            if value:
                return value
        except Exception as exc:  # keep polling; report the last error
            last_exc = exc
        time.sleep(interval)
    raise Fail(f"timed out after {timeout}s waiting for {what}"
               + (f" (last error: {last_exc})" if last_exc else ""))


# --------------------------------------------------------------------- HTTP
class Response:
    def __init__(self, status, reason, headers, body, elapsed):
        self.status = status
        self.reason = reason
        self.header_list = headers          # [(name, value)] as received
        self.body = body                    # bytes
        self.elapsed = elapsed
        self._json = None

    def header(self, name, default=None):
        name = name.lower()
        for k, v in self.header_list:
            if k.lower() == name:
                return v
        return default

    def headers_named(self, name):
        name = name.lower()
        return [v for k, v in self.header_list if k.lower() == name]

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def json(self):
        if self._json is None:
            try:
                self._json = json.loads(self.body)
            except ValueError as exc:
                raise Fail(f"HTTP {self.status}: body is not JSON ({exc}): {self.text[:300]!r}")
        return self._json

    def __repr__(self):
        return f"<HTTP {self.status} {self.text[:200]!r}>"


def free_port(taken=()):
    """A free TCP port on 127.0.0.1 below the ephemeral range (20000-30000):
    TIME_WAIT sockets of a load run in the ephemeral range can block bind()."""
    for _ in range(200):
        port = random.randint(20000, 30000)
        if port in taken:
            continue
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
        return port
    raise RuntimeError("no free port in 20000-30000")


# ---------------------------------------------------------------- the stack
class Harness:
    def __init__(self, rate_limit=20, rate_burst=40, workers=4, keep=False, env=None):
        self.dir = tempfile.mkdtemp(prefix="linelead-e2e-")
        os.chmod(self.dir, 0o755)      # nginx and the pool run as other users
        ports = set()
        for name in ("https_port", "http_port", "pg_port"):
            p = free_port(ports)
            ports.add(p)
            setattr(self, name, p)
        self.rate_limit = rate_limit
        self.rate_burst = rate_burst
        self.workers = workers
        self.keep = keep
        self.origin = "https://crew.example.com"
        self.url = f"https://127.0.0.1:{self.https_port}"
        self.extra_env = env or {}
        self._src = 0
        self._src_lock = threading.Lock()
        self.started = False
        self.env = {}

    # The environment stack.sh sees: ours, never the caller's dev stack or LLM.
    def stack_env(self):
        env = {k: v for k, v in os.environ.items()
               if not (k.startswith("LINELEAD_") or k.startswith("RAGIE_")
                       or k in ("OPENAI_API_KEY", "DATABASE_URL", "API_KEY", "ENVIRONMENT"))}
        for k in ("LINELEAD_BIN_DIR", "LINELEAD_DATA_DIR", "LINELEAD_API_DIR", "LINELEAD_PG_BIN",
                  "LINELEAD_STACK_INGEST"):
            if os.environ.get(k):
                env[k] = os.environ[k]
        env.update({
            "LINELEAD_HTTPS_PORT": str(self.https_port),
            "LINELEAD_HTTP_PORT": str(self.http_port),
            "LINELEAD_PG_PORT": str(self.pg_port),
            "LINELEAD_RATE_LIMIT": str(self.rate_limit),
            "LINELEAD_RATE_BURST": str(self.rate_burst),
            "LINELEAD_WORKERS": str(self.workers),
            "LINELEAD_ALLOWED_ORIGINS": self.origin,
            "LINELEAD_SERVER_NAMES": "127.0.0.1 localhost",
            "LINELEAD_NGINX_WORKERS": "2",
        })
        env.update(self.extra_env)
        return env

    def stack(self, cmd, *args, timeout=180, check_rc=True):
        p = subprocess.run([STACK, cmd, self.dir, *args], env=self.stack_env(),
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True, timeout=timeout)
        if check_rc and p.returncode != 0:
            raise Fail(f"stack.sh {cmd} exited {p.returncode}:\n{p.stdout[-3000:]}")
        return p

    def start(self):
        self.started = True      # from here on, stop() cleans up even a half-started stack
        self.stack("start")
        self.env = self.read_env()
        self.chat_key = self.env["LINELEAD_API_KEY"]
        self.admin_key = self.env["LINELEAD_ADMIN_KEY"]
        self.tls = ssl.create_default_context(cafile=os.path.join(self.dir, "nginx", "tls", "cert.pem"))

    def stop(self):
        if not self.started:
            return
        try:
            self.stack("stop", timeout=120, check_rc=False)
        finally:
            self.started = False
            if not self.keep:
                shutil.rmtree(self.dir, ignore_errors=True)

    def read_env(self):
        env = {}
        with open(os.path.join(self.dir, "linelead.env")) as f:
            for line in f:
                m = re.match(r"export ([A-Z_]+)='([^']*)'$", line.strip())
                if m:
                    env[m.group(1)] = m.group(2)
        return env

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    def log_tail(self, name, lines=30):
        try:
            with open(self.path(*name.split("/")), errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError as exc:
            return f"({exc})"

    # -- client side
    def source(self):
        """A fresh loopback source address (127.0.x.y): each test has its own
        per-address rate-limit budget."""
        with self._src_lock:
            self._src += 1
            n = self._src
        return f"127.0.{10 + n // 250}.{1 + n % 250}"

    def request(self, method, path, body=None, headers=None, key=None, key_header="bearer",
                host=None, source=None, timeout=30, port=None, scheme="https"):
        hdrs = dict(headers or {})
        if key is not None:
            if key_header == "bearer":
                hdrs["Authorization"] = f"Bearer {key}"
            else:
                hdrs["X-API-Key"] = key
        if host is not None:
            hdrs["Host"] = host
        if isinstance(body, str):
            body = body.encode()
        src = (source, 0) if source else None
        if scheme == "https":
            conn = http.client.HTTPSConnection("127.0.0.1", port or self.https_port, timeout=timeout,
                                               context=self.tls, source_address=src)
        else:
            conn = http.client.HTTPConnection("127.0.0.1", port or self.http_port, timeout=timeout,
                                              source_address=src)
        t0 = time.monotonic()
        try:
            conn.request(method, path, body=body, headers=hdrs)
            r = conn.getresponse()
            data = r.read()
            resp = Response(r.status, r.reason, r.getheaders(), data, time.monotonic() - t0)
        finally:
            conn.close()
        return self.conform(method, path, resp, scheme=scheme)

    def conform(self, method, target, r, scheme="https"):
        """r (anything with .status, .header_list and .body, as Response), checked
        against openapi.yaml and returned; Fail when the description does not allow it."""
        found = openapi.contract().check(method, target, r.status, r.header_list, r.body, scheme)
        if found:
            raise Fail(f"{method} {target} -> HTTP {r.status} is not what openapi.yaml describes: "
                       + "; ".join(found))
        return r

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post_json(self, path, obj, **kw):
        headers = dict(kw.pop("headers", None) or {})
        headers.setdefault("Content-Type", "application/json")
        body = obj if isinstance(obj, (bytes, str)) else json.dumps(obj)
        return self.request("POST", path, body=body, headers=headers, **kw)

    def raw(self, data, source=None, timeout=10, method="GET"):
        """Send raw bytes over TLS (hostile or malformed requests) and parse
        the one response; raises OSError/HTTPException when nginx closes the
        connection without answering."""
        sock = socket.create_connection(("127.0.0.1", self.https_port), timeout=timeout,
                                        source_address=(source, 0) if source else None)
        t0 = time.monotonic()
        try:
            ssock = self.tls.wrap_socket(sock, server_hostname="127.0.0.1")
            sock = ssock
            ssock.sendall(data)
            r = http.client.HTTPResponse(ssock, method=method)
            r.begin()
            body = r.read()
            resp = Response(r.status, r.reason, r.getheaders(), body, time.monotonic() - t0)
        finally:
            sock.close()
        line = data.split(b"\r\n", 1)[0].decode("latin-1").split(" ")
        return self.conform(line[0], line[1] if len(line) > 1 else "", resp)

    def session(self, source=None, timeout=30):
        """A kept-alive HTTPS connection (for fast bursts)."""
        src = (source, 0) if source else None
        return http.client.HTTPSConnection("127.0.0.1", self.https_port, timeout=timeout,
                                           context=self.tls, source_address=src)

    # -- server side
    def cli(self, *args, timeout=60):
        return subprocess.run([STACK, "cli", self.dir, *args], env=self.stack_env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=timeout)

    def sql(self, query, timeout=30):
        p = subprocess.run([STACK, "psql", self.dir, "-At", "-F", "\t", "-c", query],
                           env=self.stack_env(), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, timeout=timeout)
        if p.returncode != 0:
            raise Fail(f"psql failed: {p.stderr.strip()}")
        return [line.split("\t") for line in p.stdout.splitlines()]

    def new_key(self, scope="chat", name=None):
        name = name or f"e2e-{scope}-{random.randrange(1 << 30):x}"
        p = self.cli("apikey", "create", "--name", name, "--scope", scope)
        if p.returncode != 0 or not p.stdout.strip():
            raise Fail(f"apikey create failed ({p.returncode}): {p.stderr.strip()}")
        return p.stdout.strip().splitlines()[-1].strip(), name

    def pool_pid(self):
        try:
            with open(self.path("pids", "linelead-fcgi.pid")) as f:
                pid = int(f.read().strip())
        except (OSError, ValueError):
            return None
        return pid if pid_alive(pid) else None

    def worker_pids(self):
        """The master's workers (not its background job runner, "linelead-jobs")."""
        pid = self.pool_pid()
        return [c for c in children(pid) if _comm(c) != "linelead-jobs"] if pid else []

    def jobs_pid(self):
        pid = self.pool_pid()
        found = [c for c in children(pid) if _comm(c) == "linelead-jobs"] if pid else []
        return found[0] if found else None

    def pg_stop(self):
        self.stack("pg-stop", timeout=60)

    def pg_start(self):
        self.stack("pg-start", timeout=60)


class MockServer:
    """A stand-in for a paid service (tests/mock/*.py) on a free loopback port,
    driven through POST /_control and read through GET /_requests."""

    def __init__(self, script):
        self.proc = subprocess.Popen([sys.executable, script, "0"], stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("PORT "):
            raise Fail(f"{script} did not start: {line!r}")
        self.port = int(line.split()[1])

    def call(self, method, path, obj=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            body = json.dumps(obj) if obj is not None else None
            conn.request(method, path, body=body, headers={"Content-Type": "application/json"})
            return json.loads(conn.getresponse().read() or b"null")
        finally:
            conn.close()

    def control(self, **kw):
        return self.call("POST", "/_control", kw)

    def reset(self):
        self.call("POST", "/_reset", {})

    def requests(self):
        return self.call("GET", "/_requests")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()



class MockedStack:
    """A private stack whose pool talks to a stand-in (tests/mock/SCRIPT),
    for the test modules that need one: both started on first use, the
    stand-in reset for each test, both stopped by stop() or at exit.
    env_for(port) gives the pool's environment for the stand-in's port."""

    def __init__(self, script, env_for, workers=2):
        self.script, self.env_for, self.workers = script, env_for, workers
        self.stack = self.mock = None
        atexit.register(self.stop)

    def get(self):
        if self.stack is None:
            self.mock = MockServer(self.script)
            self.stack = Harness(workers=self.workers, rate_limit=0, rate_burst=0,
                                 env=self.env_for(self.mock.port))
            self.stack.start()
        self.mock.reset()
        return self.stack, self.mock

    def stop(self):
        if self.stack:
            self.stack.stop()
            self.stack = None
        if self.mock:
            self.mock.stop()
            self.mock = None

def pid_alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def children(pid):
    """Live child PIDs of pid (from /proc/PID/task/*/children)."""
    kids = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{task}/children") as f:
                    kids += [int(x) for x in f.read().split()]
            except OSError:
                pass
    except OSError:
        return []
    return sorted(k for k in set(kids) if pid_alive(k))


# ------------------------------------------------------------ assertions
def expect_error(r, status, code=None):
    """The JSON error shape of DESIGN.md, from nginx or from the app, with the
    body's request_id equal to the X-Request-ID header."""
    check(r.status == status, f"expected HTTP {status}, got {r.status}: {r.text[:300]!r}")
    ctype = r.header("Content-Type", "")
    check(ctype.startswith("application/json"), f"HTTP {status}: Content-Type {ctype!r}, not JSON")
    body = r.json()
    check(isinstance(body, dict) and isinstance(body.get("error"), dict),
          f"HTTP {status}: no error object: {body}")
    err = body["error"]
    for field in ("code", "message", "request_id"):
        check(isinstance(err.get(field), str) and err[field],
              f"HTTP {status}: error.{field} missing or empty: {body}")
    rid = r.header("X-Request-ID")
    check(rid, f"HTTP {status}: no X-Request-ID header")
    check(len(r.headers_named("X-Request-ID")) == 1, f"HTTP {status}: X-Request-ID sent more than once")
    check(err["request_id"] == rid,
          f"HTTP {status}: body request_id {err['request_id']!r} != X-Request-ID {rid!r}")
    if code is not None:
        check(err["code"] == code, f"HTTP {status}: error.code {err['code']!r}, expected {code!r}")
    if "fields" in err:
        check(isinstance(err["fields"], list), f"HTTP {status}: error.fields is not a list: {body}")
    return err


def expect_ok_json(r, status=200):
    check(r.status == status, f"expected HTTP {status}, got {r.status}: {r.text[:300]!r}")
    ctype = r.header("Content-Type", "")
    check(ctype.startswith("application/json"), f"Content-Type {ctype!r}, not JSON")
    check(r.header("X-Request-ID"), "no X-Request-ID header")
    return r.json()


# ------------------------------------------------------------------ runner
class TestTimeout(Exception):
    pass


def _alarm(signum, frame):
    raise TestTimeout("test took too long")


def collect(modules, pattern=None):
    tests = []
    for mod in modules:
        for name, fn in vars(mod).items():
            if name.startswith("test_") and callable(fn) and getattr(fn, "__module__", "") == mod.__name__:
                if pattern and pattern not in name:
                    continue
                tests.append(fn)
    # definition order within a module (dict order), @last ones at the end
    tests.sort(key=lambda f: (getattr(f, "e2e_last", False),))
    return tests


def contract_verdict(out):
    """The suite-wide check: no response of the run strayed from openapi.yaml,
    counting those of tests that caught the failure themselves."""
    c = openapi.contract()
    if not c.violations:
        print(f"ok - openapi_contract ({sum(c.counts.values())} responses as described)", file=out)
        return True
    print(f"FAIL - openapi_contract: {len(c.violations)} responses are not what openapi.yaml describes:",
          file=out)
    for v in c.violations[:10]:
        print(f"#   {v[:400]}", file=out)
    return False


def run(modules, pattern=None, keep=False, per_test_timeout=90, verbose=False, **harness_kw):
    tests = collect(modules, pattern)
    passed = failed = skipped = 0
    h = Harness(keep=keep, **harness_kw)
    out = sys.stdout
    # SIGTERM (a CI timeout, say) unwinds like Ctrl-C, so the stack is stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    t_start = time.monotonic()
    try:
        try:
            h.start()
        except Exception as exc:
            print(f"FAIL - stack start: {exc}", file=out)
            for fn in tests:
                print(f"FAIL - {fn.__name__[5:]}: not run (stack did not start)", file=out)
            failed = len(tests)
            return passed, failed, skipped
        print(f"# stack in {h.dir}: {h.url} (http {h.http_port}, pg {h.pg_port})", file=out)
        old = signal.signal(signal.SIGALRM, _alarm)
        for fn in tests:
            name = fn.__name__[5:]
            t0 = time.monotonic()
            signal.alarm(per_test_timeout)
            try:
                fn(h)
            except Skip as exc:
                skipped += 1
                print(f"skip - {name}: {exc}", file=out)
            except Exception as exc:
                failed += 1
                reason = str(exc).strip() or exc.__class__.__name__
                if not isinstance(exc, (Fail, TestTimeout)):
                    reason = f"{exc.__class__.__name__}: {reason}"
                print(f"FAIL - {name}: {reason}", file=out)
                if verbose or not isinstance(exc, Fail):
                    tb = traceback.format_exc().rstrip().splitlines()[-6:]
                    print("\n".join("#   " + line for line in tb), file=out)
            else:
                passed += 1
                print(f"ok - {name} ({time.monotonic() - t0:.1f}s)", file=out)
            finally:
                signal.alarm(0)
            out.flush()
        signal.signal(signal.SIGALRM, old)
        if contract_verdict(out):
            passed += 1
        else:
            failed += 1
    finally:
        if failed:
            print("# pool log (last lines):", file=out)
            print("".join("#   " + l + "\n" for l in h.log_tail("log/linelead.log", 15).splitlines()), end="", file=out)
            print("# nginx error log (last lines):", file=out)
            print("".join("#   " + l + "\n" for l in h.log_tail("nginx/error.log", 10).splitlines()), end="", file=out)
        print("# " + openapi.contract().summary(), file=out)
        if keep:
            print(f"# --keep: stack left running in {h.dir} (scripts/stack.sh stop {h.dir})", file=out)
        else:
            h.stop()
        print(f"# e2e time {time.monotonic() - t_start:.0f}s", file=out)
    return passed, failed, skipped
