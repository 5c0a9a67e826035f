from django import template

register = template.Library()


@register.filter
def lines(value):
    """The non-empty lines of a plain-text field, without list markers ("- ", "• ", "* ")."""
    result = []
    for line in str(value or "").splitlines():
        line = line.strip()
        if line[:2] in ("- ", "• ", "* "):
            line = line[2:].strip()
        if line:
            result.append(line)
    return result
