#!/usr/bin/env python3
"""bench/ttft.py - time to first token and total time, directly against an
OpenAI-compatible server and through Line Lead (nginx -> pool -> LLM).

  ttft.py mock URL N         POST URL/chat/completions (stream) N times; with
                             BENCH_LLM_BODY=FILE, that request body (the one
                             Line Lead sent, replayed: the model alone)
  ttft.py product URL N [S]  POST URL/chat/production {"stream": true} N times
                             (a distinct question each time, numbered from S,
                             default 100: no cache hits); with
                             BENCH_MOCK_URL, also when the mock received
                             each call (model_called_p50, ms after sending)
  ttft.py cached URL N       POST URL/chat/production (JSON) with one question
                             repeated: the first call fills the cache, the
                             other N are timed and must say "cached": true

One connection is opened (and the TLS handshake done) before timing starts
and reused, so the figures are request times, not connection set-up.  Keys:
LINELEAD_API_KEY.  Prints one line:
  TTFT mode=M n=N ttft_p50=ms ttft_p95=ms total_p50=ms total_p95=ms [cached=k/N]
Python 3 standard library only.
"""
import http.client
import json
import re
import os
import ssl
import sys
import time
import urllib.parse

QUESTIONS = ["fryer not heating", "grill shows error E03", "ice machine making thin ice",
             "walk-in cooler is warm", "soft serve too runny", "dish machine not draining",
             "holding cabinet alarm", "coffee brewer leaking", "oven not reaching temperature",
             "headset has no sound"]


def pct(values, p):
    v = sorted(values)
    if not v:
        return float("nan")
    k = (len(v) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def connect(url):
    u = urllib.parse.urlsplit(url)
    if u.scheme == "https":
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        c = http.client.HTTPSConnection(u.hostname, u.port or 443, context=ctx, timeout=60)
    else:
        c = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=60)
    c.connect()
    return c, u.path.rstrip("/")


def stream(conn, path, body, headers, first_marker):
    """POST, read the SSE stream; seconds to the first line starting with
    first_marker and to the end of the body."""
    t0 = time.perf_counter()
    conn.request("POST", path, body=json.dumps(body), headers=headers)
    r = conn.getresponse()
    if r.status != 200:
        raise SystemExit("ttft: HTTP %d: %s" % (r.status, r.read()[:300]))
    first = None
    while True:
        line = r.readline()
        if not line:
            break
        if first is None and line.startswith(first_marker):
            first = time.perf_counter() - t0
        if line.startswith(b"data: [DONE]") or line.startswith(b"event: done"):
            # read the rest of this event / body
            pass
    r.read()
    total = time.perf_counter() - t0
    return (first if first is not None else total), total


def model_offsets(sent):
    """With BENCH_MOCK_URL (the mock's base URL): milliseconds from each
    request leaving the client to the mock receiving Line Lead's call for it,
    read from the mock's request log: the first call after each question."""
    url = os.environ.get("BENCH_MOCK_URL")
    if not url:
        return []
    u = urllib.parse.urlsplit(url)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    c.request("GET", "/_requests")
    log = json.loads(c.getresponse().read())
    log = log if isinstance(log, list) else log.get("requests", [])
    # Each question's first call: a question may cause two (a corrective
    # retry), so calls are matched by time, not by position.
    calls = sorted(r["received_at"] for r in log if r.get("path", "").endswith("/chat/completions"))
    out = []
    for i, t in enumerate(sent):
        until = sent[i + 1] if i + 1 < len(sent) else float("inf")
        first = next((c for c in calls if t <= c < until), None)
        if first is not None:
            out.append((first - t) * 1000)
    return out


def main():
    mode, url, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    start = int(sys.argv[4]) if len(sys.argv) > 4 else 100
    conn, base = connect(url)
    key = os.environ.get("LINELEAD_API_KEY", "")
    ttfts, totals, cached, before = [], [], 0, []
    if mode == "mock":
        hdr = {"Content-Type": "application/json", "Authorization": "Bearer bench"}
        replay = None
        if os.environ.get("BENCH_LLM_BODY") and os.path.exists(os.environ["BENCH_LLM_BODY"]):
            with open(os.environ["BENCH_LLM_BODY"]) as f:
                replay = json.load(f)
        sent = []
        for i in range(n):
            sent.append(time.time())
            body = replay or {"model": "bench", "stream": True,
                              "messages": [{"role": "system", "content": "You answer QSR crew questions."},
                                           {"role": "user", "content": QUESTIONS[i % len(QUESTIONS)]}]}
            # The model's first *answer* character: with structured output the
            # stream opens with '{"answer": "', which no reader can show, so the
            # fair "model alone" mark is the first character after it - the
            # same thing Line Lead's first token event carries.
            t0 = time.perf_counter()
            conn.request("POST", base + "/chat/completions", body=json.dumps(body), headers=hdr)
            r = conn.getresponse()
            first = None
            text = ""
            while True:
                line = r.readline()
                if not line:
                    break
                if first is None and line.startswith(b"data: {") and b'"content"' in line:
                    d = json.loads(line[6:])
                    ch = d.get("choices") or [{}]
                    text += (ch[0].get("delta") or {}).get("content") or ""
                    if re.search(r'"answer"\s*:\s*"[^"]', text) or (text and not text.lstrip().startswith("{")):
                        first = time.perf_counter() - t0
                if line.startswith(b"data: [DONE]"):
                    break
            r.read()
            totals.append(time.perf_counter() - t0)
            ttfts.append(first if first is not None else totals[-1])
        before = model_offsets(sent)
    elif mode == "product":
        hdr = {"Content-Type": "application/json", "Authorization": "Bearer " + key,
               "Accept": "text/event-stream"}
        sent = []
        for i in range(n):
            q = "%s (unit %d)" % (QUESTIONS[i % len(QUESTIONS)], start + i)
            sent.append(time.time())
            f, t = stream(conn, base + "/chat/production", {"message": q, "stream": True}, hdr,
                          b"event: token")
            ttfts.append(f)
            totals.append(t)
        before = model_offsets(sent)
    elif mode == "cached":
        hdr = {"Content-Type": "application/json", "Authorization": "Bearer " + key}
        body = json.dumps({"message": "how do I boil out the fryer"})
        for i in range(n + 1):
            t0 = time.perf_counter()
            conn.request("POST", base + "/chat/production", body=body, headers=hdr)
            r = conn.getresponse()
            data = r.read()
            dt = time.perf_counter() - t0
            if r.status != 200:
                raise SystemExit("ttft: HTTP %d: %s" % (r.status, data[:300]))
            if i == 0:
                continue
            totals.append(dt)
            ttfts.append(dt)
            if json.loads(data).get("cached") is True:
                cached += 1
    else:
        raise SystemExit("usage: ttft.py mock|product|cached URL N")
    ms = lambda x: "%.2f" % (x * 1000)
    extra = " cached=%d/%d" % (cached, n) if mode == "cached" else ""
    if before:
        extra += " model_called_p50=%.2f" % pct(before, 50)
    print("TTFT mode=%s n=%d ttft_p50=%s ttft_p95=%s total_p50=%s total_p95=%s%s" % (
        mode, n, ms(pct(ttfts, 50)), ms(pct(ttfts, 95)), ms(pct(totals, 50)), ms(pct(totals, 95)), extra))


if __name__ == "__main__":
    main()
