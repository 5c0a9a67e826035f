from django import template

from territoires.forms import RegionFilterForm

from .. import agenda

register = template.Library()

HOME_LIMIT = 6


@register.inclusion_tag("ressources/includes/home_agenda.html", takes_context=True)
def home_agenda(context):
    """The home page's « Prochains rendez-vous », filtered by the région of `?region=`."""
    from ..models import WebinarIndexPage, upcoming_webinars

    request = context["request"]
    form = RegionFilterForm(request.GET or None)
    region = form.chosen_region()
    return {
        "request": request,
        "items": agenda.upcoming(upcoming_webinars(), region, limit=HOME_LIMIT),
        "region_form": form,
        "region": region,
        "agenda_page": WebinarIndexPage.objects.live().public().first(),
        "page": context.get("page"),
    }
