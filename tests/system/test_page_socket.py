"""The socket each open tab keeps: no per-message compression, which would hold a zlib window
(~260 KiB) for every tab while shrinking updates of a few hundred bytes."""

from __future__ import annotations

import base64
import os
import socket
from pathlib import Path
from urllib.parse import urlsplit

from tests.server import running_server

HANDSHAKE = (
    "GET /_nicegui_ws/socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
    "Host: {host}\r\n"
    "Upgrade: websocket\r\n"
    "Connection: Upgrade\r\n"
    "Sec-WebSocket-Key: {key}\r\n"
    "Sec-WebSocket-Version: 13\r\n"
    "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
    "\r\n"
)


def upgrade_answer(url: str) -> str:
    """The status line and headers the server answers a browser's WebSocket handshake with."""
    address = urlsplit(url)
    key = base64.b64encode(os.urandom(16)).decode()
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        connection.sendall(HANDSHAKE.format(host=address.netloc, key=key).encode())
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = connection.recv(4096)
            if not chunk:
                break
            answer += chunk
    return answer.split(b"\r\n\r\n")[0].decode("latin-1")


def test_a_tab_socket_is_opened_without_compression_though_the_browser_offers_it(tmp_path: Path):
    with running_server(tmp_path, UPSTREAM="off") as url:
        answer = upgrade_answer(url)
    assert answer.startswith("HTTP/1.1 101"), answer
    assert "permessage-deflate" not in answer.lower(), answer
