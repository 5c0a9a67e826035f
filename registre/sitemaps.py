"""The registry's public entries in `/sitemap.xml` (never a withdrawn or unpublished one, nor one
of an organisation the staff has not validated)."""

from django.contrib.sitemaps import Sitemap

from .models import AdoptedScheme


class AdoptedSchemesSitemap(Sitemap):
    changefreq = "monthly"
    limit = 1000

    def items(self):
        return AdoptedScheme.objects.public().order_by("pk")

    def lastmod(self, item):
        return item.updated_at
