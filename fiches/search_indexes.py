from haystack import indexes

from portal.search import page_tree_dependencies, searchable_pages

from .models import FichePage


class FichePageIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(model_attr="title")
    title_auto = indexes.EdgeNgramField(model_attr="title")
    url = indexes.CharField(indexed=False)
    kind = indexes.CharField(faceted=True)
    themes = indexes.MultiValueField(faceted=True)
    date = indexes.DateTimeField(null=True)

    depends_on = {
        **page_tree_dependencies(),
        "portal.theme": "themes",
        "portal.familleachat": "familles",
        "portal.organisation": "author_organisation",
    }

    def get_model(self):
        return FichePage

    def index_queryset(self, using=None):
        """Only live pages that anyone may see (no private or restricted page)."""
        return searchable_pages(self.get_model().objects).prefetch_related("themes")

    def visible_to(self, user):
        return searchable_pages(self.get_model().objects)

    def read_queryset(self, using=None):
        return self.index_queryset(using)

    def prepare_url(self, obj):
        return obj.get_url()

    def prepare_kind(self, obj):
        return "fiche"

    def prepare_themes(self, obj):
        return [theme.name for theme in obj.themes.all()]

    def prepare_date(self, obj):
        return obj.last_published_at or obj.first_published_at
