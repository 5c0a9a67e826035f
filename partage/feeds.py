"""The Atom feed of the documents published for everyone (never a reserved one)."""

import copy

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from portal.public_url import absolute_url

from .models import SharedDocument

FEED_LENGTH = 30


class PublicDocumentsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Entraide SPASER — documents partagés")
    subtitle = _(
        "Délibérations, cahiers des charges, clauses, guides et retours d'expérience "
        "partagés par des acheteurs publics."
    )

    def __call__(self, request, *args, **kwargs):
        # Links on the configured public address (portal.public_url); a copy per request keeps
        # the shared instance free of request state.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

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

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.decided_at or item.published_at

    def item_author_name(self, item):
        return item.organisation.name

    def item_categories(self, item):
        return [item.get_kind_display(), item.get_reliability_display()]
