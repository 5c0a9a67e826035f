"""Who may do what with a SPASER draft: one place, used by every view and export.

- the verified members of the draft's organisation read, save, restore, export and share it;
- staff read and export it (they do not write an organisation's scheme);
- a mentor reads it through a share link made for them, until it is revoked; nobody else can use
  that link, even with the address.
"""

from portal import organisations


def _active(user):
    return user is not None and user.is_authenticated and user.is_active


def is_staff(user):
    return organisations.is_staff(user)


def acting_organisations(user):
    """The organisations whose drafts `user` may write: their verified memberships
    (portal.organisations)."""
    if not _active(user):
        return []
    return list(organisations.organisations_for(user).order_by("name"))


def can_edit(user, draft):
    return any(o.pk == draft.organisation_id for o in acting_organisations(user))


def can_read(user, draft):
    return is_staff(user) or can_edit(user, draft)


def share_for(user, token):
    """The active share of `token` made for `user`, else None."""
    from .models import DraftShare

    if not _active(user) or not token:
        return None
    return (
        DraftShare.objects.select_related("draft", "draft__organisation")
        .filter(token=token, mentor=user, revoked_at__isnull=True)
        .first()
    )


def mentors_for(user):
    """The mentors of the promotions `user` takes part in: whom a draft may be shared with."""
    from django.contrib.auth import get_user_model

    from promotions.models import Membership

    if not _active(user):
        return get_user_model().objects.none()
    promotions = Membership.objects.filter(user=user).values("promotion")
    return (
        get_user_model()
        .objects.filter(
            promotion_memberships__promotion__in=promotions,
            promotion_memberships__role=Membership.Role.MENTOR,
            is_active=True,
        )
        .exclude(pk=user.pk)
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )
