"""Who may do what with a shared document: one place, used by every view, feed, index and the
site map.

- anyone reads a published public document;
- a published document reserved to public buyers is read only by the verified members of an
  organisation (portal.organisations), curators and administrators: never by an anonymous
  visitor, a member without a verified organisation, nor a member whose request waits;
- a verified member contributes documents for the organisations they act for, sees their own
  contributions whatever their state and withdraws them;
- curators (portal.roles.CURATOR, the `partage.moderate_shareddocument` permission) and
  administrators read everything and publish or refuse. Staff status alone opens nothing.
"""

from django.db.models import Q

from portal import organisations

from .models import Audience, SharedDocument, Status

MODERATE = "partage.moderate_shareddocument"


def _active(user):
    return user is not None and user.is_authenticated and user.is_active


def is_curator(user):
    return _active(user) and (user.is_superuser or user.has_perm(MODERATE))


def is_verified_buyer(user):
    return organisations.organisations_for(user).exists()


def reads_reserved(user):
    """Whether reserved documents are shown to `user` (one query for a member)."""
    if not _active(user):
        return False
    return user.is_superuser or is_verified_buyer(user) or user.has_perm(MODERATE)


def can_contribute(user):
    return is_verified_buyer(user)


def visible_documents(user):
    """The published documents `user` may read: listing, search results, detail, download."""
    documents = SharedDocument.objects.published()
    if not reads_reserved(user):
        documents = documents.filter(audience=Audience.PUBLIC)
    return documents


def readable_documents(user):
    """What `user` may open, whatever its state: the visible documents, their own
    contributions, and everything for a curator."""
    if is_curator(user):
        return SharedDocument.objects.all()
    visible = Q(status=Status.PUBLISHED)
    if not reads_reserved(user):
        visible &= Q(audience=Audience.PUBLIC)
    if _active(user):
        visible |= Q(contributor=user)
    return SharedDocument.objects.filter(visible)


def can_withdraw(user, document):
    return (
        _active(user)
        and document.contributor_id == user.pk
        and document.status in (Status.PENDING, Status.PUBLISHED)
    )
