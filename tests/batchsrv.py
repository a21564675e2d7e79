"""Real HTTP servers for the batch tests: one ThreadingHTTPServer per loopback address
(127.0.0.2, 127.0.0.3, ... act as separate hosts), each recording what it was asked and
how many requests it served at once."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "batch"


def fixture(name: str) -> bytes:
    """The bytes of a fixture page."""
    return (FIXTURES / name).read_bytes()


@dataclass
class Reply:
    """What a host answers for a path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    latency: float = 0.0  # seconds before answering


@dataclass
class Hit:
    """One request as the server saw it."""

    path: str
    start: float
    user_agent: str


@dataclass
class Host:
    """One server on one loopback address."""

    ip: str
    routes: dict[str, Reply] = field(default_factory=dict)
    default: Callable[[str], Reply] | None = None  # for paths not in routes
    latency: float = 0.0  # added to every answer
    hits: list[Hit] = field(default_factory=list)
    active: int = 0
    max_active: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    @property
    def port(self) -> int:
        assert self.server is not None
        return self.server.server_address[1]

    def url(self, path: str) -> str:
        """An absolute URL on this host."""
        return f"http://{self.ip}:{self.port}{path}"

    def paths(self) -> list[str]:
        """Paths requested, in order."""
        with self.lock:
            return [h.path for h in self.hits]

    def starts(self, prefix: str = "/") -> list[float]:
        """Start times of requests whose path begins with ``prefix``."""
        with self.lock:
            return sorted(h.start for h in self.hits if h.path.startswith(prefix))


def _handler(host: Host) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            with host.lock:
                host.hits.append(Hit(self.path, time.monotonic(), self.headers.get("User-Agent", "")))
                host.active += 1
                host.max_active = max(host.max_active, host.active)
            try:
                reply = host.routes.get(self.path)
                if reply is None:
                    reply = host.default(self.path) if host.default else Reply(b"not found", 404, "text/plain")
                pause = host.latency + reply.latency
                if pause:
                    time.sleep(pause)
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout under test)
            finally:
                with host.lock:
                    host.active -= 1

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


class _Server(ThreadingHTTPServer):
    # the default backlog of 5 drops SYNs when many requests connect at once: the client
    # then waits for a SYN retransmit (1 s) and the test measures that instead
    request_queue_size = 128
    daemon_threads = True


class Servers:
    """Start hosts on 127.0.0.2, .3, ... (one port each, chosen by the OS); stop them all."""

    def __init__(self) -> None:
        self.hosts: list[Host] = []
        self._threads: list[threading.Thread] = []

    def add(self, **kwargs: object) -> Host:
        """Start one more host."""
        ip = f"127.0.0.{len(self.hosts) + 2}"
        host = Host(ip, **kwargs)  # type: ignore[arg-type]
        server = _Server((ip, 0), _handler(host))
        host.server = server
        t = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        t.start()
        self.hosts.append(host)
        self._threads.append(t)
        return host

    def close(self) -> None:
        """Stop every host."""
        for host in self.hosts:
            assert host.server is not None
            host.server.shutdown()
            host.server.server_close()
