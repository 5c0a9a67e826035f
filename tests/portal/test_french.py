"""French typography: dates with « 1er », times « 11 h 00 », numbers, euros, punctuation."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import translation

from portal.french import (
    NBSP,
    NNBSP,
    date_fr,
    datetime_fr,
    euros_fr,
    number_fr,
    time_fr,
    typography,
)

PARIS = ZoneInfo("Europe/Paris")


def test_first_of_the_month_is_1er():
    with translation.override("fr"):
        assert date_fr(date(2026, 12, 1), weekday=True) == "mardi 1er décembre 2026"
        assert date_fr(date(2026, 12, 2)) == "2 décembre 2026"


def test_times_read_11_h_00_in_local_time():
    moment = datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("UTC"))  # 11:00 in Paris
    with translation.override("fr"):
        assert time_fr(moment) == f"11{NBSP}h{NBSP}00"
        assert datetime_fr(moment, weekday=True) == f"mardi 1er décembre 2026 à 11{NBSP}h{NBSP}00"
    assert time_fr(datetime(2026, 6, 3, 9, 5, tzinfo=PARIS)) == f"9{NBSP}h{NBSP}05"


def test_numbers_and_euros():
    assert number_fr(850000000) == f"850{NNBSP}000{NNBSP}000"
    assert number_fr(13.4) == "13,4"
    assert number_fr("13.45", 1) == "13,4" or number_fr("13.45", 1) == "13,5"
    assert number_fr(-1234.5) == f"-1{NNBSP}234,5"
    assert number_fr(0) == "0"
    assert euros_fr(50_000_000) == f"50{NNBSP}000{NNBSP}000{NBSP}€"
    assert number_fr(None) == ""


def test_punctuation_spaces():
    assert typography("Attention: le délai ; vraiment? oui!") == (
        f"Attention{NBSP}: le délai{NNBSP}; vraiment{NNBSP}? oui{NNBSP}!"
    )
    assert typography("«Bonjour»") == f"«{NBSP}Bonjour{NBSP}»"
    # Times, addresses and HTML entities are left alone.
    assert typography("à 11:00 sur https://x.fr A &amp; B") == "à 11:00 sur https://x.fr A &amp; B"


def test_template_filters():
    template = Template(
        "{% load french %}{{ d|fr_date_long }} · {{ n|nombre }} · {{ e|euros }} · {{ t|typo }}"
    )
    with translation.override("fr"):
        text = template.render(
            Context({"d": date(2026, 12, 1), "n": 12500, "e": 850, "t": "Note: <b>x</b>"})
        )
    assert text == (
        f"mardi 1er décembre 2026 · 12{NNBSP}500 · 850{NBSP}€ · Note{NBSP}: &lt;b&gt;x&lt;/b&gt;"
    )


def test_password_help_text_keeps_a_space_between_sentences(client, db):
    import html

    from django.urls import reverse

    content = html.unescape(client.get(reverse("account_signup")).content.decode())
    assert "personnelles.Votre" not in content
    assert "informations personnelles. Votre mot de passe" in content
