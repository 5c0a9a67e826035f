"""Search documents for the site search (django-haystack): webinars and model clauses."""

from haystack import indexes

from portal.search import page_tree_dependencies, searchable_pages

from .models import ClausePage, WebinarPage


class ResourcePageIndex(indexes.SearchIndex):
    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(model_attr="title")
    title_auto = indexes.EdgeNgramField(model_attr="title")
    url = indexes.CharField(indexed=False)
    kind = indexes.CharField(faceted=True)
    themes = indexes.MultiValueField(faceted=True)
    date = indexes.DateTimeField(null=True)

    kind_value = ""
    depends_on = {**page_tree_dependencies(), "portal.theme": "themes"}

    def index_queryset(self, using=None):
        return searchable_pages(self.get_model().objects).prefetch_related("themes")

    def visible_to(self, user):
        return searchable_pages(self.get_model().objects)

    def prepare_url(self, obj):
        return obj.get_url()

    def prepare_kind(self, obj):
        return self.kind_value

    def prepare_themes(self, obj):
        return [theme.name for theme in obj.themes.all()]


class WebinarPageIndex(ResourcePageIndex, indexes.Indexable):
    kind_value = "webinaire"

    def get_model(self):
        return WebinarPage

    def prepare_date(self, obj):
        return obj.start


class ClausePageIndex(ResourcePageIndex, indexes.Indexable):
    kind_value = "clause"
    depends_on = {**ResourcePageIndex.depends_on, "portal.familleachat": "familles"}

    def get_model(self):
        return ClausePage

    def prepare_date(self, obj):
        return obj.last_published_at
