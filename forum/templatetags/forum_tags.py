from django import template

from forum.models import Category, Topic

register = template.Library()


@register.inclusion_tag("forum/includes/group_categories.html", takes_context=True)
def forum_categories_for_group(context, group):
    """The private categories of one group (a promotion's) with their latest topics."""
    user = context["request"].user
    categories = list(Category.objects.visible_to(user).filter(restricted_to=group))
    latest = (
        Topic.objects.visible_to(user)
        .filter(category__in=categories)
        .select_related("category", "last_poster")
        .order_by("-last_activity_at")[:5]
    )
    return {"categories": categories, "latest_topics": latest}
