"""The webinar calendar's address, `<webinar index URL>calendrier.ics`, included at the site's
root by portal/urls.py: a Wagtail page route cannot contain a dot."""

import re

from django.urls import re_path

from . import views
from .models import CALENDAR_FILE

urlpatterns = [
    re_path(
        rf"^(?P<index_path>(?:[\w\-]+/)+){re.escape(CALENDAR_FILE)}$",
        views.webinar_calendar_feed,
    ),
]
