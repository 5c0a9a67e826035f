"""Who may do what with the registry of adopted SPASERs: one place, used by every view, feed,
export and search index.

- anyone reads a published entry of a validated organisation (listing, page, document, feeds,
  exports, search);
- the verified members of an organisation (portal.organisations: a verified membership of a
  validated organisation, with a confirmed address) publish its adopted scheme, edit and
  withdraw its entries, and still read them once withdrawn or unpublished;
- curators (portal.roles.CURATOR, permission `registre.unpublish_adoptedscheme`) and the portal's
  administrators unpublish an entry, with a reason the organisation reads; they read every entry.
  Staff status alone opens nothing.
"""

from portal import organisations

from .models import AdoptedScheme

UNPUBLISH = "registre.unpublish_adoptedscheme"


def _active(user):
    return user is not None and user.is_authenticated and user.is_active


def acting_organisations(user):
    """The organisations `user` may publish for, by name."""
    if not _active(user):
        return []
    return list(organisations.organisations_for(user).order_by("name"))


def can_curate(user):
    return _active(user) and (user.is_superuser or user.has_perm(UNPUBLISH))


def can_edit(user, entry):
    """Edit or withdraw: the organisation's verified members."""
    return _active(user) and organisations.can_act_for(user, entry.organisation)


def can_unpublish(user, entry):
    return can_curate(user) and entry.status == AdoptedScheme.Status.PUBLISHED


def visible_to(user):
    """The entries `user` may open: the public ones, their organisations' own, every one for
    curators and administrators."""
    if can_curate(user):
        return AdoptedScheme.objects.all()
    public = AdoptedScheme.objects.public()
    if not _active(user):
        return public
    own = AdoptedScheme.objects.filter(
        organisation__in=organisations.organisations_for(user).values("pk")
    )
    return public | own


def can_read(user, entry):
    return entry.is_public or can_curate(user) or can_edit(user, entry)
