"""`{% load french %}`: the filters of portal.french for templates."""

import html
import re

from django import template
from django.utils.html import conditional_escape, strip_tags
from django.utils.safestring import mark_safe

from portal import french

register = template.Library()


@register.filter
def fr_date(value):
    return french.date_fr(value)


@register.filter
def fr_date_long(value):
    return french.date_fr(value, weekday=True)


@register.filter
def fr_time(value):
    return french.time_fr(value)


@register.filter
def fr_datetime(value):
    return french.datetime_fr(value)


@register.filter
def fr_datetime_long(value):
    return french.datetime_fr(value, weekday=True)


@register.filter
def nombre(value, decimals=None):
    return french.number_fr(value, decimals)


@register.filter
def euros(value):
    return french.euros_fr(value)


@register.filter(needs_autoescape=True)
def typo(value, autoescape=True):
    text = conditional_escape(value) if autoescape else value
    return mark_safe(french.typography(text))


@register.filter
def plain_text(value):
    """HTML as one line of plain text (help texts, search excerpts): list items and paragraphs
    keep a space between them (« …personnelles. Votre mot de passe… », not « …personnelles.Votre… »),
    entities become characters; the template escapes the result where it is HTML."""
    text = re.sub(r"</(li|p|div|h\d|blockquote)>|<br\s*/?>", " ", str(value or ""))
    return html.unescape(" ".join(strip_tags(text).split()))
