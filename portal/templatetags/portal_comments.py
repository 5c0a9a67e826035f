"""The comment thread of an object: fetched with each author's organisation in one query, and
filed in the page cache under that object alone."""

from dataclasses import dataclass

from django import template
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.shortcuts import get_current_site
from django.db.models import Prefetch
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from portal import page_cache

register = template.Library()


@dataclass(frozen=True)
class Thread:
    tree: list  # django-comments-xtd's nested dictionaries ("comment", "children")
    count: int  # the comments shown as such, as django_comments' get_comment_count counts them


@register.simple_tag(takes_context=True)
def comment_thread(context, obj):
    """The thread of `obj` and its count, in one query: django-comments-xtd's
    `get_xtdcomment_tree` (no feedback) without a query per author, and the count of
    `get_comment_count` (public comments, not removed) taken from the same rows."""
    comments = (
        XtdComment.objects.filter(
            content_type=ContentType.objects.get_for_model(obj),
            object_pk=obj.pk,
            site=get_current_site(context["request"]),
            is_public=True,
        )
        .select_related("user__profile__organisation")
        # The tree reads each comment's flags even when asked for none (no flagging, no
        # feedback): an empty set, known without a query.
        .prefetch_related(Prefetch("flags", queryset=CommentFlag.objects.none()))
    )
    comments = list(comments)
    return Thread(
        tree=XtdComment.tree_from_queryset(comments, user=context["user"]),
        count=sum(not comment.is_removed for comment in comments),
    )


class CommentsOfNode(template.Node):
    def __init__(self, obj, nodelist):
        self.obj = obj
        self.nodelist = nodelist

    def render(self, context):
        obj = self.obj.resolve(context)
        content_type = ContentType.objects.get_for_model(obj)
        with page_cache.rows_of(page_cache.COMMENTS, content_type.pk, obj.pk):
            return self.nodelist.render(context)


@register.tag
def comments_of(parser, token):
    """{% comments_of object %}…{% endcomments_of %}: the comments read inside are those of
    `object`, so a comment on another object leaves the cached page (portal.page_cache)."""
    try:
        _tag, obj = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("{% comments_of %} takes one object") from None
    nodelist = parser.parse(("endcomments_of",))
    parser.delete_first_token()
    return CommentsOfNode(parser.compile_filter(obj), nodelist)
