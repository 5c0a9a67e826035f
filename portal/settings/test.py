import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="spaser-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="spaser-static-")
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
        "PATH": tempfile.mkdtemp(prefix="spaser-whoosh-"),
    }
}
WAGTAILADMIN_BASE_URL = "http://testserver"
