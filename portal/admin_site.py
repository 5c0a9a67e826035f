"""The Django admin, for administrators only, entered through allauth's login like every page.

Django's admin is the widest door of the site (users, groups, every model): only superusers
reach it. Its own login form is replaced by a redirection to allauth's (`portal.login_door`),
so an unconfirmed address or a throttled account cannot come in this way either.
"""

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig

from .login_door import login_url, no_access, safe_next


class PortalAdminSite(AdminSite):
    site_header = "Entraide SPASER — administration technique"
    site_title = "Entraide SPASER"

    def has_permission(self, request):
        user = request.user
        return user.is_active and user.is_superuser

    def login(self, request, extra_context=None):
        from django.http import HttpResponseRedirect

        if request.user.is_authenticated:
            return no_access(request)
        return HttpResponseRedirect(login_url(safe_next(request, default=request.path)))


class PortalAdminConfig(AdminConfig):
    default_site = "portal.admin_site.PortalAdminSite"
