"""A feed server on the loopback address for the feed tests (never the internet).

`server.body` is what GET returns (None: an HTTP 500), `server.location` makes it a redirect,
`server.hits` counts the requests it answered."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


def rss(items: list[tuple[str, str, str, str]]) -> bytes:
    """An RSS document of (guid, title, link, body) items; an empty guid or link is left out."""
    entries = "".join(
        "<item>"
        + (f"<guid>{escape(guid)}</guid>" if guid else "")
        + f"<title>{escape(title)}</title>"
        + (f"<link>{escape(link)}</link>" if link else "")
        + "<pubDate>Wed, 16 Apr 2025 08:00:00 +0300</pubDate>"
        + f"<description>{escape('<p>' + body + '</p>')}</description></item>"
        for guid, title, link, body in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>أخبار</title>'
        f"{entries}</channel></rss>"
    ).encode()


@contextmanager
def feed_server(body: bytes | None = b"", host: str = "127.0.0.1"):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            server.hits += 1
            if server.location:
                self.send_response(302)
                self.send_header("Location", server.location)
                self.end_headers()
                return
            body = server.body
            self.send_response(200 if body is not None else 500)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer((host, 0), Handler)
    server.body, server.location, server.hits = body, "", 0
    server.port = server.server_address[1]
    server.url = f"http://{host}:{server.port}/feed.xml"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
