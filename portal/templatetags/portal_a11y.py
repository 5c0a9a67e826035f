"""Template helpers for accessibility that every page shares (RGAA criteria noted on each)."""

from pathlib import PurePath

from django import forms, template
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext

register = template.Library()


def _has_errors(value):
    # type(), not isinstance(): isinstance would evaluate lazy context values such as
    # `csrf_token`, which sets the CSRF cookie and keeps every page out of the page cache.
    kind = type(value)
    if issubclass(kind, forms.BaseForm):
        return value.is_bound and bool(value.errors)
    if issubclass(kind, forms.BaseFormSet):
        return value.is_bound and (bool(value.non_form_errors()) or any(value.errors))
    return False


@register.simple_tag(takes_context=True)
def error_title_prefix(context):
    """« Erreur : » when the page shows a submitted form with errors (RGAA 8.6 / 11.10).

    Looks at every form (and formset) the view put in the context, so a failed POST changes the
    page title wherever the form comes from: allauth, the forum, the self-assessment…
    """
    for value in context.flatten().values():
        if _has_errors(value):
            return gettext("Erreur : ")
    return ""


@register.filter
def download_detail(document):
    """« PDF – 1,2 Mio »: the format and size a download link states (RGAA 6.1, DSFR download).

    `document` is a Wagtail document or any object with a `file` (FieldFile); the size comes from
    the stored file when the object has not recorded it, without writing anything.
    """
    name = getattr(document.file, "name", "") or ""
    file_format = PurePath(name).suffix.lstrip(".").upper()
    size = getattr(document, "file_size", None)
    if not isinstance(size, int):
        try:
            size = document.file.size
        except (OSError, ValueError):
            size = None
    return f"{file_format} – {filesizeformat(size)}" if size is not None else file_format
