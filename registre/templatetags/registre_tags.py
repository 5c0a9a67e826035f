"""What other apps' templates show of the registry: `{% registry_entry organisation as entry %}`
gives the organisation's current published entry (the self-assessment's « published » answer
links to it), without their code importing the registry."""

from django import template

from registre.services import current_entry

register = template.Library()


@register.simple_tag
def registry_entry(organisation):
    """The organisation's published entry covering the latest period, or None."""
    return current_entry(organisation)
