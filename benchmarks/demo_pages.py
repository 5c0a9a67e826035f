"""The demo content's main pages, as the benchmarks measure them (import once Django is set up)."""

from django.db.models import Count

from fiches.models import FichePage
from forum.models import Topic
from ressources.models import ClauseIndexPage, ClauseType


def main_pages():
    """{name: path}: the home page, a fiche, filtered clauses, a search and the busiest topic."""
    fiche = FichePage.objects.live().public().order_by("path").first()
    clauses = ClauseIndexPage.objects.live().first()
    topic = (
        Topic.objects.filter(category__restricted_to__isnull=True)
        .annotate(replies=Count("posts"))
        .order_by("-replies", "pk")
        .first()
    )
    return {
        "accueil": "/",
        "fiche": fiche.url,
        "clauses filtrées": f"{clauses.url}?type={ClauseType.SOCIALE}",
        "recherche": "/recherche/?q=clause+d%27insertion",
        "sujet du forum": f"/forum/sujet/{topic.pk}/",
    }
