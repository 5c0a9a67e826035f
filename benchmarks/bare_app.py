"""The yardstick of the load benchmarks: a one-file Django project answering « ok ».

    gunicorn --chdir benchmarks bare_app:application

Two middleware (security and common), no database, no template: what any Django view costs
under the same gunicorn flags, so that the portal's pages are compared with Django itself rather
than with a view of the portal's own, which carries the portal's middleware.
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY=os.environ.get("SECRET_KEY", "bare-benchmark-view"),
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
    ],
)


def ok(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("", ok)]

application = get_wsgi_application()
