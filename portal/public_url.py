"""The portal's public address: one setting, WAGTAILADMIN_BASE_URL, for every link that leaves a page.

Emails, calendar files (.ics), feeds and notifications are read away from the request that produced
them, so their links are built here rather than from the request's host or a `Site` row. The
Wagtail `Site` and django.contrib.sites' `Site` are kept equal to the setting by `sync_sites()`
(`manage.py sync_sites`, also run by `seed_demo`); the deploy checks below refuse a production start
where they disagree.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

SITE_NAME = "Entraide SPASER"


def base_url():
    """The configured public address without a trailing slash, e.g. « https://entraide-spaser.fr »."""
    return (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")


def absolute_url(path=""):
    """`path` (« /webinaires/… ») on the public address; an absolute URL is returned unchanged."""
    if path.startswith(("http://", "https://")):
        return path
    if path and not path.startswith("/"):
        path = "/" + path
    return base_url() + path


def _parts():
    parts = urlsplit(base_url())
    default_port = 443 if parts.scheme == "https" else 80
    return parts.scheme, parts.hostname or "", parts.port or default_port, parts.netloc


def public_netloc():
    """« entraide-spaser.fr » (with its port when not the scheme's default)."""
    return _parts()[3]


def site_name():
    return getattr(settings, "WAGTAIL_SITE_NAME", SITE_NAME) or SITE_NAME


def sync_sites():
    """Sets the default Wagtail Site (host, port, name) and the Django Site (domain, name) to the
    public address. Returns the list of what changed, in French, for the command to print."""
    from django.contrib.sites.models import Site as DjangoSite
    from wagtail.models import Site

    _scheme, hostname, port, netloc = _parts()
    changes = []
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        before = (site.hostname, site.port, site.site_name)
        site.hostname, site.port, site.site_name = hostname, port, site_name()
        if before != (site.hostname, site.port, site.site_name):
            site.save()
            changes.append(f"Site Wagtail : {site.hostname}:{site.port} « {site.site_name} »")
    django_site, created = DjangoSite.objects.get_or_create(
        pk=settings.SITE_ID, defaults={"domain": netloc, "name": site_name()}
    )
    if created or (django_site.domain, django_site.name) != (netloc, site_name()):
        django_site.domain, django_site.name = netloc, site_name()
        django_site.save()
        changes.append(f"Site Django : {django_site.domain} « {django_site.name} »")
    return changes


def _sites_disagreement():
    """A French sentence per Site that disagrees with the public address (empty when they agree)."""
    from django.contrib.sites.models import Site as DjangoSite
    from django.db import DatabaseError
    from wagtail.models import Site

    _scheme, hostname, port, netloc = _parts()
    problems = []
    try:
        site = Site.objects.filter(is_default_site=True).first()
        django_site = DjangoSite.objects.filter(pk=settings.SITE_ID).first()
    except DatabaseError:
        return []  # no database yet (before migrate): nothing to compare
    if site is None or (site.hostname, site.port) != (hostname, port):
        found = f"{site.hostname}:{site.port}" if site else "aucun"
        problems.append(f"le Site Wagtail par défaut ({found}) n'est pas {hostname}:{port}")
    if django_site is None or django_site.domain != netloc:
        found = django_site.domain if django_site else "aucun"
        problems.append(f"le Site Django ({found}) n'est pas {netloc}")
    return problems


@checks.register(checks.Tags.security, deploy=True)
def check_public_url(app_configs=None, **kwargs):
    """In production the public address must be set, in HTTPS, and equal to the Sites'."""
    scheme, hostname, _port, _netloc = _parts()
    if not base_url() or not hostname:
        return [
            checks.Error(
                "WAGTAILADMIN_BASE_URL n'est pas défini : les liens des courriels, fichiers .ics "
                "et flux n'auraient pas d'adresse publique.",
                hint="Définissez WAGTAILADMIN_BASE_URL=https://votre-domaine.fr puis lancez "
                "`manage.py sync_sites`.",
                id="portal.E001",
            )
        ]
    errors = []
    if scheme != "https" or hostname in {"localhost", "127.0.0.1", "testserver"}:
        errors.append(
            checks.Error(
                f"WAGTAILADMIN_BASE_URL ({base_url()}) n'est pas une adresse publique en HTTPS.",
                hint="Indiquez l'adresse https:// sous laquelle le portail est servi.",
                id="portal.E001",
            )
        )
    problems = _sites_disagreement()
    if problems:
        errors.append(
            checks.Error(
                "Les sites ne correspondent pas à WAGTAILADMIN_BASE_URL : "
                + " ; ".join(problems)
                + ".",
                hint="Lancez `manage.py sync_sites` après chaque changement d'adresse.",
                id="portal.E002",
            )
        )
    return errors
