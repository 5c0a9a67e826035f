"""The self-assessment's answers used by the tests of several folders: the Métropole
d'Aix-Marseille-Provence's figures (seeds 000/001) and the questionnaire filled step by step."""

from diagnostic.scoring import CONTENTS

ALL_CONTENTS = [key for key, _label in CONTENTS]
# The three indicators and their targets, as the questionnaire's last step sends them.
INDICATORS = {
    "env_share": "50",
    "env_target": "100",
    "social_share": "14",
    "social_target": "30",
    "esus_share": "2",
    "esus_target": "5",
}


def amp_answers(**overrides):
    """The Métropole d'Aix-Marseille-Provence in Q3 2022 (seeds 000/001)."""
    data = {
        "year": 2022,
        "spending": "850000000",
        "org_type": "Métropole",
        "adopted": True,
        "published": "oui",
        "indicators_published_on": "2022-09-30",
        "contents": ALL_CONTENTS,
        **INDICATORS,
    }
    data.update(overrides)
    return data


QUESTIONNAIRE = {
    "organisation": {"org_type": "Métropole", "year": "2024", "spending": "850 M€"},
    "schema": {
        "adopted": "oui",
        "published": "oui",
        "adoption_date": "2021-12-16",
        "indicators_published_on": "2024-09-30",
    },
    "contenus": {"contents": ALL_CONTENTS},
    "indicateurs": INDICATORS,
}


def fill_questionnaire(client, **overrides):
    for slug, data in QUESTIONNAIRE.items():
        response = client.post(f"/diagnostic/etape/{slug}/", {**data, **overrides.get(slug, {})})
        assert response.status_code == 302, response.content.decode()[:2000]
    return response
