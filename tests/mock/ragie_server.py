#!/usr/bin/env python3
"""A local stand-in for Ragie's API: POST /retrievals and POST /documents/raw
(and /documents), Bearer authentication, Ragie-shaped replies and errors.

POST /_control {mode: ok|error500|error401|hang|slow|malformed, delay_ms,
chunks: [{text, score, document_name, document_metadata}]} chooses the
behaviour; POST /_reset restores it and clears the log; GET /_requests is the
log of requests received (path, headers, parsed body).

Usage: ragie_server.py PORT  (0 = any; prints "PORT <n>").  Stdlib only.
"""
import json
import sys
import threading
import time
import uuid

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
from mockhttp import JSONHandler, serve  # noqa: E402

LOCK = threading.Lock()
LOG = []
DEFAULT_CHUNKS = [
    {"text": "Fryer oil fire: turn off the fryer, cover with the lid, use the class K extinguisher. "
             "Never use water on a grease fire.",
     "score": 0.91, "document_name": "Fryer safety (Ragie)",
     "document_metadata": {"title": "Fryer safety (Ragie)", "category": "safety", "section": "Fire"}},
    {"text": "Clean the fryer weekly: cool the oil below 100 F, drain it, scrub the pot, refill.",
     "score": 0.74, "document_name": "Fryer cleaning",
     "document_metadata": {"category": "equipment"}},
]
STATE = {}


def defaults():
    return {"mode": "ok", "delay_ms": 0, "chunks": DEFAULT_CHUNKS}


STATE.update(defaults())


class Handler(JSONHandler):
    def do_GET(self):
        if self.path == "/_requests":
            with LOCK:
                return self.send_json(200, list(LOG))
        self.send_json(404, {"detail": "Not Found"})

    def do_POST(self):
        raw = self.read_body()
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            return self.send_json(422, {"detail": "invalid JSON"})
        if self.path == "/_control":
            with LOCK:
                STATE.update(defaults())
                STATE.update({k: v for k, v in body.items() if k in STATE})
            return self.send_json(200, {"ok": True})
        if self.path == "/_reset":
            with LOCK:
                STATE.clear()
                STATE.update(defaults())
                LOG.clear()
            return self.send_json(200, {"ok": True})
        with LOCK:
            LOG.append({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                        "body": body, "received_at": time.time()})
            snap = dict(STATE)
        if not (self.headers.get("Authorization") or "").startswith("Bearer "):
            return self.send_json(401, {"detail": "Unauthorized"})
        mode = snap["mode"]
        time.sleep(snap["delay_ms"] / 1000.0 + (5.0 if mode == "slow" else 0))
        if mode == "hang":
            time.sleep(600)
            return
        if mode == "error500":
            return self.send_json(500, {"detail": "Internal Server Error"})
        if mode == "error401":
            return self.send_json(401, {"detail": "Unauthorized"})
        if mode == "malformed":
            return self.send_json(200, '{"scored_chunks": [')
        if self.path == "/retrievals":
            if not isinstance(body.get("query"), str):
                return self.send_json(422, {"detail": [{"loc": ["body", "query"], "msg": "field required"}]})
            top_k = int(body.get("top_k") or 8)
            out = []
            for i, c in enumerate(snap["chunks"][:top_k]):
                c = dict(c)
                c.setdefault("id", "chunk-%d" % i)
                c.setdefault("index", i)
                c.setdefault("document_id", str(uuid.uuid5(uuid.NAMESPACE_URL, c.get("document_name", str(i)))))
                c.setdefault("document_metadata", {})
                out.append(c)
            return self.send_json(200, {"scored_chunks": out})
        if self.path in ("/documents/raw", "/documents"):
            if "data" not in body:
                return self.send_json(422, {"detail": [{"loc": ["body", "data"], "msg": "field required"}]})
            now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            return self.send_json(201, {"id": str(uuid.uuid4()), "status": "pending",
                                        "name": body.get("name", ""), "metadata": body.get("metadata", {}),
                                        "partition": body.get("partition", "default"),
                                        "created_at": now, "updated_at": now, "chunk_count": None})
        self.send_json(404, {"detail": "Not Found"})


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    serve(Handler, port)


if __name__ == "__main__":
    main()
