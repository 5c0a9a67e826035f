import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from forum.models import Category, Post, Topic
from tests.factories import UserFactory


class SeasonedUserFactory(UserFactory):
    """A member whose account is old enough for their posts to be published at once."""

    date_joined = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=90))


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Promotion {n}")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Catégorie {n}")
    slug = factory.Sequence(lambda n: f"categorie-{n}")
    description = "Questions et retours d'expérience."


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        skip_postgeneration_save = True

    category = factory.SubFactory(CategoryFactory)
    title = factory.Sequence(lambda n: f"Comment rédiger l'objectif social n° {n} ?")
    author = factory.SubFactory(SeasonedUserFactory)

    @factory.post_generation
    def first_post(self, create, extracted, **kwargs):
        if create:
            Post.objects.create(
                topic=self,
                author=self.author,
                is_first=True,
                body=extracted or "Bonjour, comment avez-vous procédé ?",
                status=self.status,
                created_at=self.created_at,
            )


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    topic = factory.SubFactory(TopicFactory)
    author = factory.SubFactory(SeasonedUserFactory)
    body = "Nous avons commencé par le plan annuel des achats."
