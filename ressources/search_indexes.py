"""Search documents for the site search (django-haystack): webinars and model clauses."""

from haystack import indexes

from portal.search_documents import ThemedPageIndex

from .models import ClausePage, WebinarPage


class WebinarPageIndex(ThemedPageIndex, indexes.Indexable):
    kind_value = "webinaire"

    def get_model(self):
        return WebinarPage

    def prepare_date(self, obj):
        return obj.start


class ClausePageIndex(ThemedPageIndex, indexes.Indexable):
    kind_value = "clause"
    depends_on = {**ThemedPageIndex.depends_on, "portal.familleachat": "familles"}

    def get_model(self):
        return ClausePage

    def prepare_date(self, obj):
        return obj.last_published_at
