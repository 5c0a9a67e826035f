"""The taxonomy's terms as (slug, name) choices, read once per content version.

Every listing shows its filters (themes, purchase families, kinds of collectivité): read through
model choice fields they cost two queries a list on every render, and one more per filter
checked. The terms change only when an editor edits the taxonomy, which bumps the content version
(portal.page_cache): kept in the cache under that version, a listing's first view reads none.
"""

from django.core.cache import cache

from .page_cache import content_version


def term_choices(model):
    """[(slug, name), …] of the model's terms, in their editorial order."""
    key = f"taxonomy:{model._meta.label_lower}:{content_version()}"
    choices = cache.get(key)
    if choices is None:
        choices = list(model.objects.values_list("slug", "name"))
        cache.set(key, choices, 24 * 3600)
    return choices
