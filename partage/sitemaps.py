"""The documents published for everyone in `/sitemap.xml` (never a reserved one)."""

from django.contrib.sitemaps import Sitemap

from .models import SharedDocument


class PublicDocumentsSitemap(Sitemap):
    changefreq = "monthly"
    limit = 1000

    def items(self):
        return SharedDocument.objects.public().order_by("pk")

    def lastmod(self, item):
        return item.decided_at or item.published_at
