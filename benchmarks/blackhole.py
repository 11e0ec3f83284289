"""A TCP server that accepts connections and never answers: the worst kind of broken service.

    .venv/bin/python benchmarks/blackhole.py --port 9299 --seconds 300 &
    ELASTICSEARCH_URL=http://127.0.0.1:9299 ...

A closed port fails fast (connection refused). This one lets the client connect and send its
request, then keeps silent, so only the client's own read timeout ends the wait. It listens on
the loopback address only and stops by itself after --seconds.
"""

from __future__ import annotations

import argparse
import selectors
import socket
import time


def serve(port: int, seconds: float, host: str = "127.0.0.1") -> int:
    """Accept and hold connections until the time is up; returns how many were accepted."""
    selector = selectors.DefaultSelector()
    listener = socket.create_server((host, port), reuse_port=False, backlog=512)
    listener.setblocking(False)
    selector.register(listener, selectors.EVENT_READ)
    held: list[socket.socket] = []
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            for key, _events in selector.select(timeout=0.5):
                if key.fileobj is listener:
                    connection, _address = listener.accept()
                    connection.setblocking(False)
                    held.append(connection)
                    selector.register(connection, selectors.EVENT_READ)
                else:
                    # Read and discard what the client sends, so its writes never block; a
                    # client that gave up and closed is dropped.
                    connection = key.fileobj
                    try:
                        if not connection.recv(65536):
                            selector.unregister(connection)
                            connection.close()
                    except OSError:
                        selector.unregister(connection)
                        connection.close()
        return len(held)
    finally:
        for connection in held:
            connection.close()
        listener.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=9299)
    parser.add_argument("--seconds", type=float, default=300.0)
    arguments = parser.parse_args()
    if not 0 < arguments.seconds <= 3600:
        parser.error("--seconds must be 1..3600")
    print(f"blackhole listening on 127.0.0.1:{arguments.port} for {arguments.seconds:.0f} s")
    accepted = serve(arguments.port, arguments.seconds)
    print(f"blackhole stopped after accepting {accepted} connections")


if __name__ == "__main__":
    main()
