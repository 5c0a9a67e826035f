from .base import *
from .base import SECRET_KEY

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-change-me"
ALLOWED_HOSTS = ["*"]
# Emails go through the outbox; the worker started by `make run` prints them in its terminal.

# Hits and misses are visible while developing.
PAGE_CACHE_HEADER = True
