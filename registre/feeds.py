"""RSS and Atom feeds of the schemes newly published in the registry (public entries only)."""

from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.french import date_fr
from portal.public_feed import PublicFeed
from portal.public_url import absolute_url

from .models import AdoptedScheme

FEED_LENGTH = 30


class RegistreRssFeed(PublicFeed):
    title = gettext_lazy("Entraide SPASER — SPASER adoptés")
    description = gettext_lazy(
        "Les schémas de promotion des achats responsables adoptés et publiés par les acheteurs "
        "publics, à mesure qu'ils entrent au registre."
    )

    def link(self):
        return absolute_url("/spaser-adoptes/")

    def feed_url(self):
        return absolute_url(self.request.path)

    def items(self):
        return (
            AdoptedScheme.objects.public()
            .select_related("organisation")
            .order_by("-published_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return f"{item.organisation.name} — {item.title}"

    def item_description(self, item):
        text = _("Adopté le %(date)s (%(deliberation)s), période %(period)s.") % {
            "date": date_fr(item.adopted_on),
            "deliberation": item.deliberation,
            "period": item.period_label,
        }
        return f"{text} {item.summary}".strip()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class RegistreAtomFeed(RegistreRssFeed):
    feed_type = Atom1Feed
    subtitle = RegistreRssFeed.description
