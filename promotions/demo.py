"""Demo content: the first Mission SPASER promotion (finished), the second one (running around the
day the demo is seeded, with past and upcoming sessions) and the third (applications open).

Figures follow seed 002: 27 buyers, a sponsor from Nantes then Bordeaux, a kick-off, co-development
sessions with a recap the next day, a landing session, and a survey where 80 % feel more able to run
a SPASER and 70 % expect to publish one within six months. Idempotent: safe to run twice.

The texts live in `promotions/demo_content/`: `promotions.toml` (the three promotions, their
sessions, recaps, guide and survey comments) and `participants.toml` (the buyers of promotion 1).
This module places the sessions around the day of seeding and resolves accounts and organisations.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from portal.demo import add_home_section, add_nav_link, demo_content, demo_user, organisation, tour
from portal.models import CollectiviteType, Organisation, luhn_is_valid

from .models import (
    Application,
    Membership,
    Promotion,
    PromotionDocument,
    Recap,
    Session,
    SurveyResponse,
)

PROMOTIONS = demo_content(__file__, "promotions")
PARTICIPANTS = demo_content(__file__, "participants")["participant"]

PARIS = ZoneInfo("Europe/Paris")
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4}


def demo_siren(n):
    """A 9-digit demo SIREN (prefix 29) whose Luhn key is valid."""
    base = f"29{n:06d}"
    for key in range(10):
        if luhn_is_valid(base + str(key)):
            return base + str(key)
    raise AssertionError("one key in ten is valid")


def at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=PARIS)


def in_paris(moment):
    """A local date and time of the data (TOML has no time zones) in Paris time."""
    return moment.replace(tzinfo=PARIS)


def week_day(today, weeks, weekday):
    """The `weekday` (0 = Monday … 4 = Friday) of the week `weeks` after the week of `today`:
    never a weekend, and after `today` when `weeks` >= 1, before it when `weeks` <= -1,
    whatever day of the week the demo is seeded."""
    monday = today - timedelta(days=today.weekday())
    return monday + timedelta(weeks=weeks, days=weekday)


def session_day(today, spec):
    """The day of a session of the running or open promotion, from its week and weekday."""
    return week_day(today, spec["week"], WEEKDAYS[spec["weekday"]])


def _organisation(index, name, kind, region):
    siren = demo_siren(index + 1)
    org, _created = Organisation.objects.get_or_create(
        siren=siren,
        defaults={
            "name": name,
            "kind": CollectiviteType.objects.get(name=kind),
            "region": region,
        },
    )
    return org


def _member(promotion, user, role):
    membership, _created = Membership.objects.get_or_create(
        promotion=promotion, user=user, defaults={"role": role}
    )
    return membership


def _promotion(slug, defaults, **current):
    """The promotion `slug`, created with `defaults`; the `current` fields (dates and state of a
    promotion placed around the seeding day) are set again at each run."""
    promotion = Promotion.objects.filter(slug=slug).first()
    if promotion is None:
        promotion = Promotion(slug=slug, **defaults, **current)
        promotion.save()
    elif any(getattr(promotion, name) != value for name, value in current.items()):
        for name, value in current.items():
            setattr(promotion, name, value)
        promotion.save()
    return promotion


def _promotion_around(today, spec, state):
    """A promotion of the data whose sessions are placed around the seeding day: its dates
    follow them at each run."""
    sessions = spec["session"]
    return _promotion(
        spec["slug"],
        {
            "name": spec["name"],
            "summary": spec["summary"],
            "description": spec["description"],
            "capacity": spec["capacity"],
            "sponsor": organisation(spec["sponsor_siren"]),
        },
        start_date=session_day(today, sessions[0]),
        end_date=session_day(today, sessions[-1]),
        state=state,
    )


def _participants(password):
    """Promotion 1's participants, in order: new buyers with their organisation, and the portal's
    accounts named by e-mail only."""
    users = get_user_model().objects
    created, existing = [], []
    for position, spec in enumerate(PARTICIPANTS):
        if "organisation" not in spec:
            existing.append((position, spec["email"]))
            continue
        org = _organisation(len(created), spec["organisation"], spec["type"], spec["region"])
        user = demo_user(
            spec["email"],
            spec["first_name"],
            spec["last_name"],
            password,
            siren=org.siren,
            job_title=spec["job_title"],
        )
        created.append(user)
    for position, email in existing:
        created.insert(position, users.get(email=email))
    return created


def _promotion_1(participants, spec):
    users = get_user_model().objects
    mentor = users.get(email=spec["mentor"])
    p1 = _promotion(
        spec["slug"],
        {
            "name": spec["name"],
            "summary": spec["summary"],
            "description": spec["description"],
            "start_date": spec["start_date"],
            "end_date": spec["end_date"],
            "capacity": spec["capacity"],
            "sponsor": organisation(spec["sponsor_siren"]),
            "state": Promotion.State.FINISHED,
        },
    )
    _member(p1, mentor, Membership.Role.MENTOR)
    for user in participants:
        _member(p1, user, Membership.Role.PARTICIPANT)
        Application.objects.get_or_create(
            promotion=p1,
            user=user,
            defaults={
                "organisation": user.profile.organisation,
                "motivation": spec["motivation"],
                "status": Application.Status.ACCEPTED,
            },
        )
    by_email = {user.email: user for user in participants}
    guide, _created = PromotionDocument.objects.get_or_create(
        promotion=p1,
        title=spec["guide"]["title"],
        defaults={
            "file": ContentFile(spec["guide"]["content"].encode(), name=spec["guide"]["file_name"])
        },
    )
    for index, session_spec in enumerate(spec["session"]):
        starts_at = in_paris(session_spec["starts_at"])
        session, created = Session.objects.get_or_create(
            promotion=p1,
            title=session_spec["title"],
            defaults={
                "kind": session_spec["kind"],
                "starts_at": starts_at,
                "duration_minutes": session_spec["minutes"],
                "visio_url": f"https://webconf.numerique.gouv.fr/mission-spaser-p1-{index + 1}",
                "agenda": session_spec["agenda"],
                "case_holder": by_email.get(session_spec.get("case_holder")),
                "case_title": session_spec.get("case_title", ""),
                "case_summary": session_spec.get("case_summary", ""),
                "recap_reminder_sent_at": starts_at + timedelta(days=1),
            },
        )
        if created:
            session.attendees.set(
                [user for position, user in enumerate(participants) if (position + index) % 6]
            )
        recap = session_spec["recap"]
        Recap.objects.get_or_create(
            session=session,
            defaults={
                "author": mentor,
                "key_points": recap["key_points"],
                "resources": recap["resources"],
                "actions": recap["actions"],
                "status": Recap.Status.PUBLISHED,
                "published_at": starts_at + timedelta(days=1),
            },
        )
    if not guide.session_id:
        guide.session = Session.objects.filter(promotion=p1, kind=Session.Kind.CODEV).first()
        guide.save(update_fields=["session"])

    # 20 answers: 16 feel more able (80 %), 14 expect to publish within six months (70 %).
    comments = spec["survey"]["comments"]
    for position, user in enumerate(participants[:20]):
        SurveyResponse.objects.get_or_create(
            promotion=p1,
            user=user,
            defaults={
                "more_able": "oui" if position < 16 else "non",
                "publish_plan": "oui" if position < 14 else ("nsp" if position < 18 else "non"),
                "comment": comments[position // 5] if position % 5 == 0 else "",
            },
        )

    # The answers were given at the landing session.
    SurveyResponse.objects.filter(promotion=p1).update(
        created_at=in_paris(spec["survey"]["answered_at"])
    )
    return p1


def _promotion_2(password, today, spec):
    users = get_user_model().objects
    account = spec["mentor_account"]
    demo_user(
        account["email"],
        account["first_name"],
        account["last_name"],
        password,
        siren=account["siren"],
        job_title=account["job_title"],
        role="mentor",
    )
    sessions = spec["session"]
    p2 = _promotion_around(today, spec, Promotion.State.RUNNING)
    p2_participants = [users.get(email=email) for email in spec["participants"]] + [
        demo_user(
            newcomer["email"],
            newcomer["first_name"],
            newcomer["last_name"],
            password,
            siren=newcomer["siren"],
            job_title=newcomer["job_title"],
        )
        for newcomer in spec["newcomer"]
    ]
    for email in spec["mentors"]:
        _member(p2, users.get(email=email), Membership.Role.MENTOR)
    for user in p2_participants:
        _member(p2, user, Membership.Role.PARTICIPANT)
        Application.objects.update_or_create(
            promotion=p2,
            user=user,
            defaults={
                "organisation": user.profile.organisation,
                "motivation": spec["motivation"],
                "status": Application.Status.ACCEPTED,
            },
        )
    recap_author = users.get(email=spec["recap_author"])
    by_email = {user.email: user for user in p2_participants}
    for index, session_spec in enumerate(sessions):
        starts_at = at(session_day(today, session_spec), session_spec["hour"])
        past = session_spec["week"] < 0
        session, _created = Session.objects.update_or_create(
            promotion=p2,
            title=session_spec["title"],
            defaults={
                "kind": session_spec["kind"],
                "starts_at": starts_at,
                "duration_minutes": session_spec["minutes"],
                "visio_url": f"https://webconf.numerique.gouv.fr/mission-spaser-p2-{index + 1}",
                "agenda": session_spec["agenda"],
                "case_holder": by_email.get(session_spec.get("case_holder")),
                "case_title": session_spec.get("case_title", ""),
                "case_summary": session_spec.get("case_summary", ""),
                "recap_reminder_sent_at": starts_at + timedelta(days=1) if past else None,
            },
        )
        if past:
            session.attendees.set(p2_participants)
        if "recap" in session_spec:
            recap = session_spec["recap"]
            published = recap["status"] == Recap.Status.PUBLISHED
            Recap.objects.get_or_create(
                session=session,
                defaults={
                    "author": recap_author,
                    "key_points": recap["key_points"],
                    "resources": recap["resources"],
                    "actions": recap["actions"],
                    "status": recap["status"],
                    "published_at": starts_at + timedelta(days=1) if published else None,
                },
            )
    return p2


def _promotion_3(today, spec):
    users = get_user_model().objects
    sessions = spec["session"]
    p3 = _promotion_around(today, spec, Promotion.State.OPEN)
    _member(p3, users.get(email=spec["mentor"]), Membership.Role.MENTOR)
    for index, session_spec in enumerate(sessions):
        Session.objects.update_or_create(
            promotion=p3,
            title=session_spec["title"],
            defaults={
                "kind": session_spec["kind"],
                "starts_at": at(session_day(today, session_spec), session_spec["hour"]),
                "duration_minutes": session_spec["minutes"],
                "visio_url": f"https://webconf.numerique.gouv.fr/mission-spaser-p3-{index + 1}",
                "agenda": session_spec.get("agenda", ""),
            },
        )
    applicant = users.get(email=spec["application"]["email"])
    Application.objects.get_or_create(
        promotion=p3,
        user=applicant,
        defaults={
            "organisation": applicant.profile.organisation,
            "motivation": spec["application"]["motivation"],
        },
    )
    return p3


def seed(password, stdout):
    participants = _participants(password)
    p1 = _promotion_1(participants, PROMOTIONS["promotion1"])
    today = timezone.localdate()
    p2 = _promotion_2(password, today, PROMOTIONS["promotion2"])
    p3 = _promotion_3(today, PROMOTIONS["promotion3"])

    next_title = next(
        spec["title"] for spec in PROMOTIONS["promotion2"]["session"] if spec["week"] >= 1
    )
    tour(
        "participant@ampmetropole.fr",
        "Participante et référente",
        f"l'espace de la {p2.name} : séances passées avec leurs fiches, prochaine séance "
        f"« {next_title} », forum réservé à la promotion",
    )
    tour(
        "participant@ville-dunkerque.fr",
        "Participant",
        f"porteur de cas de la prochaine séance de la {p2.name} ; son agenda (.ics) des séances",
    )
    tour(
        "mentor@nantesmetropole.fr",
        "Mentore",
        f"terminer et publier la fiche récapitulative en brouillon de la {p2.name} ; "
        "les résultats du questionnaire de la promotion 1",
    )
    tour(
        PROMOTIONS["promotion2"]["mentor_account"]["email"],
        "Mentore",
        f"la {p2.name}, parrainée par Bordeaux Métropole : présences et fiches des séances",
    )
    tour(
        "participant@gpsea.fr",
        "Ancienne participante",
        f"l'espace de la {p1.name} (terminée) : fiches récapitulatives et documents",
    )
    tour(
        PROMOTIONS["promotion3"]["application"]["email"],
        "Membre candidat",
        f"sa candidature en attente à la {p3.name}",
    )
    tour(
        "membre@bretagne.bzh",
        "Membre",
        f"candidater à la {p3.name} (/promotions/)",
    )

    add_nav_link(PROMOTIONS["navigation_label"], "/promotions/")
    home_section = PROMOTIONS["home_section"]
    add_home_section(home_section["title"], home_section["description"], "/promotions/")
    stdout.write(
        f"  promotions: {Promotion.objects.count()} promotions, "
        f"{p1.participants().count()} participants in promotion 1, "
        f"{p2.participants().count()} in the running promotion 2, "
        f"{Application.objects.filter(promotion=p3).count()} application(s) to promotion 3"
    )
