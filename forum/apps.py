from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = "Forum d'entraide"

    def ready(self):
        from portal.page_cache import invalidate_member_on, invalidate_on

        from .models import Category, Post, Subscription, Topic

        invalidate_on(Category, Topic, Post)
        invalidate_member_on(Subscription)
