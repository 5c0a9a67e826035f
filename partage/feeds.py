"""The Atom feed of the documents published for everyone (never a reserved one)."""

from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from portal.public_feed import PublicFeed
from portal.public_url import absolute_url

from .models import SharedDocument

FEED_LENGTH = 30


class PublicDocumentsFeed(PublicFeed):
    feed_type = Atom1Feed
    title = _("Entraide SPASER — documents partagés")
    subtitle = _(
        "Délibérations, cahiers des charges, clauses, guides et retours d'expérience "
        "partagés par des acheteurs publics."
    )

    def link(self):
        return absolute_url(reverse("partage:index"))

    def feed_url(self):
        return absolute_url(reverse("partage:feed"))

    def items(self):
        return (
            SharedDocument.objects.public()
            .select_related("organisation")
            .order_by("-published_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.decided_at or item.published_at

    def item_author_name(self, item):
        return item.organisation.name

    def item_categories(self, item):
        return [item.get_kind_display(), item.get_reliability_display()]
