"""Header-like values on one line: calendar names and summaries, email subjects, file names.

A title typed by an editor or a member may hold line breaks (a pasted title, a crafted form).
In an iCalendar property it breaks the content line (`icalendar` refuses to write it); in an
email subject Django refuses the header (`BadHeaderError`). Every title that reaches such a
header goes through `one_line` first. No Django import.
"""

import re

# Line and paragraph separators, other control characters and runs of spaces become one space.
_BREAKS = re.compile(r"[\s\x00-\x1f\x7f\u2028\u2029\x85]+")


def one_line(value, max_length=None):
    """The text on a single line, its whitespace collapsed; cut at `max_length` characters."""
    text = _BREAKS.sub(" ", str(value or "")).strip()
    if max_length is not None and len(text) > max_length:
        text = text[: max_length - 1].rstrip() + "…"
    return text
