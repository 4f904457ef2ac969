"""Every response of the end-to-end suite, held against openapi.yaml.

The harness hands each response it receives to CONTRACT.check() (status,
headers, body); a response the description does not allow is a failed test,
and run() fails the suite when any was seen, even by a test that caught the
error.  The description decides what is allowed:

  - a request that matches an operation (path template + method): that
    operation's responses, by status;
  - OPTIONS from an allowed origin: the spec's x-preflight responses;
  - plain HTTP, an unknown path or a method the path does not take: the
    responses nginx gives any request (x-every-request), and for a file of
    the web UI (2xx/304 outside the API) only the X-Request-ID header.

Bodies are validated with python3-jsonschema (Draft 2020-12, the dialect of
OpenAPI 3.1) after the spec's $refs are inlined, so any version Debian ships
will do.  Server-Sent Events are split into events, each event's data
validated against the schema its name has in x-sse-events.
"""

import collections
import json
import os
import re
import threading
import urllib.parse

import jsonschema
import yaml

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SPEC_PATH = os.path.join(REPO, "openapi.yaml")
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def load_spec(path=SPEC_PATH):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def router_routes(path=os.path.join(REPO, "src", "http", "router.c")):
    """(METHOD, pattern) of every entry of src/http/router.c's route_table."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    table = text[text.index("route_table[] = {"):]
    table = table[:table.index("};")]
    return sorted(re.findall(r'\{"([A-Z]+)", "([^"]+)"', table))


def spec_routes(spec, served_by=None):
    """(METHOD, path) of every operation; served_by="app" leaves out the
    paths nginx serves itself (x-served-by: nginx), "nginx" keeps only them."""
    out = []
    for path, item in spec["paths"].items():
        by = item.get("x-served-by", "app")
        if served_by and by != served_by:
            continue
        out += [(m.upper(), path) for m in METHODS if m in item]
    return sorted(out)


class Contract:
    def __init__(self, spec):
        self.spec = spec
        self.ops = []           # (compiled path, METHOD, operation)
        for path, item in spec["paths"].items():
            rx = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$")
            for m in METHODS:
                if m in item:
                    self.ops.append((rx, m.upper(), item[m]))
        self.validators = {}
        self.counts = collections.Counter()
        self.violations = []
        self.lock = threading.Lock()

    # -- the description
    def deref(self, node, seen=()):
        """node with every $ref replaced by what it points at (no cycles here)."""
        if isinstance(node, dict):
            if "$ref" in node:
                ref = node["$ref"]
                if ref in seen:
                    raise ValueError(f"recursive $ref {ref}")
                target = self.spec
                for part in ref.lstrip("#/").split("/"):
                    target = target[part]
                return self.deref(target, seen + (ref,))
            return {k: self.deref(v, seen) for k, v in node.items()}
        if isinstance(node, list):
            return [self.deref(v, seen) for v in node]
        return node

    def validator(self, schema):
        key = json.dumps(schema, sort_keys=True)
        v = self.validators.get(key)
        if v is None:
            v = self.validators[key] = jsonschema.Draft202012Validator(self.deref(schema))
        return v

    def schema_problems(self, schema, value, where):
        v = self.validator(schema)
        errors = sorted(v.iter_errors(value), key=lambda e: list(e.absolute_path))
        return [f"{where}{''.join(f'[{p!r}]' for p in e.absolute_path)}: {e.message[:300]}"
                for e in errors[:5]]

    def expected(self, method, path, status, scheme):
        """(responses the description allows here, what kind of match it is)."""
        if method == "OPTIONS" and status == 204:
            return self.spec["x-preflight"], "preflight"
        everyone = self.spec["x-every-request"]
        if scheme == "http":
            return everyone, "nginx"
        lookup = "GET" if method == "HEAD" else method
        path_known = False
        for rx, m, op in self.ops:
            if rx.match(path):
                path_known = True
                if m == lookup:
                    return op["responses"], "operation"
        if not path_known and (200 <= status < 300 or status == 304):
            return None, "static"
        return everyone, "nginx"

    # -- one response
    def problems(self, method, target, status, headers, body, scheme="https"):
        path = urllib.parse.urlsplit(target).path
        responses, kind = self.expected(method, path, status, scheme)
        hdrs = {k.lower(): v for k, v in headers}
        self.counts[kind] += 1
        if kind == "static":
            return [] if re.fullmatch(r"[0-9a-f]{32}", hdrs.get("x-request-id", "")) else \
                ["no X-Request-ID on a static file"]
        resp = responses.get(str(status))
        if resp is None:
            return [f"HTTP {status} is not a described response ({kind})"]
        resp = self.deref(resp)
        out = self.header_problems(resp.get("headers", {}), hdrs)
        if method != "HEAD":
            out += self.body_problems(resp.get("content"), hdrs.get("content-type", ""), body)
        return out

    def header_problems(self, described, hdrs):
        out = []
        for name, h in described.items():
            value = hdrs.get(name.lower())
            if value is None:
                if h.get("required"):
                    out.append(f"header {name} missing")
                continue
            schema = h.get("schema", {})
            if schema.get("type") in ("integer", "number"):
                try:
                    value = int(value) if schema["type"] == "integer" else float(value)
                except ValueError:
                    out.append(f"header {name}: {value!r} is not a {schema['type']}")
                    continue
            out += self.schema_problems(schema, value, f"header {name}")
        return out

    def body_problems(self, content, ctype, body):
        if not content:
            return [] if not body else [f"a body ({len(body)} bytes) where none is described"]
        mtype = ctype.split(";")[0].strip().lower()
        media = content.get(mtype)
        if media is None:
            return [f"Content-Type {ctype!r} is not one of {sorted(content)}"]
        schema = media.get("schema", {})
        text = body.decode("utf-8", "replace")
        if mtype == "application/json":
            try:
                value = json.loads(text)
            except ValueError as exc:
                return [f"body is not JSON ({exc}): {text[:200]!r}"]
            return self.schema_problems(schema, value, "body")
        if mtype == "text/event-stream":
            return self.event_problems(schema, text)
        return self.schema_problems(schema, text, "body")

    def event_problems(self, schema, text):
        events = schema.get("x-sse-events", {})
        out = []
        for block in text.split("\n\n"):
            name, data = "message", []
            for line in block.split("\n"):
                if line.startswith("event:"):
                    name = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].lstrip(" "))
            if not data:
                continue
            if name not in events:
                out.append(f"event {name!r} is not described ({sorted(events)})")
                continue
            try:
                value = json.loads("\n".join(data))
            except ValueError as exc:
                out.append(f"event {name}: data is not JSON ({exc})")
                continue
            out += self.schema_problems(events[name], value, f"event {name}")
        return out

    def check(self, method, target, status, headers, body, scheme="https"):
        """The problems of one response (a list; empty when it is described),
        recorded for the suite's verdict."""
        with self.lock:
            found = self.problems(method.upper(), target, status, headers, body, scheme)
            if found:
                self.violations.append(f"{method} {target} -> {status}: " + "; ".join(found))
        return found

    def summary(self):
        c = self.counts
        n = sum(c.values())
        return (f"openapi: {n} responses validated against openapi.yaml ({c['operation']} by their "
                f"operation, {c['nginx']} by the responses nginx gives any request, {c['preflight']} "
                f"CORS preflights, {c['static']} web UI files by X-Request-ID only); "
                f"{len(self.violations)} did not match")


_contract = None


def contract():
    """The one Contract of this run (shared by every Harness)."""
    global _contract
    if _contract is None:
        _contract = Contract(load_spec())
    return _contract
