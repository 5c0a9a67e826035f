"""The directory in the site search (kind "facilitateur"): « facilitateur Finistère » finds the
facilitators and networks of the Finistère, each result opening « Trouver un facilitateur » on
its first département."""

from django.urls import reverse
from django.utils.http import urlencode
from haystack import indexes

from portal.search_documents import SiteSearchIndex

from .models import Facilitator


class FacilitatorIndex(SiteSearchIndex, indexes.Indexable):
    kind_value = "facilitateur"
    title = indexes.CharField(model_attr="name")
    title_auto = indexes.EdgeNgramField(model_attr="name")
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

    def prepare_themes(self, obj):
        return []
