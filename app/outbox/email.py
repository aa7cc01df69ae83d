"""The e-mail channel: plain text plus simple HTML over SMTP, in the recipient's language, with
an unsubscribe link that needs no sign-in and the idempotency key in the headers."""

from __future__ import annotations

import hashlib
import smtplib
from email.errors import MessageError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import formatdate, parseaddr
from html import escape

from app.i18n import DEFAULT_LOCALE, gettext, reset_locale, set_locale
from app.outbox.channels import Message, PermanentFailure, TemporaryFailure
from app.outbox.models import Notification
from app.outbox.unsubscribe import url_for_person
from app.people.models import Person
from app.settings import Settings

# The header a receiver (or a test) uses to drop a repeat: the notification's idempotency key.
IDEMPOTENCY_HEADER = "X-Stapwijzer-Id"


def message_id(notification: Notification, sender_address: str) -> str:
    """The same Message-ID for every try of one notification, so mail systems see a repeat."""
    digest = hashlib.sha256(notification.idempotency_key.encode()).hexdigest()[:32]
    domain = sender_address.rpartition("@")[2] or "stapwijzer.localhost"
    return f"<{digest}@{domain}>"


def compose(settings: Settings, notification: Notification, recipient: Person,
            message: Message) -> EmailMessage:
    """The e-mail: the lock-screen-safe title as subject, the body, a link into the app and a
    footer with the unsubscribe link; texts in the recipient's language."""
    unsubscribe_url = url_for_person(settings, recipient.id)
    locale = recipient.locale or DEFAULT_LOCALE
    token = set_locale(locale)
    try:
        open_text = gettext("Open Stapwijzer")
        why = gettext("You get this e-mail from Stapwijzer.")
        stop = gettext("Do you want no more e-mails? Click here:")
        stop_link = gettext("No more e-mails")
    finally:
        reset_locale(token)
    # Headers on one line (up to SMTP's 998): a folded List-Unsubscribe trips some readers.
    mail = EmailMessage(policy=default_policy.clone(max_line_length=998))
    mail["Subject"] = message.title
    mail["From"] = settings.smtp_from
    mail["To"] = Address(addr_spec=recipient.email)
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = message_id(notification, parseaddr(settings.smtp_from)[1])
    mail[IDEMPOTENCY_HEADER] = notification.idempotency_key
    mail["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    mail["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"  # RFC 8058
    mail["Auto-Submitted"] = "auto-generated"
    mail.set_content(
        f"{message.body}\n\n{open_text}: {message.url}\n\n-- \n{why}\n{stop}\n{unsubscribe_url}\n")
    mail.add_alternative(
        f'<!doctype html>\n<html lang="{escape(locale)}"><body style="font-family: sans-serif; '
        f'font-size: 16px; line-height: 1.5">\n'
        f"<p>{escape(message.body)}</p>\n"
        f'<p><a href="{escape(message.url)}">{escape(open_text)}</a></p>\n'
        f'<hr>\n<p style="font-size: 14px">{escape(why)}<br>{escape(stop)} '
        f'<a href="{escape(unsubscribe_url)}">{escape(stop_link)}</a></p>\n</body></html>\n',
        subtype="html")
    return mail


class EmailSender:
    """Sends over SMTP with the settings' server; one connection is kept for a drain."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is None:
            smtp = smtplib.SMTP(self.settings.smtp_host, self.settings.smtp_port,
                                timeout=self.settings.smtp_timeout_seconds)
            if self.settings.smtp_starttls:
                smtp.starttls()
            if self.settings.smtp_username:
                smtp.login(self.settings.smtp_username, self.settings.smtp_password or "")
            self._smtp = smtp
        return self._smtp

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()

    def send(self, notification: Notification, recipient: Person, message: Message) -> None:
        if not recipient.email:
            raise PermanentFailure("recipient has no e-mail address")
        try:
            mail = compose(self.settings, notification, recipient, message)
        except (ValueError, IndexError, MessageError) as error:  # an address no server takes
            raise PermanentFailure("invalid e-mail address") from error
        try:
            self._connection().send_message(mail)
        except smtplib.SMTPRecipientsRefused as error:
            self._drop()
            codes = [code for code, _text in error.recipients.values()]
            code = codes[0] if codes else 0
            raise _by_code(code, f"SMTP {code}: recipient refused") from error
        except smtplib.SMTPResponseException as error:
            self._drop()
            raise _by_code(error.smtp_code, f"SMTP {error.smtp_code}: "
                           f"{type(error).__name__}") from error
        except (smtplib.SMTPException, OSError) as error:  # refused, timeout, disconnected
            self._drop()
            raise TemporaryFailure(f"mail server not reachable: {type(error).__name__}") from error

    def _drop(self) -> None:
        # After an error the connection's state is unknown: the next send opens a new one.
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            smtp.close()


def _by_code(code: int, text: str) -> Exception:
    # 5xx: this address or message will never be accepted; 4xx: try again later.
    return PermanentFailure(text) if 500 <= code < 600 else TemporaryFailure(text)
