#!/usr/bin/env python3
"""openapi-docs.py - openapi.yaml to what nginx serves: /openapi.json, /openapi.yaml
and the /docs reference page, plain static HTML and CSS (no script, no third
party: the site's Content-Security-Policy stays as it is).

    scripts/openapi-docs.py openapi.yaml OUTDIR

Writes OUTDIR/openapi.json, OUTDIR/openapi.yaml, OUTDIR/docs/index.html and
OUTDIR/docs/docs.css.  Run by `make` (Makefile.am); needs python3-yaml only.
"""
import html
import json
import os
import re
import shutil
import sys

import yaml

METHODS = ("get", "post", "put", "patch", "delete")

CSS = """\
:root { --ink: #1d2430; --muted: #5b6473; --line: #d8dde5; --soft: #f4f6f9; --accent: #b4441b; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); }
header { padding: 1.2rem 2rem; border-bottom: 1px solid var(--line); background: var(--soft); }
header h1 { margin: 0; font-size: 1.5rem; }
header p { margin: .2rem 0 0; color: var(--muted); }
.layout { display: flex; align-items: flex-start; }
nav { position: sticky; top: 0; width: 16rem; max-height: 100vh; overflow: auto; padding: 1rem 1.2rem;
      border-right: 1px solid var(--line); font-size: .9rem; flex: none; }
nav h2 { font-size: .8rem; text-transform: uppercase; color: var(--muted); margin: 1rem 0 .3rem; }
nav ul { list-style: none; margin: 0; padding: 0; }
nav a { color: var(--ink); text-decoration: none; display: block; padding: .1rem 0; }
nav a:hover { color: var(--accent); }
main { padding: 1rem 2rem 4rem; max-width: 62rem; min-width: 0; }
section.op { border-top: 1px solid var(--line); padding-top: .6rem; margin-top: 1.6rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; } h3 { font-size: 1.1rem; margin: .2rem 0; } h4 { margin: 1rem 0 .3rem; }
.method { display: inline-block; min-width: 4.2rem; text-align: center; font: bold .8rem monospace;
          padding: .15rem .4rem; border-radius: 4px; color: #fff; background: #4a5568; margin-right: .4rem; }
.method.get { background: #2f6f4e; } .method.post { background: #2b5d9b; } .method.delete { background: #a33a2c; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .85rem; }
code { background: var(--soft); padding: 0 .2rem; border-radius: 3px; }
pre { background: var(--soft); padding: .7rem; overflow: auto; border-radius: 4px; border: 1px solid var(--line); }
table { border-collapse: collapse; width: 100%; margin: .3rem 0; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: .3rem .5rem; }
th { background: var(--soft); font-weight: 600; }
.req { color: var(--accent); font-size: .8rem; }
.muted { color: var(--muted); }
details { margin: .3rem 0; } summary { cursor: pointer; }
@media (max-width: 50rem) { .layout { display: block; } nav { position: static; width: auto; max-height: none;
  border-right: 0; border-bottom: 1px solid var(--line); } main { padding: 1rem; } }
"""


def esc(text):
    return html.escape(str(text), quote=True)


def inline(text):
    """The little Markdown the descriptions use: `code`, **bold**, paragraphs."""
    out = esc(text)
    out = re.sub(r"`([^`]+)`", r"<code>\1</code>", out)
    out = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", out)
    return out


def prose(text):
    if not text:
        return ""
    paras = [p.strip() for p in str(text).split("\n\n") if p.strip()]
    return "".join(f"<p>{inline(' '.join(p.split()))}</p>" for p in paras)


def anchor(*parts):
    return re.sub(r"[^A-Za-z0-9]+", "-", "-".join(parts)).strip("-").lower()


