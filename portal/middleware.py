import functools

import csp.middleware
from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import translation


class ChosenLanguageMiddleware:
    """French unless the visitor picked another language with the switch (the language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language; the portal is a French
    public service whose content is written in French, so only an explicit choice changes it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


@functools.cache
def _default_policy(report_only):
    """The header when no view or template changed it, and the paths it is not sent on."""
    setting = "CONTENT_SECURITY_POLICY_REPORT_ONLY" if report_only else "CONTENT_SECURITY_POLICY"
    excluded = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
    return build_policy(report_only=report_only), tuple(excluded)


@receiver(setting_changed)
def _forget_default_policy(*, setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _default_policy.cache_clear()


class CSPMiddleware(csp.middleware.CSPMiddleware):
    """django-csp's middleware, with the header built once per process.

    django-csp builds the header anew for every response (its settings deep-copied and turned
    into dicts, twice): 5 to 20 % of serving a page from the page cache
    (benchmarks/csp_header.py). The
    portal's policy is the same for every response unless a view brings its own (`csp.decorators`)
    or a template draws the nonce; those responses take django-csp's own path.
    """

    def process_response(self, request, response):
        if self.get_policy_parts(request, response) != csp.middleware.PolicyParts() or (
            self.get_policy_parts(request, response, report_only=True)
            != csp.middleware.PolicyParts()
        ):
            return super().process_response(request, response)
        if response.status_code in (500, 404) and settings.DEBUG:
            return response
        for header, report_only, exempt in (
            (HEADER, False, "_csp_exempt"),
            (HEADER_REPORT_ONLY, True, "_csp_exempt_ro"),
        ):
            policy, excluded = _default_policy(report_only)
            if (
                policy
                and header not in response
                and not getattr(response, exempt, False)
                and not request.path_info.startswith(excluded)
            ):
                response[header] = policy
        # As django-csp does: a nonce drawn after the header is written would not be in it.
        if getattr(request, "_csp_nonce", None) is None:
            request.csp_nonce = csp.middleware.CheckableLazyObject(self._csp_nonce_post_response)
        return response
