"""What every document of the site search carries, and the indexes of themed Wagtail pages.

The search page lists, facets and suggests over the same fields whatever the kind of content:
each index declares only what differs (where the title and the date come from, extra facets).
"""

from haystack import indexes

from .search import page_tree_dependencies, searchable_pages


class SiteSearchIndex(indexes.SearchIndex):
    """The fields the search page reads; `kind_value` names the kind of content (facet « kind »)."""

    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(model_attr="title")
    title_auto = indexes.EdgeNgramField(model_attr="title")
    url = indexes.CharField(indexed=False)
    kind = indexes.CharField(faceted=True)
    themes = indexes.MultiValueField(faceted=True)
    date = indexes.DateTimeField(null=True)

    kind_value = ""

    def prepare_kind(self, obj):
        return self.kind_value

    def prepare_url(self, obj):
        return obj.get_absolute_url()


class ThemedPageIndex(SiteSearchIndex):
    """Pages tagged with themes, searchable only while live and public with all their ancestors."""

    depends_on = {**page_tree_dependencies(), "portal.theme": "themes"}

    def index_queryset(self, using=None):
        return searchable_pages(self.get_model().objects).prefetch_related("themes")

    def visible_to(self, user):
        return searchable_pages(self.get_model().objects)

    def prepare_url(self, obj):
        return obj.get_url()

    def prepare_themes(self, obj):
        return [theme.name for theme in obj.themes.all()]