class Page:
    def __init__(self, spec):
        self.spec = spec

    def resolve(self, node):
        while isinstance(node, dict) and "$ref" in node:
            node = self.lookup(node["$ref"])
        return node

    def lookup(self, ref):
        node = self.spec
        for part in ref.lstrip("#/").split("/"):
            node = node[part]
        return node

    def type_of(self, schema):
        """A short human type: `Agent`, `array of Citation`, `string | null`."""
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[1]
            return f'<a href="#schema-{anchor(name)}">{esc(name)}</a>'
        if "oneOf" in schema:
            return " | ".join(self.type_of(s) for s in schema["oneOf"])
        t = schema.get("type", "any")
        if t == "array":
            return "array of " + self.type_of(schema.get("items", {}))
        if isinstance(t, list):
            return " | ".join(esc(x) for x in t)
        return esc(t)

    def constraints(self, schema):
        s = self.resolve(schema) if "$ref" in schema and len(schema) == 1 else schema
        bits = []
        if "enum" in s:
            bits.append("one of " + ", ".join(f"<code>{esc(v)}</code>" for v in s["enum"]))
        if "const" in s:
            bits.append(f"always <code>{esc(json.dumps(s['const']))}</code>")
        for key, word in (("minLength", "min length"), ("maxLength", "max length"), ("minimum", "min"),
                          ("maximum", "max"), ("minItems", "min items"), ("maxItems", "max items"),
                          ("pattern", "pattern"), ("default", "default")):
            if key in s:
                bits.append(f"{word} <code>{esc(s[key])}</code>")
        return "; ".join(bits)

    def fields(self, schema):
        """A table of an object schema's properties."""
        schema = self.resolve(schema)
        props = schema.get("properties")
        if not props:
            return f"<p>{self.type_of(schema)} {prose(schema.get('description'))}</p>"
        required = set(schema.get("required", []))
        rows = []
        for name, sub in props.items():
            desc = sub.get("description") or self.resolve(sub).get("description", "")
            more = self.constraints(sub)
            req = ' <span class="req">required</span>' if name in required else ""
            rows.append(f"<tr><td><code>{esc(name)}</code>{req}</td><td>{self.type_of(sub)}</td>"
                        f"<td>{inline(' '.join(str(desc).split()))}{'<br>' if desc and more else ''}"
                        f"<span class=\"muted\">{more}</span></td></tr>")
        extra = schema.get("additionalProperties", True)
        note = "" if extra is False else '<p class="muted">Other fields are ignored.</p>' \
            if extra is True else f'<p class="muted">Any other key: {self.type_of(extra)}.</p>'
        return ("<table><tr><th>field</th><th>type</th><th>meaning</th></tr>"
                + "".join(rows) + "</table>" + note)

    def parameters(self, params):
        if not params:
            return ""
        rows = []
        for p in map(self.resolve, params):
            req = ' <span class="req">required</span>' if p.get("required") else ""
            rows.append(f"<tr><td><code>{esc(p['name'])}</code>{req}</td><td>{esc(p['in'])}</td>"
                        f"<td>{self.type_of(p.get('schema', {}))}</td><td>{inline(' '.join(p.get('description', '').split()))}"
                        f" <span class=\"muted\">{self.constraints(p.get('schema', {}))}</span></td></tr>")
        return ("<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>type</th><th>meaning</th></tr>"
                + "".join(rows) + "</table>")

    def example(self, media):
        ex = media.get("example")
        if ex is None and media.get("examples"):
            ex = self.resolve(next(iter(media["examples"].values()))).get("value")
        if ex is None:
            return ""
        text = ex if isinstance(ex, str) else json.dumps(ex, indent=2, ensure_ascii=False)
        return f"<details><summary>example</summary><pre>{esc(text)}</pre></details>"

    def content(self, content):
        out = []
        for mtype, media in (content or {}).items():
            schema = media.get("schema", {})
            out.append(f"<p><code>{esc(mtype)}</code>: {self.type_of(schema)}</p>")
            events = self.resolve(schema).get("x-sse-events")
            if events:
                out.append("<table><tr><th>event</th><th>data</th></tr>" + "".join(
                    f"<tr><td><code>{esc(n)}</code></td><td>{self.type_of(s)}</td></tr>"
                    for n, s in events.items()) + "</table>")
            out.append(self.example(media))
        return "".join(out)

    def responses(self, responses):
        rows = []
        for status, resp in responses.items():
            r = self.resolve(resp)
            headers = ", ".join(f"<code>{esc(h)}</code>" for h in r.get("headers", {}))
            body = self.content(r.get("content"))
            rows.append(f"<tr><td><strong>{esc(status)}</strong></td><td>{prose(r.get('description'))}"
                        f"{'<p class=muted>headers: ' + headers + '</p>' if headers else ''}{body}</td></tr>")
        return "<h4>Responses</h4><table>" + "".join(rows) + "</table>"

    def operation(self, path, method, op, shared_params):
        sec = op.get("security", self.spec.get("security"))
        auth = "no key" if sec == [] else "API key"
        body = op.get("requestBody")
        parts = [f'<section class="op" id="{anchor(method, path)}">',
                 f'<h3><span class="method {method}">{method.upper()}</span><code>{esc(path)}</code></h3>',
                 f"<p><strong>{esc(op.get('summary', ''))}</strong> <span class=\"muted\">· {auth}</span></p>",
                 prose(op.get("description")),
                 self.parameters(shared_params + op.get("parameters", []))]
        if body:
            body = self.resolve(body)
            parts.append("<h4>Request body</h4>")
            for mtype, media in body.get("content", {}).items():
                parts.append(f"<p><code>{esc(mtype)}</code></p>")
                if "properties" in self.resolve(media.get("schema", {})):
                    parts.append(self.fields(media["schema"]))
                parts.append(self.example(media))
        parts.append(self.responses(op.get("responses", {})))
        parts.append("</section>")
        return "".join(parts)

    def render(self):
        info = self.spec["info"]
        by_tag = {t["name"]: [] for t in self.spec.get("tags", [])}
        for path, item in self.spec["paths"].items():
            for method in METHODS:
                if method in item:
                    op = item[method]
                    by_tag.setdefault(op.get("tags", ["Other"])[0], []).append((path, method, op, item.get("parameters", [])))
        nav, body = [], []
        for tag, ops in by_tag.items():
            nav.append(f"<h2>{esc(tag)}</h2><ul>" + "".join(
                f'<li><a href="#{anchor(m, p)}"><span class="muted">{m.upper()}</span> {esc(p)}</a></li>'
                for p, m, _, _ in ops) + "</ul>")
            desc = next((t.get("description", "") for t in self.spec.get("tags", []) if t["name"] == tag), "")
            body.append(f'<h2 id="tag-{anchor(tag)}">{esc(tag)}</h2>{prose(desc)}')
            body.extend(self.operation(p, m, op, shared) for p, m, op, shared in ops)
        schemas = self.spec["components"]["schemas"]
        nav.append("<h2>Schemas</h2><ul>" + "".join(
            f'<li><a href="#schema-{anchor(n)}">{esc(n)}</a></li>' for n in schemas) + "</ul>")
        body.append("<h2>Schemas</h2>")
        for name, schema in schemas.items():
            body.append(f'<section class="op" id="schema-{anchor(name)}"><h3>{esc(name)}</h3>'
                        f"{prose(schema.get('description'))}{self.fields(schema) if 'properties' in schema else ''}"
                        f"{'<p>' + self.constraints(schema) + '</p>' if 'properties' not in schema else ''}</section>")
        return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(info['title'])} {esc(info['version'])} — reference</title>
<link rel="stylesheet" href="/docs/docs.css">
</head>
<body>
<header><h1>{esc(info['title'])} <span class="muted">{esc(info['version'])}</span></h1>
<p>{esc(info.get('summary', ''))} The description itself:
<a href="/openapi.json">/openapi.json</a> · <a href="/openapi.yaml">/openapi.yaml</a> (OpenAPI {esc(self.spec['openapi'])}).</p></header>
<div class="layout">
<nav>{''.join(nav)}</nav>
<main>{prose(info.get('description'))}{''.join(body)}</main>
</div>
</body>
</html>
"""


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(path + ".tmp", path)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: openapi-docs.py openapi.yaml OUTDIR")
    src, out = sys.argv[1:]
    with open(src, encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    write(os.path.join(out, "openapi.json"), json.dumps(spec, indent=1, ensure_ascii=False) + "\n")
    shutil.copyfile(src, os.path.join(out, "openapi.yaml"))
    write(os.path.join(out, "docs", "docs.css"), CSS)
    write(os.path.join(out, "docs", "index.html"), Page(spec).render())


if __name__ == "__main__":
    main()
