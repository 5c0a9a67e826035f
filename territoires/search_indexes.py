"""The directory in the site search (kind "facilitateur"): « facilitateur Finistère » finds the
facilitators and networks of the Finistère, each result opening « Trouver un facilitateur » on
its first département."""

from django.urls import reverse
from django.utils.http import urlencode
from haystack import indexes

from .models import Facilitator


class FacilitatorIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(model_attr="name")
    title_auto = indexes.EdgeNgramField(model_attr="name")
    url = indexes.CharField(indexed=False)
    kind = indexes.CharField(faceted=True)
    themes = indexes.MultiValueField(faceted=True)
    date = indexes.DateTimeField(null=True, model_attr="updated_at")

    def get_model(self):
        return Facilitator

    def index_queryset(self, using=None):
        return Facilitator.objects.order_by("pk")

    def visible_to(self, user):
        """The whole directory is public."""
        return Facilitator.objects.all()

    def prepare_url(self, obj):
        codes = obj.departement_list
        finder = reverse("territoires:finder")
        return f"{finder}?{urlencode({'code': codes[0][0]})}" if codes else finder

    def prepare_kind(self, obj):
        return "facilitateur"

    def prepare_themes(self, obj):
        return []
