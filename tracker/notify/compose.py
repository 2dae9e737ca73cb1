"""A planned message as an e-mail: a plain-text and an HTML part (Dutch, plain tables Outlook renders, no remote
images), a link per item, and a List-Unsubscribe header pointing at the settings page."""
from __future__ import annotations

from email.message import EmailMessage
from email.utils import formataddr, format_datetime, make_msgid
from html import escape

from ..models import utcnow
from ..text_hygiene import clean, one_line
from .plan import Message

SETTINGS_PATH = "/instellingen#meldingen"


def compose(message: Message, sender: str, base_url: str) -> EmailMessage:
    base = base_url.rstrip("/")
    settings = base + SETTINGS_PATH
    mail = EmailMessage()
    mail["From"] = sender
    # a header is one line of text: a CR or LF (or ESC …) stored in a nummer or title must not break the message
    mail["To"] = formataddr((one_line(message.name or message.username), one_line(message.recipient)))
    mail["Subject"] = one_line(message.subject)
    mail["Date"] = format_datetime(utcnow())
    mail["Message-ID"] = make_msgid(domain="kamertracker")
    mail["List-Unsubscribe"] = f"<{settings}>"
    mail["Auto-Submitted"] = "auto-generated"  # no out-of-office replies to a robot
    mail["X-Kamertracker-Key"] = message.key
    mail.set_content(clean(_text(message, base, settings)))
    mail.add_alternative(clean(_html(message, base, settings)), subtype="html")
    return mail


def _text(message: Message, base: str, settings: str) -> str:
    out = [message.intro, ""]
    for heading, lines in message.sections:
        out += [heading, "-" * min(len(heading), 72)]
        for line in lines:
            out += [f"* {line.label}: {line.title}", *(f"  {part}" for part in line.detail.split("\n")),
                    f"  {base}/items/{line.item_id}"]
        out.append("")
    out += ["--", "Dit bericht komt van Kamertracker. Welke berichten u krijgt, stelt u in op", settings]
    return "\n".join(out) + "\n"


def _html(message: Message, base: str, settings: str) -> str:
    cell = 'style="padding:6px 8px;border-bottom:1px solid #d0d5dd;vertical-align:top;font-family:Arial,sans-serif;font-size:14px"'
    parts = [f'<p style="font-family:Arial,sans-serif;font-size:14px">{escape(message.intro)}</p>']
    for heading, lines in message.sections:
        parts.append(f'<h2 style="font-family:Arial,sans-serif;font-size:16px;color:#154273">{escape(heading)}</h2>')
        parts.append('<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%">')
        for line in lines:
            parts.append(f'<tr><td {cell} width="45%"><a href="{escape(base)}/items/{line.item_id}" style="color:#154273">'
                         f'{escape(line.label)}</a><br>{escape(line.title)}</td><td {cell}>{"<br>".join(escape(part) for part in line.detail.split(chr(10)))}</td></tr>')
        parts.append("</table>")
    parts.append(f'<p style="font-family:Arial,sans-serif;font-size:12px;color:#555">Dit bericht komt van Kamertracker. '
                 f'Welke berichten u krijgt, stelt u in op <a href="{escape(settings)}">Mijn instellingen</a>.</p>')
    return ('<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>' + escape(message.subject)
            + "</title></head><body>" + "".join(parts) + "</body></html>")
