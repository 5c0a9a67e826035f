"""Which organisations a member may act for, and what of an organisation they may read.

The one place that answers these questions: every diagnostic view, export, import and API asks
here. A self-declared SIREN alone never opens anything: a member acts for an organisation only
through a *verified* membership of a *validated* organisation. A membership is verified
automatically when the member's confirmed e-mail address is at one of the organisation's
declared domains; otherwise a referent of the organisation or staff approves the request.
Every change is logged (MembershipEvent) and the requester is told by e-mail.
"""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .models import MembershipEvent, Organisation, OrganisationMembership, Profile
from .public_url import absolute_url

Membership = OrganisationMembership


# --- Questions ------------------------------------------------------------------------------


def _active(user):
    return user is not None and user.is_authenticated and user.is_active


def is_staff(user):
    """The portal's administrators (superusers, portal.roles): staff status alone opens
    nothing."""
    return _active(user) and user.is_superuser


def confirmed_domains(user):
    """Domains of the user's confirmed (allauth-verified) e-mail addresses."""
    if not _active(user):
        return set()
    emails = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return {email.rsplit("@", 1)[-1].lower() for email in emails if "@" in email}


def verified_memberships(user):
    if not _active(user):
        return Membership.objects.none()
    return Membership.objects.filter(
        user=user, status=Membership.VERIFIED, organisation__validated=True
    )


def organisations_for(user):
    """The organisations `user` may act for (read, save, export, import): verified only, and
    only while the user has a confirmed address. One query."""
    if not _active(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        Exists(EmailAddress.objects.filter(user=user, verified=True)),
        validated=True,
        memberships__user=user,
        memberships__status=Membership.VERIFIED,
    ).select_related("kind")


def acting_organisation(user, pk=None):
    """The organisation `user` acts for: the one whose `pk` is given if they may, else the
    one shown on their profile, else their first; None when they may act for none."""
    if not _active(user):
        return None
    shown = Profile.objects.filter(user=user, organisation=OuterRef("pk"))
    organisations = organisations_for(user).annotate(shown=Exists(shown)).order_by("name")
    if pk is not None:
        return organisations.filter(pk=pk).first()
    return organisations.order_by("-shown", "name").first()


def can_act_for(user, organisation):
    return organisation is not None and organisations_for(user).filter(pk=organisation.pk).exists()


def readable_organisations(user):
    """Organisations whose data `user` may read: staff read every one."""
    if is_staff(user):
        return Organisation.objects.all()
    return organisations_for(user)


def readable(user, queryset, field="organisation"):
    """`queryset` narrowed to the objects of organisations `user` may read."""
    if is_staff(user):
        return queryset
    return queryset.filter(**{f"{field}__in": organisations_for(user).values("pk")})


def is_referent(user, organisation):
    return verified_memberships(user).filter(organisation=organisation, is_referent=True).exists()


def can_manage(user, organisation):
    """Decide join requests, remove members, name referents: the referents and staff."""
    return is_staff(user) or is_referent(user, organisation)


