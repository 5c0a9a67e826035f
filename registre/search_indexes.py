"""Published schemes of the registry in the site search (kind "registre")."""

from haystack import indexes

from .models import AdoptedScheme
from .permissions import visible_to


class AdoptedSchemeIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField()
    title_auto = indexes.EdgeNgramField()
    url = indexes.CharField(indexed=False)
    kind = indexes.CharField(faceted=True)
    themes = indexes.MultiValueField(faceted=True)
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

    def read_queryset(self, using=None):
        return self.index_queryset(using=using)

    def prepare_title(self, obj):
        return f"{obj.title} — {obj.organisation.name}"

    def prepare_title_auto(self, obj):
        return self.prepare_title(obj)

    def prepare_url(self, obj):
        return obj.get_absolute_url()

    def prepare_kind(self, obj):
        return "registre"

    def prepare_themes(self, obj):
        return []
