from haystack import indexes

from portal.search_documents import ThemedPageIndex

from .models import FichePage


class FichePageIndex(ThemedPageIndex, indexes.Indexable):
    kind_value = "fiche"
    depends_on = {
        **ThemedPageIndex.depends_on,
        "portal.familleachat": "familles",
        "portal.organisation": "author_organisation",
    }

    def get_model(self):
        return FichePage

    def prepare_date(self, obj):
        return obj.last_published_at or obj.first_published_at