def managed_organisations(user):
    if is_staff(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(
        memberships__user=user,
        memberships__status=Membership.VERIFIED,
        memberships__is_referent=True,
        validated=True,
    )


def pending_memberships(user):
    if not _active(user):
        return Membership.objects.none()
    return Membership.objects.filter(user=user).exclude(
        status=Membership.VERIFIED, organisation__validated=True
    )


# --- Changes --------------------------------------------------------------------------------


def _log(membership, action, actor):
    MembershipEvent.objects.create(
        organisation=membership.organisation, member=membership.user, actor=actor, action=action
    )


def _sync_profile(user):
    """The organisation shown beside the member's name is one they are verified for."""
    profile, _created = Profile.objects.get_or_create(user=user)
    allowed = list(organisations_for(user).order_by("name").values_list("pk", flat=True))
    wanted = profile.organisation_id if profile.organisation_id in allowed else None
    if wanted is None and allowed:
        wanted = allowed[0]
    if wanted != profile.organisation_id:
        profile.organisation_id = wanted
        profile.save(update_fields=["organisation"])


def _mail(template, recipients, **context):
    recipients = [r for r in recipients if r]
    if not recipients:
        return
    context.setdefault("profile_url", absolute_url(reverse("portal:profile")))
    subject = render_to_string(f"portal/email/{template}_subject.txt", context)
    body = render_to_string(f"portal/email/{template}.txt", context)
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
    send_mail(prefix + " ".join(subject.split()), body, None, recipients)


def _tell_managers(membership):
    """A new request: the organisation's referents (staff when it has none) are told."""
    organisation = membership.organisation
    referents = Membership.objects.filter(
        organisation=organisation, status=Membership.VERIFIED, is_referent=True
    ).select_related("user")
    emails = [m.user.email for m in referents if organisation.validated]
    if emails:
        url = absolute_url(reverse("portal:organisation_members", args=[organisation.pk]))
    else:
        from django.contrib.auth import get_user_model

        emails = list(
            get_user_model()
            .objects.filter(is_active=True, is_superuser=True)
            .values_list("email", flat=True)
        )
        url = absolute_url(reverse("portal:membership_requests"))
    _mail("membership_request", emails, membership=membership, url=url)


@transaction.atomic
def request_membership(user, organisation):
    """`user` asks to join `organisation`: verified at once when their confirmed address is at
    one of its declared domains, otherwise a request for its referents or staff."""
    try:
        with transaction.atomic():
            membership, created = Membership.objects.get_or_create(
                user=user, organisation=organisation
            )
    except IntegrityError:
        membership, created = Membership.objects.get(user=user, organisation=organisation), False
    if membership.status == Membership.VERIFIED:
        return membership
    if created or membership.status == Membership.REFUSED:
        membership.status = Membership.REQUESTED
        membership.verified_by = None
        membership.decided_at = None
        membership.requested_at = timezone.now()
        membership.save()
        _log(membership, MembershipEvent.REQUESTED, user)
        if not _verify_by_domain(membership):
            _tell_managers(membership)
    return membership


def claim_siren(user, siren, *, name, kind, region):
    """A membership request for the organisation of `siren`. An unknown SIREN creates a
    pending organisation that staff validate (name, type, domains): until then it is named
    nowhere and nobody is its member."""
    organisation = Organisation.objects.filter(siren=siren).first()
    if organisation is None:
        try:
            with transaction.atomic():
                organisation = Organisation.objects.create(
                    siren=siren, name=name, kind=kind, region=region, validated=False
                )
        except IntegrityError:
            organisation = Organisation.objects.get(siren=siren)
    return request_membership(user, organisation)


def _verify_by_domain(membership):
    organisation = membership.organisation
    if not organisation.validated or membership.status == Membership.VERIFIED:
        return False
    if not set(organisation.domains) & confirmed_domains(membership.user):
        return False
    membership.status = Membership.VERIFIED
    membership.verified_by = None
    membership.decided_at = timezone.now()
    membership.save()
    _log(membership, MembershipEvent.AUTO_VERIFIED, None)
    _sync_profile(membership.user)
    _mail("membership_decided", [membership.user.email], membership=membership, approved=True)
    return True


def verify_by_domain(user):
    """After an address is confirmed: every validated organisation declaring its domain takes
    the member in (a pending request is verified, an unasked organisation joined)."""
    domains = confirmed_domains(user)
    if not domains:
        return []
    verified = []
    for organisation in Organisation.objects.filter(validated=True).exclude(email_domains=""):
        if not set(organisation.domains) & domains:
            continue
        membership, created = Membership.objects.get_or_create(user=user, organisation=organisation)
        if membership.status == Membership.REFUSED and not created:
            continue  # a referent said no: a later address change does not overrule them
        if created:
            _log(membership, MembershipEvent.REQUESTED, user)
        if _verify_by_domain(membership):
            verified.append(membership)
    return verified


@transaction.atomic
def decide(membership, actor, approve):
    """A referent or staff accepts or refuses a request; the requester is told by e-mail."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != Membership.REQUESTED:
        return membership
    membership.status = Membership.VERIFIED if approve else Membership.REFUSED
    membership.verified_by = actor
    membership.decided_at = timezone.now()
    membership.save()
    _log(membership, MembershipEvent.APPROVED if approve else MembershipEvent.REFUSED, actor)
    _sync_profile(membership.user)
    _mail("membership_decided", [membership.user.email], membership=membership, approved=approve)
    return membership


@transaction.atomic
def remove(membership, actor):
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    user, organisation = membership.user, membership.organisation
    _log(membership, MembershipEvent.REMOVED, actor)
    membership.delete()
    _sync_profile(user)
    _mail("membership_removed", [user.email], organisation=organisation)


@transaction.atomic
def set_referent(membership, actor, value=True):
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != Membership.VERIFIED or membership.is_referent == value:
        return membership
    membership.is_referent = value
    membership.save(update_fields=["is_referent"])
    _log(
        membership,
        MembershipEvent.REFERENT_NAMED if value else MembershipEvent.REFERENT_REMOVED,
        actor,
    )
    return membership


def organisation_validated(organisation, actor=None):
    """Staff validated a pending organisation: its requesters are told, and those whose
    address is at one of its domains are verified."""
    for membership in organisation.memberships.filter(status=Membership.REQUESTED).select_related(
        "user"
    ):
        if not _verify_by_domain(membership):
            _mail("organisation_validated", [membership.user.email], membership=membership)


def verify_requests_by_domain(organisation):
    """The organisation declared a domain: its pending requests from that domain are verified."""
    requests = organisation.memberships.filter(status=Membership.REQUESTED).select_related("user")
    return [m for m in requests if _verify_by_domain(m)]


def notify_organisation_refused(organisation, emails):
    _mail("organisation_refused", emails, organisation=organisation)
