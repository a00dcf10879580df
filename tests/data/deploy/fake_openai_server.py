#!/usr/bin/env python3
"""A stand-in for an OpenAI-compatible server, for the load-test export's tests.

Streams /v1/completions as server-sent events: waits TTFT_MS before the first token, then
TPOT_MS between tokens, `max_tokens` tokens in all, then a usage event and [DONE]. Listens on
127.0.0.1 only, prints the port it got on the first line, and exits after LIFETIME_S seconds.
Usage: fake_openai_server.py TTFT_MS TPOT_MS LIFETIME_S
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_event(self, payload):
        data = ("data: " + payload + "\n\n").encode()
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        tokens = int(body["max_tokens"])
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        try:
            time.sleep(TTFT_S)
            for i in range(tokens):
                if i:
                    time.sleep(TPOT_S)
                self.send_event(json.dumps({"choices": [{"index": 0, "text": " tok"}]}))
            self.send_event(json.dumps({"choices": [], "usage": {"completion_tokens": tokens}}))
            self.send_event("[DONE]")
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the load generator stopped mid-stream


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def handle_error(self, request, client_address):
        pass


if __name__ == "__main__":
    TTFT_S = float(sys.argv[1]) / 1000.0
    TPOT_S = float(sys.argv[2]) / 1000.0
    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    threading.Timer(float(sys.argv[3]), server.shutdown).start()
    server.serve_forever()
