"""Search documents for the site search (django-haystack): webinars and model clauses."""

from haystack import indexes

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

    def index_queryset(self, using=None):
        return self.get_model().objects.live().public().prefetch_related("themes")

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

    def get_model(self):
        return ClausePage

    def prepare_date(self, obj):
        return obj.last_published_at
