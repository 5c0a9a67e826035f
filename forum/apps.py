from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = "Forum d'entraide"

    def ready(self):
        from portal.moderation import register_published

        from .services import has_published_post

        register_published(has_published_post)
