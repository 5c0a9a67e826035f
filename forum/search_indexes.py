"""Public forum topics in the site search (kind "forum"); private categories never indexed."""

from haystack import indexes

from portal.search import via
from portal.search_documents import SiteSearchIndex

from .models import Topic


class TopicIndex(SiteSearchIndex, indexes.Indexable):
    kind_value = "forum"
    date = indexes.DateTimeField(null=True, model_attr="last_activity_at")
    solved = indexes.BooleanField(faceted=True)

    # What a topic's document (text, visibility) reads besides the topic's own row: its category
    # (name, restriction to a group), its posts, the themes of its category.
    depends_on = {
        "forum.category": "category",
        "forum.post": via("posts", "topic_id"),
        "portal.theme": "category__themes",
    }

    def get_model(self):
        return Topic

    def visible_to(self, user):
        """The topics this visitor may open (the results shown are re-checked against it)."""
        return Topic.objects.visible_to(user)

    def index_queryset(self, using=None):
        return (
            Topic.objects.public()
            .select_related("category")
            .prefetch_related("category__themes")
            .order_by("pk")
        )

    def prepare_themes(self, obj):
        return [theme.name for theme in obj.category.themes.all()]

    def prepare_solved(self, obj):
        return obj.solution_id is not None

    def should_update(self, instance, **kwargs):
        return instance.is_public

    def update_object(self, instance, using=None, **kwargs):
        """A topic that became private, hidden, held or deleted leaves the index."""
        instance = Topic.objects.select_related("category").filter(pk=instance.pk).first()
        if instance is None:
            return
        if instance.is_public:
            super().update_object(instance, using=using, **kwargs)
        else:
            self.remove_object(instance, using=using, **kwargs)
