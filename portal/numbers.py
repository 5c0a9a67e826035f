"""Numbers read from a request: ASCII digits only, bounded length. No Django import.

Python's ``int()`` accepts far more than a visitor types: ``int("٣")`` is 3, ``int("1_000")`` is
1000, ``int(" 7\\n")`` is 7, while ``"²".isdigit()`` is True and ``int("²")`` raises — the 500 of
``?citer=²``. A regular expression's ``\\d`` matches Arabic-Indic or Devanagari digits too. Every
view or form that reads a number from GET, POST or the URL goes through this module instead:

    is_ascii_digits("²")                     # False
    parse_int("42", maximum=100)             # 42
    parse_int("1_000")                       # None
    page_number(request.GET.get("page"))     # 1 unless a sane page number was given

An id in a URL is written ``<id:pk>`` (`IdConverter`, registered by the portal's app config).
"""

MAX_DIGITS = 18  # fits a 64-bit integer column: a longer "number" is never a valid id


def is_ascii_digits(value, max_length=MAX_DIGITS):
    """True when `value` is a non-empty string of at most `max_length` ASCII digits 0-9."""
    return (
        isinstance(value, str)
        and 0 < len(value) <= max_length
        and value.isascii()
        and value.isdigit()
    )


def parse_int(value, *, minimum=None, maximum=None, max_digits=MAX_DIGITS):
    """The integer written in ASCII digits in `value`, or None (no sign, no spaces, no ``_``).

    None too when the number is below `minimum` or above `maximum`."""
    if not is_ascii_digits(value, max_digits):
        return None
    number = int(value)
    if minimum is not None and number < minimum:
        return None
    if maximum is not None and number > maximum:
        return None
    return number


def page_number(value, maximum=10_000):
    """A page number from a query string: 1 unless `value` is ASCII digits between 1 and `maximum`.

    Django's Paginator.get_page then shows the last page for a number past the end."""
    number = parse_int(value if isinstance(value, str) else "", minimum=1, maximum=maximum)
    return 1 if number is None else number


def digits_only(value, max_length=MAX_DIGITS):
    """`value` without spaces (a SIREN typed « 200 054 807 »), or "" unless only ASCII digits remain."""
    if not isinstance(value, str) or len(value) > 4 * max_length:
        return ""
    compact = "".join(value.split())
    return compact if is_ascii_digits(compact, max_length) else ""


class IdConverter:
    """A row id in a URL: 1 to MAX_DIGITS ASCII digits, else the URL does not resolve (a 404).

    Django's ``<int:…>`` takes any number of digits and leaves the bound to the lookup, which
    checks it on an integer column but not through a relation: comments-xtd finds a comment by
    its link to the base comment, and 40 digits reached the database (a 500 on SQLite)."""

    regex = f"[0-9]{{1,{MAX_DIGITS}}}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)
