"""A real SMTP server process (aiosmtpd) that writes each message it receives to a folder.

`python -m aiosmtpd -n -l 127.0.0.1:PORT -c tests.mail_server.MailFolder FOLDER`; tests read
what arrived with `SmtpServer.messages()` and wait for it with `wait_for(count)`.
"""

from __future__ import annotations

import email
import email.policy
import re
import socket
import sys
import time
import uuid
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from app.cluster.processes import Child, child_environment, free_port

LINK = re.compile(r"https?://\S+")


class MailFolder:
    """aiosmtpd's handler: each message, as received, in a file of its own."""

    def __init__(self, folder: str) -> None:
        self.folder = Path(folder)

    @classmethod
    def from_cli(cls, parser: Any, *args: str) -> MailFolder:
        """aiosmtpd passes the CLASSARGS here: the folder."""
        if len(args) != 1:
            parser.error("give the folder to write messages to")
        return cls(args[0])

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        name = f"{time.time_ns()}-{uuid.uuid4().hex[:8]}"
        partial = self.folder / f"{name}.part"
        partial.write_bytes(envelope.original_content or envelope.content)
        partial.rename(self.folder / f"{name}.eml")  # readers never see half a message
        return "250 Message accepted"


class SmtpServer:
    """The server as a child process on a free port; stopped by `stop()`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.child = Child(
            folder.name,
            [
                *(sys.executable, "-m", "aiosmtpd", "-n"),
                *("-l", f"127.0.0.1:{self.port}", "-c", "tests.mail_server.MailFolder"),
                str(folder),
            ],
            env=child_environment({}),
            log_dir=folder.parent,
            ready=lambda: _listens(self.port),
            ready_timeout_s=15,
        )

    @property
    def settings(self) -> dict[str, str]:
        """What an app server needs to send here."""
        return {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(self.port), "SMTP_TLS": "none"}

    def start(self) -> SmtpServer:
        self.child.start()
        return self

    def stop(self) -> None:
        self.child.stop()

    def messages(self) -> list[EmailMessage]:
        """Everything received so far, oldest first."""
        found = []
        for path in sorted(self.folder.glob("*.eml")):
            parsed = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            assert isinstance(parsed, EmailMessage)
            found.append(parsed)
        return found

    def wait_for(self, count: int, *, timeout: float = 15.0) -> list[EmailMessage]:
        """At least `count` messages, once they have arrived."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            messages = self.messages()
            if len(messages) >= count:
                return messages
            time.sleep(0.05)
        raise AssertionError(f"expected {count} mails, the server received {len(self.messages())}")


def _listens(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        return True
    except OSError:
        return False


def text_of(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    return str(body.get_content())


def html_of(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("html",))
    assert body is not None
    return str(body.get_content())


def link_in(message: EmailMessage, path: str) -> str:
    """The first link to `path` in the mail's plain text."""
    links = [url for url in LINK.findall(text_of(message)) if f"/{path.strip('/')}?" in url]
    assert links, f"no link to {path} in:\n{text_of(message)}"
    return links[0]
