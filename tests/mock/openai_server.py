#!/usr/bin/env python3
"""A local stand-in for an OpenAI-compatible Chat Completions server.

Speaks the real protocol: POST /v1/chat/completions answered as JSON or, with
"stream": true, as Server-Sent Events (chat.completion.chunk objects, a last
chunk with finish_reason, a usage chunk when stream_options.include_usage,
then `data: [DONE]`), OpenAI-shaped error bodies, Retry-After on 429.

Behaviour is chosen per request, first match wins:
  1. a magic word in the last user message: MOCK_OK, MOCK_ERROR500,
     MOCK_ERROR429, MOCK_ERROR401, MOCK_HANG, MOCK_MALFORMED, MOCK_SCHEMA_VIOLATION,
     MOCK_REFUSAL, MOCK_SLOW
  2. the control state, set by POST /_control with a JSON object:
       mode            ok | error500 | error429 | error401 | hang | malformed |
                       schema_violation | refusal | slow   (default ok)
       count           apply mode to this many requests, then back to ok
                       (absent: until changed)
       delay_ms        wait before the first byte of content (time to first token)
       token_delay_ms  wait between streamed chunks (1000/rate)
       retry_after     seconds for the Retry-After header of a 429
       chunk_chars     characters of content per streamed chunk (default 6)
       answer          the text of the "answer" field in ok replies
       cite            list of passage ids to cite (default: the first two
                       ids [Pn] seen in the request); may include invented ids
       tokens          pad the answer to about this many chunks (long streams)
     POST /_reset clears the control state and the request log.
  GET /_requests returns the log of chat requests received: method, path,
  headers, body (parsed JSON), mode applied, status sent, chunks_sent,
  completed, aborted (the client went away mid-stream).

Usage: openai_server.py PORT [--first-token-ms N] [--tokens-per-s R]
  PORT 0 = any free port; the port is printed as "PORT <n>" on the first
  line of stdout.  The options set the defaults of delay_ms and
  token_delay_ms (kept across /_reset), for `make bench`: time to first
  token at the client minus N is what the product adds.
Python 3 standard library only.
"""
import json
import re
import sys
import threading
import time

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
from mockhttp import JSONHandler, serve  # noqa: E402

MODES = ("ok", "error500", "error429", "error401", "hang", "malformed", "schema_violation", "refusal", "slow")
LOCK = threading.Lock()
STATE = {}
LOG = []


BASE = {"delay_ms": 0, "token_delay_ms": 0}


def control_defaults():
    return {"mode": "ok", "count": None, "delay_ms": BASE["delay_ms"],
            "token_delay_ms": BASE["token_delay_ms"], "retry_after": 1,
            "chunk_chars": 6, "answer": None, "cite": None, "tokens": 0}


STATE.update(control_defaults())


def take_mode(messages):
    """The mode for this request, consuming one use of a counted mode."""
    last_user = ""
    for m in messages or []:
        if isinstance(m, dict) and m.get("role") == "user" and isinstance(m.get("content"), str):
            last_user = m["content"]
    for mode in MODES:
        if "MOCK_" + mode.upper() in last_user:
            return mode, dict(STATE)
    with LOCK:
        snap = dict(STATE)
        if STATE["count"] is not None:
            STATE["count"] -= 1
            if STATE["count"] <= 0:
                STATE["mode"] = "ok"
                STATE["count"] = None
    return snap["mode"], snap


def passage_ids(messages):
    seen = []
    for m in messages or []:
        content = m.get("content") if isinstance(m, dict) else None
        if isinstance(content, str):
            for pid in re.findall(r"\[(P\d+)\]", content):
                if pid not in seen:
                    seen.append(pid)
    return seen


def question_of(messages):
    for m in reversed(messages or []):
        if isinstance(m, dict) and m.get("role") == "user":
            return str(m.get("content", ""))
    return ""


