"""Sending mail through the configured SMTP server (smtplib), read from the environment:

- ``PORA_SMTP_URL``: ``smtp://host:port`` (plain, port 25 by default), ``smtp://...?starttls=1``
  (upgrade with STARTTLS, port 587 by default) or ``smtps://host:port`` (TLS from the start,
  port 465 by default); ``user:password@`` before the host logs in (percent-encode special
  characters in the password);
- ``PORA_MAIL_FROM``: the sender address;
- ``PORA_BASE_URL``: the address of the dashboard, for the links in the mail.

>>> s = mail_settings({"PORA_SMTP_URL": "smtp://pora:s%40cret@mail.go.id?starttls=1",
...                    "PORA_MAIL_FROM": "pora@mail.go.id"})
>>> (s.host, s.port, s.user, s.password, s.starttls, s.tls)
('mail.go.id', 587, 'pora', 's@cret', True, False)
"""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from types import TracebackType
from urllib.parse import parse_qs, unquote, urlsplit

from pora_dash.config import ConfigError

TIMEOUT = 20  # seconds; a server that does not answer is reported, not waited for


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int
    sender: str
    base_url: str
    user: str | None = None
    password: str | None = None
    tls: bool = False
    starttls: bool = False


def mail_settings(env: Mapping[str, str] | None = None) -> MailSettings:
    env = os.environ if env is None else env
    raw = env.get("PORA_SMTP_URL", "").strip()
    sender = env.get("PORA_MAIL_FROM", "").strip()
    if not raw:
        raise ConfigError(
            "PORA_SMTP_URL belum diatur (mis. smtp://mail.example.go.id:587?starttls=1)"
        )
    if "@" not in sender:
        raise ConfigError("PORA_MAIL_FROM belum diatur atau bukan alamat e-mail")
    url = urlsplit(raw)
    if url.scheme not in ("smtp", "smtps") or not url.hostname:
        raise ConfigError(f"PORA_SMTP_URL harus smtp://host atau smtps://host, bukan {raw!r}")
    query = parse_qs(url.query)
    starttls = query.get("starttls", ["0"])[0].lower() in ("1", "true", "yes")
    tls = url.scheme == "smtps"
    try:
        port = url.port or (465 if tls else 587 if starttls else 25)
    except ValueError as exc:
        raise ConfigError(f"PORA_SMTP_URL: port tidak sah ({exc})") from exc
    return MailSettings(
        host=url.hostname,
        port=port,
        sender=sender,
        base_url=env.get("PORA_BASE_URL", "http://localhost:8501").strip().rstrip("/"),
        user=unquote(url.username) if url.username else None,
        password=unquote(url.password) if url.password else None,
        tls=tls,
        starttls=starttls,
    )


class Mailer:
    """One connection for a run: `with Mailer(settings) as m: m.send(message)`. Connecting,
    logging in or sending raises OSError or smtplib.SMTPException; the caller records it."""

    def __init__(self, settings: MailSettings) -> None:
        self.settings = settings
        self.smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Mailer:
        s = self.settings
        context = ssl.create_default_context()
        if s.tls:
            self.smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=TIMEOUT, context=context)
        else:
            self.smtp = smtplib.SMTP(s.host, s.port, timeout=TIMEOUT)
            if s.starttls:
                self.smtp.starttls(context=context)
        if s.user:
            self.smtp.login(s.user, s.password or "")
        return self

    def send(self, message: EmailMessage) -> None:
        assert self.smtp is not None, "use Mailer as a context manager"
        self.smtp.send_message(message)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (OSError, smtplib.SMTPException):
                self.smtp.close()
