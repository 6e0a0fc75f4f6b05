"""Sending the outbox to a learning record store over HTTP (urllib only), resumably.

Pending statements go in batches, in the order queued. The LRS's answer decides each
row: 200 (stored) and 204 (already held, the same statement) acknowledge it; 409
(another statement under that id) is a conflict, reported and not retried; 400, 413
and 422 refuse it. A batch the LRS will not take whole is sent a statement at a time
to find which. 401 and 403 stop everything (`Refused`); so does any other answer or a
network error (`Unreachable`), leaving what was not acknowledged pending for next time.
"""

from __future__ import annotations

import base64
import json
import sqlite3
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urlsplit

from progress.classes import outbox
from progress.classes.statements import XAPI_VERSION

BATCH = 100
TIMEOUT_S = 30.0
ACKNOWLEDGED = (200, 204)
CONFLICT = 409
REFUSED = (400, 413, 422)


class Refused(Exception):
    """The LRS refused the user or password."""


class Unreachable(Exception):
    """The LRS could not be reached or answered an error; what was not acknowledged stays pending."""


def statements_url(endpoint: str) -> str:
    """The statements resource of an LRS, given its xAPI endpoint or the resource itself."""
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{endpoint!r} is not an http(s) URL of an LRS")
    path = parts.path.rstrip("/")
    if not path.endswith("/statements"):
        path += "/statements"
    return parts._replace(path=path, query="", fragment="").geturl()


@dataclass(frozen=True)
class Client:
    """Posts statements to an LRS's statements resource with basic auth."""

    url: str
    user: str
    password: str
    timeout: float = TIMEOUT_S

    def post(self, texts: list[str]) -> tuple[int, str]:
        """POST the statements (JSON texts) as one array; the HTTP status and the body's text."""
        body = ("[" + ",".join(texts) + "]").encode()
        credentials = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
        request = urllib.request.Request(self.url, data=body, method="POST", headers={
            "X-Experience-API-Version": XAPI_VERSION,
            "Authorization": f"Basic {credentials}",
            "Content-Type": "application/json",
        })  # fmt: skip
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise Unreachable(f"the LRS at {self.url} did not answer ({reason})") from None


@dataclass
class Sent:
    acknowledged: int = 0
    conflicts: list[str] = field(default_factory=list)  # statement ids
    refused: list[tuple[str, str]] = field(default_factory=list)  # (statement id, the LRS's reason)


def send(
    conn: sqlite3.Connection,
    client: Client,
    *,
    batch: int = BATCH,
    on_batch: Callable[[Sent], None] | None = None,
    clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
) -> Sent:
    """Send the outbox's pending statements for `client.url` until none is left; `on_batch` after each."""
    sent = Sent()
    after = 0
    while rows := outbox.pending(conn, client.url, batch, after):
        after = rows[-1].id
        status, body = client.post([row.text for row in rows])
        if status in ACKNOWLEDGED:
            outbox.mark(conn, rows, "sent", clock())
            sent.acknowledged += len(rows)
        elif status == CONFLICT or status in REFUSED:
            for row in rows:  # find which: one at a time
                _send_one(conn, client, row, sent, clock)
        else:
            _stop(status, body, client)
        if on_batch is not None:
            on_batch(sent)
    return sent


def _send_one(conn: sqlite3.Connection, client: Client, row: outbox.Row, sent: Sent,
              clock: Callable[[], datetime]) -> None:  # fmt: skip
    status, body = client.post([row.text])
    if status in ACKNOWLEDGED:
        outbox.mark(conn, [row], "sent", clock())
        sent.acknowledged += 1
    elif status == CONFLICT:
        outbox.mark(conn, [row], "conflict", clock(), _reason(body))
        sent.conflicts.append(row.statement_id)
    elif status in REFUSED:
        outbox.mark(conn, [row], "refused", clock(), _reason(body))
        sent.refused.append((row.statement_id, _reason(body)))
    else:
        _stop(status, body, client)


def _stop(status: int, body: str, client: Client) -> None:
    if status in (401, 403):
        raise Refused("the LRS refused the user/password")
    raise Unreachable(f"the LRS at {client.url} answered {status} ({_reason(body)})")


def _reason(body: str) -> str:
    """The LRS's own words for an error, on one line."""
    try:
        detail = json.loads(body).get("detail", body)
    except (ValueError, AttributeError):
        detail = body
    return " ".join(str(detail).split())[:300] or "no reason given"
