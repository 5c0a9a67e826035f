from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.db import transaction
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from django_comments.views.comments import post_comment
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import comments_moderation, feeds, search_views
from ressources.views import webinar_calendar_feed

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("comptes/", include("allauth.urls")),
    # The language switch sits in every page's header: without a CSRF token, pages stay the same
    # for every anonymous visitor and can be cached. Switching language is harmless.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("promotions/", include("promotions.urls")),
    path("ressources/", include("ressources.urls")),
    re_path(r"^(?P<index_path>(?:[\w\-]+/)+)calendrier\.ics$", webinar_calendar_feed),
    path("diagnostic/", include("diagnostic.urls")),
    path("forum/", include("forum.urls")),
    path("recherche/", search_views.search, name="search"),
    path("recherche/autocomplete/", search_views.autocomplete, name="search_autocomplete"),
    path("flux/ressources.rss", feeds.ResourcesRssFeed(), name="resources_feed_rss"),
    path("flux/ressources.atom", feeds.ResourcesAtomFeed(), name="resources_feed_atom"),
    path(
        "commentaires/moderation/",
        comments_moderation.moderation_queue,
        name="comments_moderation",
    ),
    # Posting a comment runs in one transaction: a reply locks its thread (portal.signals).
    path("commentaires/post/", transaction.atomic(post_comment)),
    path("commentaires/", include("django_comments_xtd.urls")),
    path("", include("portal.urls_site")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
