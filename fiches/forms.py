from portal.forms import TaxonomyFilterForm
from portal.models import filter_by_taxonomy


class FicheFilterForm(TaxonomyFilterForm):
    """Filters of the fiche list."""

    def active_filters(self):
        return {name: value for name, value in self.cleaned_data.items() if value}

    def filter(self, fiches):
        return filter_by_taxonomy(fiches, self.cleaned_data)
