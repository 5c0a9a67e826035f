"""Published schemes of the registry in the site search (kind "registre")."""

from haystack import indexes

from portal.search_documents import SiteSearchIndex

from .models import AdoptedScheme
from .permissions import visible_to


class AdoptedSchemeIndex(SiteSearchIndex, indexes.Indexable):
    kind_value = "registre"
    title = indexes.CharField()
    title_auto = indexes.EdgeNgramField()
    date = indexes.DateTimeField(null=True, model_attr="published_at")

    # What a scheme's document (text, visibility) reads besides its own row: its organisation
    # (name, validation) and the organisation's type.
    depends_on = {
        "portal.organisation": "organisation",
        "portal.collectivitetype": "organisation__kind",
    }

    def get_model(self):
        return AdoptedScheme

    def visible_to(self, user):
        """The entries this visitor may open (the results shown are re-checked against it)."""
        return visible_to(user)

    def index_queryset(self, using=None):
        """Only what every visitor may open: published entries of validated organisations."""
        return (
            AdoptedScheme.objects.public()
            .select_related("organisation", "organisation__kind")
            .order_by("pk")
        )

    def prepare_title(self, obj):
        return f"{obj.title} — {obj.organisation.name}"

    def prepare_title_auto(self, obj):
        return self.prepare_title(obj)

    def prepare_themes(self, obj):
        return []
