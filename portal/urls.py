from django.conf import settings
from django.contrib import admin
from django.db import transaction
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from django_comments.views.comments import post_comment
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as PagesSitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from partage.sitemaps import PublicDocumentsSitemap
from portal import (
    comments_access,
    comments_moderation,
    feeds,
    login_door,
    media_urls,
    search_views,
    views,
)
from portal.site_map import AppViewsSitemap
from registre.sitemaps import AdoptedSchemesSitemap

comments_access_urls = [
    path("flag/<id:comment_id>/", comments_access.flag, name="comments-flag"),
    path("reply/<id:cid>/", comments_access.reply, name="comments-xtd-reply"),
    path(
        "cr/<id:content_type_id>/<path:object_pk>/",
        comments_access.permalink,
        name="comments-url-redirect",
    ),
]

urlpatterns = [
    # The load balancer's probe, asked every few seconds: first, so that it walks no other route.
    path("sante/", views.health, name="health"),
    # One door in (portal.login_door): Wagtail's login forms send visitors to allauth's, before
    # Wagtail's own URLs can answer; the Django admin's login does the same (portal.admin_site).
    path("admin/login/", login_door.wagtail_admin_login),
    path("_util/login/", login_door.frontend_login),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("comptes/", include("allauth.urls")),
    # The language switch sits in every page's header: without a CSRF token, pages stay the same
    # for every anonymous visitor and can be cached. Switching language is harmless.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("promotions/", include("promotions.urls")),
    path("ressources/", include("ressources.urls")),
    path("", include("ressources.calendar_urls")),
    path("diagnostic/", include("diagnostic.urls")),
    path("rediger/", include("redaction.urls")),
    path("", include("territoires.urls")),
    path("spaser-adoptes/", include("registre.urls")),
    path("forum/", include("forum.urls")),
    path("documents-partages/", include("partage.urls")),
    path(
        "sitemap.xml",
        sitemap,
        {
            "sitemaps": {
                "pages": PagesSitemap,
                "sections": AppViewsSitemap,
                "documents": PublicDocumentsSitemap,
                "spaser-adoptes": AdoptedSchemesSitemap,
            }
        },
        name="sitemap",
    ),
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
    # comments-xtd's views that show a comment or its target: public comments of live, public
    # pages only (portal.comments_access).
    path("commentaires/", include(comments_access_urls)),
    path("commentaires/", include("portal.comment_urls")),
    path("", include("portal.urls_site")),
]

if settings.DEBUG:
    # Media files, except documents: Wagtail's view serves those, checking their collection.
    urlpatterns += media_urls.media_patterns()

urlpatterns += [path("", include(wagtail_urls))]
