"""`{{ path|absolute }}`: a path on the portal's configured public address (portal.public_url)."""

from django import template

from portal.public_url import absolute_url

register = template.Library()


@register.filter
def absolute(path):
    return absolute_url(str(path or ""))
