"""openapi.yaml against the code and as nginx serves it (issue 17).  Every
response of every test is also held against the description by the harness
(openapi.py); these tests check the description itself: its routes are the
router's, its examples are valid, nginx serves it and its /docs page."""

import json
import re

import openapi
from harness import check, expect_ok_json


def test_openapi_routes_are_the_routers(h):
    """A route in src/http/router.c that the description lacks, or the reverse, fails."""
    spec = openapi.load_spec()
    router = set(openapi.router_routes())
    described = set(openapi.spec_routes(spec, served_by="app"))
    check(router, "no routes read from src/http/router.c")
    missing = sorted(router - described)
    extra = sorted(described - router)
    check(not missing, f"routes in src/http/router.c but not in openapi.yaml: {missing}")
    check(not extra, f"operations in openapi.yaml but not in src/http/router.c: {extra}")


def test_openapi_nginx_paths_are_served(h):
    """The paths marked x-served-by: nginx are locations of the nginx site."""
    with open(f"{openapi.REPO}/nginx/snippets/linelead-web.conf") as f:
        locations = set(re.findall(r"location\s+=\s+(\S+)", f.read()))
    for method, path in openapi.spec_routes(openapi.load_spec(), served_by="nginx"):
        check(path in locations, f"{method} {path} is marked x-served-by: nginx but no location serves it")


def test_openapi_examples_are_valid(h):
    """Every example of a request or response body validates against its schema."""
    c = openapi.contract()
    problems = []
    for path, item in c.spec["paths"].items():
        for method in openapi.METHODS:
            op = item.get(method)
            if not op:
                continue
            bodies = [("request", c.deref(op.get("requestBody", {})).get("content", {}))]
            bodies += [(status, c.deref(r).get("content", {})) for status, r in op["responses"].items()]
            for what, content in bodies:
                for mtype, media in content.items():
                    if mtype != "application/json":
                        continue
                    examples = [media["example"]] if "example" in media else []
                    examples += [c.deref(e)["value"] for e in media.get("examples", {}).values()]
                    for ex in examples:
                        problems += c.schema_problems(media["schema"], ex, f"{method.upper()} {path} {what} example")
    check(not problems, "examples that do not match their schema:\n  " + "\n  ".join(problems))


def test_openapi_served_without_key(h):
    """/openapi.json is the description (no key needed); /openapi.yaml its source."""
    spec = openapi.load_spec()
    served = expect_ok_json(h.get("/openapi.json", source=h.source()))
    check(served == json.loads(json.dumps(spec)), "/openapi.json differs from openapi.yaml: rebuild (make)")
    r = h.get("/openapi.yaml", source=h.source())
    check(r.status == 200 and r.text.startswith("openapi: 3.1"), f"/openapi.yaml: HTTP {r.status}")


def test_openapi_docs_page(h):
    """/docs is a static page of every operation, with no script or inline
    style for the site's Content-Security-Policy to refuse."""
    r = h.get("/docs", source=h.source())
    check(r.status == 200 and r.header("Content-Type", "").startswith("text/html"),
          f"/docs: HTTP {r.status} {r.header('Content-Type')!r}")
    csp = r.header("Content-Security-Policy", "")
    check("script-src 'self'" in csp and "style-src 'self'" in csp, f"/docs CSP {csp!r}")
    page = r.text
    check(not re.search(r"<script|<style|\sstyle=|\son[a-z]+=", page, re.I),
          "/docs has a script, an inline style or an event handler")
    check(not re.search(r"(src|href)=\"(https?:)?//", page), "/docs loads something from another site")
    for method, path in openapi.spec_routes(openapi.load_spec()):
        check(f"<code>{path}</code>" in page, f"/docs does not show {method} {path}")
    css = h.get("/docs/docs.css", source=h.source())
    check(css.status == 200 and css.header("Content-Type", "").startswith("text/css"),
          f"/docs/docs.css: HTTP {css.status}")
