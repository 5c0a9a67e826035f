"""Inside a benchmark deployment: pick the measured pages and open the sessions that visit them.

Prints one JSON line: {"pages": {name: path}, "cookies": {"anonymous": ..., "member": ...}}.
The anonymous visitor's session holds a finished self-assessment (its result page is per
session); the member is a demo participant who finished one too.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

import django

django.setup()

from demo_pages import main_pages
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from tests.questionnaire import QUESTIONNAIRE

MEMBER_EMAIL = "participant@ampmetropole.fr"


def finished_assessment_cookie(client):
    for slug, data in QUESTIONNAIRE.items():
        response = client.post(f"/diagnostic/etape/{slug}/", data)
        if response.status_code != 302:
            raise SystemExit(f"questionnaire step {slug} answered {response.status_code}")
    # As in a browser, a form on the result page leaves the CSRF cookie next to the session's.
    client.get("/diagnostic/resultat/")
    names = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
    return "; ".join(
        f"{name}={client.cookies[name].value}" for name in names if name in client.cookies
    )


def main():
    pages = {**main_pages(), "résultat autodiagnostic": "/diagnostic/resultat/"}
    anonymous = Client(HTTP_HOST="127.0.0.1")
    member = Client(HTTP_HOST="127.0.0.1")
    member.force_login(get_user_model().objects.get(email=MEMBER_EMAIL))
    cookies = {
        "anonymous": finished_assessment_cookie(anonymous),
        "member": finished_assessment_cookie(member),
    }
    print(json.dumps({"pages": pages, "cookies": cookies}))


if __name__ == "__main__":
    main()
