"""mockhttp.py - what the local stand-ins for paid services share: a quiet
JSON request handler and a loopback server that prints its port.

The stand-ins (openai_server.py, ragie_server.py) speak their services' real
protocols on 127.0.0.1 only; this module holds the plumbing, not the
protocols.  Python 3 standard library only.
"""
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class JSONHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet: tests read /_requests instead
        pass

    def send_json(self, status, obj_or_text, headers=None):
        """obj_or_text: an object (sent as JSON), or str/bytes sent as they are
        (a malformed body on purpose)."""
        data = obj_or_text if isinstance(obj_or_text, (bytes, bytearray)) else (
            obj_or_text if isinstance(obj_or_text, str) else json.dumps(obj_or_text)).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def read_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""


def serve(handler, port=0):
    """Serves handler on 127.0.0.1:port (0 = any free port) until killed;
    prints "PORT <n>" first, for the caller to read."""
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    print("PORT %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
