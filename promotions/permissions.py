"""Who may see and do what in a promotion. Every view asks these helpers, nothing else.

Roles: participant and mentor come from `Membership`; "promotion admins" are superusers and the
promotion managers' group (portal.roles), holding `promotions.change_promotion` (they manage
promotions in the Wagtail admin). Staff status alone grants nothing.
"""

from .models import Membership


def is_promotion_admin(user):
    return bool(
        user.is_authenticated and user.is_active and user.has_perm("promotions.change_promotion")
    )


def membership_role(user, promotion):
    """'participant', 'mentor' or None."""
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.filter(promotion=promotion, user=user)
        .values_list("role", flat=True)
        .first()
    )


def is_participant(user, promotion):
    return membership_role(user, promotion) == Membership.Role.PARTICIPANT


def is_mentor(user, promotion):
    return membership_role(user, promotion) == Membership.Role.MENTOR


def can_view_private(user, promotion):
    """The private space: participants, mentors and admins only."""
    return membership_role(user, promotion) is not None or is_promotion_admin(user)


def can_manage(user, promotion):
    """Write recaps, record attendance, see survey results: mentors and admins."""
    return is_mentor(user, promotion) or is_promotion_admin(user)


def can_answer_survey(user, promotion):
    return promotion.survey_open and is_participant(user, promotion)


def can_apply(user, promotion):
    return (
        user.is_authenticated
        and promotion.is_open
        and membership_role(user, promotion) is None
        and not promotion.applications.filter(user=user).exists()
    )


class Access:
    """What one user may do in one promotion, computed once per request."""

    def __init__(self, user, promotion):
        self.user = user
        self.promotion = promotion
        self.role = membership_role(user, promotion)
        self.is_admin = is_promotion_admin(user)

    @property
    def is_participant(self):
        return self.role == Membership.Role.PARTICIPANT

    @property
    def is_mentor(self):
        return self.role == Membership.Role.MENTOR

    @property
    def can_view_private(self):
        return self.role is not None or self.is_admin

    @property
    def can_manage(self):
        return self.is_mentor or self.is_admin

    @property
    def can_answer_survey(self):
        return self.is_participant and self.promotion.survey_open
