"""RSS and Atom feeds of newly published resources: every live, public page whose model says
`is_resource = True` (SPASER fiches, webinars, model clauses…)."""

from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, get_page_models

from .public_feed import PublicFeed
from .public_url import absolute_url

FEED_LENGTH = 30


def resource_models():
    return [model for model in get_page_models() if getattr(model, "is_resource", False)]


class ResourcesRssFeed(PublicFeed):
    title = _("Entraide SPASER — nouvelles ressources")
    description = _("Les fiches SPASER, webinaires et clauses types publiés récemment.")

    def link(self):
        return absolute_url("/")

    def feed_url(self):
        return absolute_url(self.request.get_full_path())

    def items(self):
        models = resource_models()
        if not models:
            return []
        return (
            Page.objects.live()
            .public()
            .type(*models)
            .specific()
            .order_by("-first_published_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return getattr(item, "intro", "") or item.search_description

    def item_link(self, item):
        return absolute_url(item.get_url(self.request))

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.specific_class._meta.verbose_name]


class ResourcesAtomFeed(ResourcesRssFeed):
    feed_type = Atom1Feed
    subtitle = ResourcesRssFeed.description
