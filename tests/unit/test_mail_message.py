"""What a mail says: the same in plain text and HTML, in the brand's name, HTML escaped."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from app.config import Settings
from app.mail.message import Button, Letterhead, compose
from app.mail.senders import LogSender, SmtpSender, as_email, sender_for

HEAD = Letterhead('Ben & Jerry\'s <"Shop">', "https://goalpost.example.com")


def test_a_mail_says_the_same_in_text_and_html_and_escapes_the_html():
    link = HEAD.link("/reset", token="abc")
    mail = compose(
        HEAD,
        to="ada@example.com",
        subject="Reset",
        paragraphs=["Hi <b>you</b>", Button("Go", link)],
    )

    assert mail.subject == 'Reset · Ben & Jerry\'s <"Shop">'
    assert "Hi <b>you</b>" in mail.text and f"Go:\n{link}" in mail.text
    assert mail.text.rstrip().endswith('— Ben & Jerry\'s <"Shop">')
    assert "Hi &lt;b&gt;you&lt;/b&gt;" in mail.html and "<b>" not in mail.html
    assert "Ben &amp; Jerry&#x27;s &lt;&quot;Shop&quot;&gt;" in mail.html
    assert f'<a href="{link}">Go</a>' in mail.html


def test_the_message_has_both_parts_and_a_message_id_from_its_key():
    mail = compose(HEAD, to="ada@example.com", subject="Hi", paragraphs=["Hello"])
    first = as_email(mail, from_address="Brand <no-reply@brand.example>", key="reset:1")
    again = as_email(mail, from_address="Brand <no-reply@brand.example>", key="reset:1")

    assert first.get_content_type() == "multipart/alternative"
    assert first["Message-ID"] == again["Message-ID"]
    assert first["Message-ID"].endswith("@brand.example>")


def test_without_smtp_development_and_test_log_mail_and_production_sends_none():
    assert isinstance(sender_for(Settings(environment="development")), LogSender)
    production = Settings(environment="production", storage_secret="s", upstream="off")
    assert sender_for(production) is None


def test_smtp_settings_pick_tls_by_port_and_never_show_the_password():
    on_587 = Settings(smtp_host="mail.example", smtp_password="hunter2-secret")
    on_465 = Settings(smtp_host="mail.example", smtp_port=465)

    assert (on_587.mail_tls, on_465.mail_tls) == ("starttls", "ssl")
    assert on_587.mail_from == "Goalpost <no-reply@localhost>"
    assert on_587.public_base_url == "http://127.0.0.1:8080"
    sender = sender_for(on_587)
    assert isinstance(sender, SmtpSender)
    assert "hunter2-secret" not in repr(on_587) and "hunter2-secret" not in repr(sender)


def test_a_public_url_that_is_no_web_address_is_refused():
    with pytest.raises(ValidationError, match="PUBLIC_URL"):
        Settings(public_url="goalpost.example.com")
    assert Settings(public_url="https://g.example/").public_base_url == "https://g.example"
