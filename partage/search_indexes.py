"""Published shared documents in the site search (kind "document").

Reserved documents are indexed too, with their audience: the search narrows every query to what
the visitor may read (`narrow_for`, called by portal.search_views for hits, totals, facets and
suggestions), and the hits shown are re-checked against the database (`visible_to`). A document
refused, unpublished or withdrawn leaves the index with the write that changes its state
(portal.content_events)."""

from haystack import indexes

from portal.search_documents import SiteSearchIndex

from .models import Audience, SharedDocument
from .permissions import reads_reserved, visible_documents


class SharedDocumentIndex(SiteSearchIndex, indexes.Indexable):
    kind_value = "document"
    date = indexes.DateTimeField(null=True, model_attr="published_at")
    audience = indexes.CharField(faceted=True, model_attr="audience")

    # What a document's text reads besides its own row.
    depends_on = {
        "portal.theme": "themes",
        "portal.familleachat": "familles",
        "portal.organisation": "organisation",
    }

    def get_model(self):
        return SharedDocument

    def index_queryset(self, using=None):
        return (
            SharedDocument.objects.published()
            .select_related("organisation")
            .prefetch_related("themes", "familles")
            .order_by("pk")
        )

    def visible_to(self, user):
        return visible_documents(user)

    def narrow_for(self, sqs, user):
        """The query without the reserved documents when `user` may not read them."""
        if reads_reserved(user):
            return sqs
        return sqs.exclude(audience_exact=Audience.RESERVED.value)

    def prepare_themes(self, obj):
        return [theme.name for theme in obj.themes.all()]

    def should_update(self, instance, **kwargs):
        return instance.is_published
