"""What django-comments-xtd's own views may show: public comments of live, public pages only.

comments-xtd looks a comment up by its sequential id and shows it whatever its state (flag,
reply), and its content-type shortcut redirects to any object of any model (naming private
sessions, recaps and documents, on the `django.contrib.sites` host). The routes below replace
those views (portal.urls lists them before portal.comment_urls): anything else is a 404. The
REST API, whose avatars were a Gravatar hash of each author's address, is not served at all
(portal.comment_urls).
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import redirect
from django_comments_xtd import views as xtd_views
from django_comments_xtd.models import XtdComment
from wagtail.models import Page


def page_is_public(target):
    """A live Wagtail page that no view restriction (its own or an ancestor's) hides."""
    if not isinstance(target, Page):
        return False
    return target.live and not target.get_view_restrictions().exists()


def _page_target(content_type_id, object_pk):
    try:
        content_type = ContentType.objects.get_for_id(int(content_type_id))
    except (ContentType.DoesNotExist, ValueError, OverflowError):
        return None
    model = content_type.model_class()
    if model is None or not issubclass(model, Page):
        return None
    if not (str(object_pk).isascii() and str(object_pk).isdigit() and len(str(object_pk)) < 12):
        return None
    page = model.objects.filter(pk=object_pk).first()
    return page if page is not None and page_is_public(page) else None


def comment_is_visible(comment):
    return (
        comment is not None
        and comment.is_public
        and not comment.is_removed
        and page_is_public(comment.content_object)
    )


def visible_comment_or_404(comment_id):
    comment = XtdComment.objects.filter(pk=comment_id).first()
    if not comment_is_visible(comment):
        raise Http404
    return comment


def flag(request, comment_id, **kwargs):
    visible_comment_or_404(comment_id)
    return xtd_views.flag(request, comment_id, **kwargs)


def reply(request, cid):
    visible_comment_or_404(cid)
    return xtd_views.reply(request, cid)


def permalink(request, content_type_id, object_pk):
    """The content-type shortcut, for live public pages only, at the site's own address."""
    page = _page_target(content_type_id, object_pk)
    url = page.get_url(request=request) if page is not None else None
    if not url:  # also a page outside every site (the tree's root)
        raise Http404
    return redirect(url)