def answer_content(mode, snap, body):
    messages = body.get("messages", [])
    wants_json = isinstance(body.get("response_format"), dict)
    ids = passage_ids(messages)
    cite = snap["cite"] if snap["cite"] is not None else ids[:2]
    text = snap["answer"] or ("From the manual: do the first check, then the second %s."
                              % " ".join("[%s]" % c for c in cite)).strip()
    if snap["tokens"]:
        pad = " word" * max(0, snap["tokens"] * max(1, snap["chunk_chars"]) // 5)
        text = text + pad
    if mode == "schema_violation":
        return json.dumps({"text": text, "steps": "not a list"})
    if not wants_json:
        return text
    return json.dumps({
        "answer": text,
        "steps": ["Switch the unit off %s" % ("[%s]" % cite[0] if cite else ""), "Call the manager"],
        "safety_warnings": ["Hot surface: wear heat-resistant gloves"],
        "cited_passages": cite,
        "escalate": False,
        "service_call_recommended": False,
    })


def error_body(status, message, etype, code):
    return json.dumps({"error": {"message": message, "type": etype, "param": None, "code": code}})


class Handler(JSONHandler):
    server_version = "mock-openai/1.0"

    def do_GET(self):
        if self.path == "/_requests":
            with LOCK:
                self.send_json(200, list(LOG))
        elif self.path.rstrip("/") in ("/v1/models", "/models"):
            self.send_json(200, {"object": "list", "data": [
                {"id": "test-model", "object": "model", "created": 0, "owned_by": "mock"}]})
        elif self.path == "/_health":
            self.send_json(200, {"ok": True})
        else:
            self.send_json(404, error_body(404, "Unknown path", "invalid_request_error", None))

    def do_POST(self):
        raw = self.read_body()
        if self.path == "/_control":
            try:
                ctl = json.loads(raw or b"{}")
            except ValueError:
                return self.send_json(400, {"error": "bad json"})
            with LOCK:
                if ctl.get("mode", "ok") not in MODES:
                    return self.send_json(400, {"error": "unknown mode"})
                STATE.update(control_defaults())
                STATE.update({k: v for k, v in ctl.items() if k in STATE})
                snap = dict(STATE)
            return self.send_json(200, snap)
        if self.path == "/_reset":
            with LOCK:
                STATE.clear()
                STATE.update(control_defaults())
                LOG.clear()
            return self.send_json(200, {"ok": True})
        if self.path.rstrip("/") not in ("/v1/chat/completions", "/chat/completions"):
            return self.send_json(404, error_body(404, "Unknown path", "invalid_request_error", None))
        try:
            body = json.loads(raw)
            if not isinstance(body, dict):
                raise ValueError
        except ValueError:
            return self.send_json(400, error_body(400, "We could not parse the JSON body of your request.",
                                                  "invalid_request_error", None))
        mode, snap = take_mode(body.get("messages"))
        entry = {"id": 0, "method": "POST", "path": self.path,
                 "headers": {k.lower(): v for k, v in self.headers.items()},
                 "body": body, "mode": mode, "status": None, "stream": bool(body.get("stream")),
                 "chunks_sent": 0, "completed": False, "aborted": False, "received_at": time.time()}
        with LOCK:
            entry["id"] = len(LOG) + 1
            LOG.append(entry)
        try:
            self.answer(body, mode, snap, entry)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            entry["aborted"] = True
            self.close_connection = True

    def answer(self, body, mode, snap, entry):
        model = body.get("model") or "test-model"
        if not isinstance(body.get("messages"), list) or not body["messages"]:
            entry["status"] = 400
            return self.send_json(400, error_body(400, "'messages' is a required property",
                                                  "invalid_request_error", None))
        if mode == "hang":
            entry["status"] = 0
            time.sleep(600)
            return
        if mode == "error500":
            entry["status"] = 500
            return self.send_json(500, error_body(500, "The server had an error while processing your request.",
                                                  "server_error", None))
        if mode == "error401":
            entry["status"] = 401
            return self.send_json(401, error_body(401, "Incorrect API key provided: sk-te****.",
                                                  "invalid_request_error", "invalid_api_key"))
        if mode == "error429":
            entry["status"] = 429
            return self.send_json(429, error_body(429, "Rate limit reached for requests.", "requests",
                                                  "rate_limit_exceeded"),
                                  {"Retry-After": str(snap["retry_after"])})
        delay = snap["delay_ms"] / 1000.0
        if mode == "slow":
            delay = max(delay, 5.0)
        content = answer_content(mode, snap, body)
        refusal = "I'm sorry, I can't help with that." if mode == "refusal" else None
        usage = {"prompt_tokens": sum(len(str(m.get("content", ""))) // 4 for m in body["messages"]),
                 "completion_tokens": max(1, len(content) // 4)}
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        cid = "chatcmpl-mock%d" % entry["id"]
        created = int(time.time())
        if not body.get("stream"):
            time.sleep(delay)
            entry["status"] = 200
            if mode == "malformed":
                return self.send_json(200, '{"id": "%s", "object": "chat.completion", "choices": [{"index": 0, "mess' % cid)
            msg = {"role": "assistant", "content": None if refusal else content, "refusal": refusal}
            entry["completed"] = True
            return self.send_json(200, {
                "id": cid, "object": "chat.completion", "created": created, "model": model,
                "choices": [{"index": 0, "message": msg, "logprobs": None, "finish_reason": "stop"}],
                "usage": usage})
        # Streamed: headers now, content after the first-token delay.
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        entry["status"] = 200

        def chunk(delta, finish=None, extra=None):
            obj = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": model,
                   "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]}
            if extra:
                obj.update(extra)
            self.wfile.write(b"data: " + json.dumps(obj).encode() + b"\n\n")
            self.wfile.flush()
            entry["chunks_sent"] += 1

        chunk({"role": "assistant", "content": ""})
        time.sleep(delay)
        if mode == "malformed":
            self.wfile.write(b"data: {\"id\": \"" + cid.encode() + b"\", \"choices\": [{\"delta\": {\"content\": \"oops\n\n")
            self.wfile.flush()
            return
        text, key = (refusal, "refusal") if refusal else (content, "content")
        step = max(1, int(snap["chunk_chars"]))
        for i in range(0, len(text), step):
            if i and snap["token_delay_ms"]:
                time.sleep(snap["token_delay_ms"] / 1000.0)
            chunk({key: text[i:i + step]})
        chunk({}, "stop")
        if (body.get("stream_options") or {}).get("include_usage"):
            obj = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": model,
                   "choices": [], "usage": usage}
            self.wfile.write(b"data: " + json.dumps(obj).encode() + b"\n\n")
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()
        entry["completed"] = True


def main():
    args = sys.argv[1:]
    port = int(args[0]) if args and not args[0].startswith("-") else 0
    if "--first-token-ms" in args:
        BASE["delay_ms"] = float(args[args.index("--first-token-ms") + 1])
    if "--tokens-per-s" in args:
        rate = float(args[args.index("--tokens-per-s") + 1])
        BASE["token_delay_ms"] = 1000.0 / rate if rate > 0 else 0
    STATE.update(control_defaults())
    serve(Handler, port)


if __name__ == "__main__":
    main()
