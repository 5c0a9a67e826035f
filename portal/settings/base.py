"""Settings shared by every environment; everything deployment-specific comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

INSTALLED_APPS = [
    "portal",
    "fiches",
    "ressources",
    "promotions",
    "forum",
    "diagnostic",
    "redaction",
    "territoires",
    "partage",
    "registre",
    "outbox",
    "dsfr",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    # Before wagtail.search: `update_index` (used by `rebuild_index`) is haystack's; Wagtail's
    # own command stays available as `wagtail_update_index`.
    "haystack",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "widget_tweaks",
    "allauth",
    "allauth.account",
    # The Django admin, for superusers only, with allauth's login (portal.admin_site).
    "portal.admin_site.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.forms",
    "django_comments_xtd",
    "django_comments",
    "csp",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.page_cache.PageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.theme",
                "portal.context_processors.chrome",
            ],
        },
    },
]

# --- Data -----------------------------------------------------------------------------------
# DATABASE_URL, e.g. postgres://user:pass@host:5432/name; a SQLite file by default.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Two caches that never evict each other: "default" holds the rate-limit counters (allauth's
# failed logins…), sessions and small lookups; "pages" holds the page cache (portal.page_cache),
# whose traffic any anonymous visitor drives. With Redis, REDIS_PAGES_URL should name another
# Redis server (eviction is per server); by default it is the next database of REDIS_URL's.
REDIS_URL = os.environ.get("REDIS_URL", "")


def _next_redis_database(url):
    """The database after REDIS_URL's, or the one before for the last of Redis's default 16."""
    head, _sep, tail = url.rpartition("/")
    if not (head and tail.isascii() and tail.isdigit()):
        return url
    number = int(tail)
    return f"{head}/{number + 1 if number < 15 else number - 1}"


REDIS_PAGES_URL = os.environ.get("REDIS_PAGES_URL", "") or (
    _next_redis_database(REDIS_URL) if REDIS_URL else ""
)
if REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "spaser"),
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
        for alias, location in (("default", REDIS_URL), ("pages", REDIS_PAGES_URL))
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "main"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        },
    }

# Whole pages are cached this long at most (a member's own copies for less: some links depend on
# the time, such as editing a forum post); any change of what they show empties the cache at once
# (portal.page_cache). PAGE_CACHE_SECONDS=0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_MEMBER_SECONDS = min(PAGE_CACHE_SECONDS, 120)
PAGE_CACHE_ALIAS = "pages"
# Only these query parameters (those the cached views read) make a page worth caching; a request
# with any other parameter, or a longer query string, is served fresh and never stored, so random
# query strings cannot fill the cache.
PAGE_CACHE_QUERY_PARAMS = frozenset(
    {"page", "q", "kind", "theme", "famille", "collectivite", "moment", "type", "etat", "citer"}
    | {"region", "annee", "obligation"}  # the registry of adopted SPASERs
    | {"consideration", "fiabilite"}  # the shared documents
    | {"code"}  # « Trouver un facilitateur »
)
PAGE_CACHE_MAX_QUERY_LENGTH = 256
# « X-Page-Cache: hit/miss » tells anyone whether a page (a search…) was seen recently: sent only
# when asked for (tests, benchmarks), never by default.
PAGE_CACHE_HEADER = os.environ.get("PAGE_CACHE_HEADER", "").lower() in ("1", "true", "yes")

# --- Client address -------------------------------------------------------------------------
# Number of reverse proxies of ours in front of the portal (1 behind the nginx of the README):
# the client's address is then read from X-Forwarded-For, the entry that many places from the
# end (what the nearest proxy saw); with 0 the header is ignored and REMOTE_ADDR is used. Every
# rate limit keyed on an address uses it (portal.client_address).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0") or 0)

# --- Search ---------------------------------------------------------------------------------
# Whoosh on one machine; to scale, point HAYSTACK_CONNECTIONS at haystack's Elasticsearch engine.
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "portal.search_backend.FrenchWhooshEngine",
        "PATH": os.environ.get("WHOOSH_PATH", str(VAR_DIR / "whoosh_index")),
        "INCLUDE_SPELLING": True,
    }
}
# Index updates follow publication; when the index is locked they are retried, then queued
# (portal.search; `manage.py process_search_queue` applies the queue, run it from cron).
HAYSTACK_SIGNAL_PROCESSOR = "portal.search.ContentSignalProcessor"
HAYSTACK_SEARCH_RESULTS_PER_PAGE = 10
# Every document in the index comes from a registered index: no need for haystack's extra query
# over the whole index on each search to keep only registered models.
HAYSTACK_LIMIT_TO_REGISTERED_MODELS = False
SEARCH_INDEX_RETRIES = 3
SEARCH_INDEX_RETRY_DELAY = 0.2
SEARCH_INDEX_LOCK_TIMEOUT = 1.0
SEARCH_QUEUE_DELAY = 5  # seconds before the worker applies updates the Whoosh lock made wait
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# --- Accounts -------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:profile"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_SIGNUP_FORM_CLASS = "portal.forms.SignupForm"
ACCOUNT_FORMS = {"add_email": "portal.account_forms.AddEmailForm"}
# Emails name the portal and the person (« Prénom Nom », else the email), links on the public address.
ACCOUNT_ADAPTER = "portal.account_adapter.AccountAdapter"
ACCOUNT_USER_DISPLAY = "portal.account_adapter.user_display"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Entraide SPASER] "
# Failed logins are throttled per IP and per account (allauth keeps the counters in the cache);
# the adapter's get_client_ip reads the client behind our proxies (TRUSTED_PROXY_COUNT).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# One door in (portal.login_door): Wagtail's admin and private pages send visitors to their login
# URLs, which redirect to allauth's; passwords are changed and reset only through allauth.
WAGTAILADMIN_LOGIN_URL = "/admin/login/"
WAGTAIL_FRONTEND_LOGIN_URL = "/_util/login/"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Email ----------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Entraide SPASER <noreply@entraide-spaser.fr>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Every email goes to the outbox (outbox/backends.py), in the transaction of the write that causes
# it; the worker delivers it through OUTBOX_DELIVERY_BACKEND, retrying with backoff.
EMAIL_BACKEND = "outbox.backends.OutboxBackend"
OUTBOX_DELIVERY_BACKEND = os.environ.get(
    "OUTBOX_DELIVERY_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", "10"))
OUTBOX_MAX_BACKOFF = 3600
OUTBOX_SENDING_TIMEOUT = 600
OUTBOX_KEEP_DAYS = 30

# --- Background tasks (portal/background.py) ---------------------------------------------------
# TASKS_BACKEND: "database" (default: `manage.py run_worker` runs them, no other server), "immediate"
# (run inside the request: tests only), or the dotted path of another backend (RQ, Celery…).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_tasks_backend = os.environ.get("TASKS_BACKEND", "database")
TASKS = {"default": {"BACKEND": TASK_BACKENDS.get(_tasks_backend, _tasks_backend)}}
# Periodic tasks, enqueued by the scheduler that `run_worker` runs (local time for "at").
TASK_SCHEDULES = {
    "outbox": {"task": "outbox.tasks.deliver_due_emails", "every": 60},
    "search_queue": {"task": "portal.tasks.process_search_queue", "every": 60},
    "webinar_reminders": {"task": "ressources.tasks.send_webinar_reminders", "at": "08:00"},
    "missing_recaps": {"task": "promotions.tasks.remind_missing_recaps", "at": "09:00"},
    "prune_task_results": {"task": "portal.tasks.prune_task_results", "at": "03:30"},
    "prune_sent_emails": {"task": "outbox.tasks.prune_sent_emails", "at": "03:40"},
}
TASK_SCHEDULER_INTERVAL = 30
TASK_RESULTS_DAYS = 14

# --- Language -------------------------------------------------------------------------------
LANGUAGE_CODE = "fr"
# Only languages whose catalogue is complete are offered (tests/portal/test_translations.py fails
# on any untranslated string of an offered language). The English catalogue is partial: add
# ("en", "English") back once `make messages` leaves no empty msgstr in locale/en.
LANGUAGES = [("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Files of the promotions' private spaces: outside MEDIA_ROOT, served only through a checked view.
PROMOTIONS_PRIVATE_ROOT = Path(os.environ.get("PROMOTIONS_PRIVATE_ROOT", VAR_DIR / "private"))
# Documents of the registry of adopted SPASERs: outside MEDIA_ROOT too, served by a view that
# checks the entry is still published (registre.views.document).
REGISTRE_DOCUMENTS_ROOT = Path(os.environ.get("REGISTRE_DOCUMENTS_ROOT", VAR_DIR / "registre"))

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Entraide SPASER"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# Page addresses in ASCII (« marches-reserves », not « march%C3%A9s-r%C3%A9serv%C3%A9s »): the admin's
# slug field transliterates the title, and an empty slug is made from it the same way.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Uploads, by editors (Wagtail) and mentors (promotion documents): office documents whose content
# matches their extension (portal.uploads), images that Wagtail can decode (no SVG: it can carry
# scripts), each under a size limit.
PORTAL_DOCUMENT_MAX_UPLOAD = 20 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "pptx", "odp", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = PORTAL_DOCUMENT_MAX_UPLOAD
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal.forms.DocumentForm"
# Documents are served only by Wagtail's view, which checks their collection's restrictions; the
# media folder is never served for documents/ (portal/media_urls.py, README « Production »).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# --- Content Security Policy (django-csp) -----------------------------------------------------
# Scripts only from our own origin (static files), or inline with the request's nonce
# (`request.csp_nonce`); no inline style either. The Wagtail and Django admins are left out:
# Wagtail's editor still relies on inline scripts and styles, and only staff reach it.
# Replays of webinars are embedded from the video hosts listed in CSP_FRAME_HOSTS.
CSP_FRAME_HOSTS = env_list(
    "CSP_FRAME_HOSTS",
    "https://www.youtube-nocookie.com,https://www.youtube.com,https://player.vimeo.com,"
    "https://www.dailymotion.com,https://geo.dailymotion.com",
)
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, *CSP_FRAME_HOSTS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# --- Theme ----------------------------------------------------------------------------------
# The DSFR may only be used by State services: a collectivité deploying the portal sets
# PORTAL_THEME=neutral and every page keeps its layout without the State's design system.
PORTAL_THEME = os.environ.get("PORTAL_THEME", "dsfr")

# Demo content: each app that has demo data lists its seeder here, in dependency order.
DEMO_SEEDERS = [
    "portal.demo",
    "fiches.demo",
    "ressources.demo",
    "promotions.demo",
    "forum.demo",
    "diagnostic.demo",
    "redaction.demo",
    "territoires.demo",
    "partage.demo",
    "registre.demo",
]

# Self-assessment: largest DECP file accepted for import (a national file is ~500 MB).
DIAGNOSTIC_DECP_MAX_UPLOAD = 600 * 1024 * 1024
# Uploaded DECP files wait here (outside MEDIA_ROOT: never served) until the worker has read them.
DIAGNOSTIC_DECP_ROOT = Path(os.environ.get("DIAGNOSTIC_DECP_ROOT", VAR_DIR / "decp"))

# --- Forum ----------------------------------------------------------------------------------
# At most FORUM_POST_RATE[0] posts per member every FORUM_POST_RATE[1] seconds (moderators exempt).
FORUM_POST_RATE = (5, 600)
# Authors may edit their posts during this many minutes (moderators at any time).
FORUM_EDIT_WINDOW_MINUTES = 30
# The first post of an account younger than this many days waits for a moderator.
FORUM_NEW_ACCOUNT_DAYS = 3
# --- Comments (django-comments-xtd) ---------------------------------------------------------
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_FORM_CLASS = "portal.forms.CommentForm"
# One level of replies under a comment: two levels in all.
COMMENTS_XTD_MAX_THREAD_LEVEL = 1
# Only logged-in members comment, so there is no address to confirm by email.
COMMENTS_XTD_CONFIRM_EMAIL = False
COMMENTS_XTD_FROM_EMAIL = DEFAULT_FROM_EMAIL
COMMENTS_XTD_CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "contact@entraide-spaser.fr")
# Replies notify followers by email synchronously (a thread per email is lost in tests and
# when the worker exits); a few followers per page keeps this cheap.
COMMENTS_XTD_THREADED_EMAILS = False
COMMENTS_XTD_APP_MODEL_OPTIONS = {
    "default": {
        "allow_flagging": True,
        "allow_feedback": False,
        "show_feedback": False,
        "who_can_post": "users",
    }
}
COMMENTS_HIDE_REMOVED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
