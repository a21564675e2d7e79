"""Tiny forward proxies for the tests: HTTP (threads, CONNECT tunnels and absolute-form GET)
and SOCKS5 (no authentication, CONNECT).

Each records every request it is asked to forward (method and target), so a test can tell
whether a client went through the proxy or around it.
"""

from __future__ import annotations

import select
import socket
import socketserver
import struct
import threading
from typing import Self
from urllib.parse import urlsplit


class ProxyHandler(socketserver.StreamRequestHandler):
    """One client connection: one request (CONNECT or absolute-form), then the bytes relayed."""

    server: ProxyServer

    def handle(self) -> None:
        head = self.rfile.readline(65536).decode("latin-1")
        parts = head.split()
        if len(parts) != 3:
            return
        method, target, version = parts
        headers = []
        while True:
            line = self.rfile.readline(65536).decode("latin-1")
            if line in ("\r\n", "\n", ""):
                break
            headers.append(line)
        self.server.record(method, target)
        if method == "CONNECT":
            host, _, port = target.rpartition(":")
            upstream = self._connect(host, int(port))
            if upstream is None:
                return
            self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            self._relay(upstream, b"")
            return
        url = urlsplit(target)
        if url.scheme != "http" or not url.hostname:
            self.wfile.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return
        upstream = self._connect(url.hostname, url.port or 80)
        if upstream is None:
            return
        path = url.path or "/"
        if url.query:
            path += "?" + url.query
        keep = [h for h in headers if h.split(":", 1)[0].strip().lower() not in ("proxy-connection", "connection")]
        first = f"{method} {path} {version}\r\n" + "".join(keep) + "Connection: close\r\n\r\n"
        self._relay(upstream, first.encode("latin-1"))  # GET: no request body to pass on

    def _connect(self, host: str, port: int) -> socket.socket | None:
        try:
            return socket.create_connection((host, port), timeout=10)
        except OSError:
            self.wfile.write(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return None

    def _relay(self, upstream: socket.socket, first: bytes) -> None:
        client = self.connection
        with upstream:
            if first:
                upstream.sendall(first)
            socks = [client, upstream]
            while True:
                ready, _, _ = select.select(socks, [], [], 10)
                if not ready:
                    return
                for s in ready:
                    try:
                        data = s.recv(65536)
                    except OSError:
                        return
                    if not data:
                        return
                    (upstream if s is client else client).sendall(data)


class Socks5Handler(ProxyHandler):
    """RFC 1928 without authentication: greeting, one CONNECT (IPv4 or a name), then relay."""

    def handle(self) -> None:
        conn = self.connection
        head = self._read(2)
        if len(head) < 2 or head[0] != 5:
            return
        self._read(head[1])  # the offered methods: we take "no authentication"
        conn.sendall(b"\x05\x00")
        _, cmd, _, atyp = self._read(4)
        if atyp == 1:
            host = socket.inet_ntoa(self._read(4))
        elif atyp == 3:
            host = self._read(self._read(1)[0]).decode("idna")
        else:
            conn.sendall(b"\x05\x08\x00\x01" + bytes(6))  # address type not supported
            return
        port = struct.unpack("!H", self._read(2))[0]
        self.server.record("SOCKS-CONNECT" if cmd == 1 else f"SOCKS-{cmd}", f"{host}:{port}")
        try:
            upstream = socket.create_connection((host, port), timeout=10)
        except OSError:
            conn.sendall(b"\x05\x05\x00\x01" + bytes(6))  # connection refused
            return
        conn.sendall(b"\x05\x00\x00\x01" + socket.inet_aton("127.0.0.1") + struct.pack("!H", 0))
        self._relay(upstream, b"")

    def _read(self, n: int) -> bytes:
        data = b""
        while len(data) < n:
            more = self.connection.recv(n - len(data))
            if not more:
                break
            data += more
        return data


class ProxyServer(socketserver.ThreadingTCPServer):
    """The proxy on 127.0.0.1 (ephemeral port); ``requests`` lists (method, target) seen."""

    daemon_threads = True
    allow_reuse_address = True

    scheme = "http"

    def __init__(self, handler: type[socketserver.BaseRequestHandler] = ProxyHandler) -> None:
        super().__init__(("127.0.0.1", 0), handler)
        self.requests: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The proxy's URL, for HTTP_PROXY or --proxy."""
        return f"{self.scheme}://127.0.0.1:{self.server_address[1]}"

    def record(self, method: str, target: str) -> None:
        """Note one forwarded request."""
        with self._lock:
            self.requests.append((method, target))

    def seen(self) -> list[tuple[str, str]]:
        """The requests so far."""
        with self._lock:
            return list(self.requests)

    def __enter__(self) -> Self:
        self._thread = threading.Thread(target=self.serve_forever, name="test-proxy", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()


class Socks5Server(ProxyServer):
    """The SOCKS5 proxy on 127.0.0.1 (ephemeral port); ``requests`` lists ("SOCKS-CONNECT", "host:port")."""

    scheme = "socks5"

    def __init__(self) -> None:
        super().__init__(Socks5Handler)
