#!/usr/bin/env python3
"""A small HTTPS load driver (Python 3 standard library only).

It sends a fixed list of requests with N client threads and records every
answer - status, headers, body - or the transport error, so a test can count
what happened to each request.  No retries: a request is sent once.

    from driver import Job, run
    results = run("127.0.0.1", 8443, jobs, concurrency=48, cafile=..., timeout=30)

Each result is a Result(job, status, headers, body, error, started, elapsed):
status is None and error is set when the request got no complete answer
(timeout, reset, a response cut off).  `keepalive=False` opens a connection
per request (use it when the server side is being reloaded: an idle kept-alive
connection closed by a reloading nginx races with the next request on it).

As a command, it runs a chat load against a stack and prints the figures:

    tests/load/driver.py --url https://127.0.0.1:8443 --key KEY --cafile cert.pem \\
        [-n 2000] [-c 48] [--path /chat/production]
"""

import argparse
import collections
import http.client
import json
import queue
import ssl
import sys
import threading
import time
import uuid

Job = collections.namedtuple("Job", "method path headers body tag")
Result = collections.namedtuple("Result", "job status headers body error started elapsed")


def _connect(host, port, ctx, timeout, source):
    return http.client.HTTPSConnection(host, port, context=ctx, timeout=timeout,
                                       source_address=(source, 0) if source else None)


def run(host, port, jobs, concurrency=32, cafile=None, timeout=30.0, keepalive=True,
        sources=None, on_result=None, honor_retry_after=True):
    """Send every job once with `concurrency` threads; returns the results in
    job order.  sources: optional list of local addresses, one per thread in
    turn (127.0.x.y), for per-address limits.  honor_retry_after: after a
    429/503 with Retry-After the thread waits that long (at most 5 s) before
    its next job, as a well-behaved client does (the failed request is
    recorded, not retried)."""
    ctx = ssl.create_default_context(cafile=cafile) if cafile else ssl._create_unverified_context()
    todo = queue.Queue()
    for i, job in enumerate(jobs):
        todo.put((i, job))
    results = [None] * len(jobs)

    def worker(n):
        source = sources[n % len(sources)] if sources else None
        conn = None
        while True:
            try:
                i, job = todo.get_nowait()
            except queue.Empty:
                break
            t0 = time.monotonic()
            status = hdrs = body = err = None
            try:
                if conn is None:
                    conn = _connect(host, port, ctx, timeout, source)
                conn.request(job.method, job.path, body=job.body, headers=job.headers or {})
                r = conn.getresponse()
                body = r.read()           # IncompleteRead when the body is cut off
                status, hdrs = r.status, r.getheaders()
                if not keepalive or r.will_close:
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException, ssl.SSLError) as exc:
                err = f"{exc.__class__.__name__}: {exc}"
                status = hdrs = body = None
                if conn is not None:
                    conn.close()
                conn = None
            res = Result(job, status, hdrs, body, err, t0, time.monotonic() - t0)
            results[i] = res
            if on_result:
                on_result(res)
            if honor_retry_after and status in (429, 503):
                try:
                    wait = float(header(res, "Retry-After", "0"))
                except ValueError:
                    wait = 0.0
                if wait > 0:
                    time.sleep(min(wait, 5.0))
        if conn is not None:
            conn.close()

    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        # Every request is bounded by `timeout` per socket operation; a thread
        # still alive long after is a hang the caller must see.
        t.join(timeout * (len(jobs) // max(concurrency, 1) + 4))
    return results


def header(res, name, default=None):
    name = name.lower()
    for k, v in res.headers or ():
        if k.lower() == name:
            return v
    return default


def chat_jobs(n, key, run_id=None, path="/chat/production"):
    """n chat requests, each with a unique marker in its message and its own
    conversation.  tag = (marker, conversation_id)."""
    run_id = run_id or uuid.uuid4().hex[:8]
    questions = ["the fryer oil is smoking, what temperature should it be",
                 "grill shows E03 and will not heat",
                 "how do I close the drive-thru at night",
                 "what is the hot holding temperature for chicken",
                 "how do I train a new hire on the register"]
    jobs = []
    for i in range(n):
        marker = f"mk-{run_id}-{i:05d}"
        conv = f"rel-{run_id}-{i:05d}"
        msg = f"{questions[i % len(questions)]} [{marker}]"
        body = json.dumps({"message": msg, "conversation_id": conv}).encode()
        jobs.append(Job("POST", path, {"Content-Type": "application/json",
                                       "Authorization": f"Bearer {key}"}, body, (marker, conv)))
    return jobs


def summary(results):
    by = collections.Counter()
    for r in results:
        by[r.status if r.status is not None else "error"] += 1
    lat = sorted(r.elapsed for r in results if r is not None)
    q = (lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000) if lat else (lambda p: 0)
    return by, q(0.5), q(0.95), q(0.99)


def main():
    ap = argparse.ArgumentParser(description="HTTPS chat load driver")
    ap.add_argument("--url", required=True, help="https://127.0.0.1:PORT")
    ap.add_argument("--key", required=True)
    ap.add_argument("--cafile")
    ap.add_argument("-n", type=int, default=2000)
    ap.add_argument("-c", type=int, default=48)
    ap.add_argument("--path", default="/chat/production")
    ap.add_argument("--no-keepalive", action="store_true")
    args = ap.parse_args()
    hostport = args.url.split("://", 1)[1].rstrip("/")
    host, port = hostport.rsplit(":", 1)
    jobs = chat_jobs(args.n, args.key, path=args.path)
    t0 = time.monotonic()
    results = run(host, int(port), jobs, args.c, args.cafile, keepalive=not args.no_keepalive)
    wall = time.monotonic() - t0
    by, p50, p95, p99 = summary(results)
    print(f"requests {len(results)} in {wall:.1f}s ({len(results) / wall:.0f}/s), "
          f"statuses {dict(by)}, latency p50 {p50:.0f} ms p95 {p95:.0f} ms p99 {p99:.0f} ms")
    return 0 if by.get(200, 0) == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
