"""The comment thread of an object, fetched with each author's organisation in one query."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.shortcuts import get_current_site
from django_comments_xtd.models import XtdComment

register = template.Library()


@register.simple_tag(takes_context=True)
def comment_tree(context, obj):
    """django-comments-xtd's `get_xtdcomment_tree` (no feedback), without a query per author."""
    comments = (
        XtdComment.objects.filter(
            content_type=ContentType.objects.get_for_model(obj),
            object_pk=obj.pk,
            site=get_current_site(context["request"]),
            is_public=True,
        )
        .select_related("user__profile__organisation")
        .prefetch_related("flags")
    )
    return XtdComment.tree_from_queryset(comments, user=context["user"])
