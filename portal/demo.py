"""Demo content of the site itself: taxonomy, organisations, accounts, home and legal pages.

Every seeder is idempotent (get_or_create on natural keys) so `seed_demo` can run again safely.
Other apps' seeders use the helpers below (`demo_user`, `organisation`, `add_nav_link`,
`demo_content` for the texts they keep in data files).
"""

import tomllib
from datetime import date
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from .models import (
    AccessibilityStatementPage,
    CollectiviteType,
    FamilleAchat,
    HomePage,
    MembershipEvent,
    Organisation,
    OrganisationMembership,
    SiteSettings,
    StandardPage,
    Theme,
)
from .roles import ROLES, role_group

THEMES = [
    (
        "Social",
        "Insertion, handicap, égalité, conditions de travail dans la chaîne d'approvisionnement.",
    ),
    ("Environnemental", "Climat, biodiversité, sobriété, économie circulaire, réemploi."),
    (
        "Économique",
        "Accès des PME et des structures de l'ESS, tissu économique local, délais de paiement.",
    ),
    ("Gouvernance", "Portage politique, pilotage, organisation de la fonction achat, coopération."),
    ("Indicateurs", "Mesure, suivi et publication des indicateurs du schéma."),
]
FAMILLES = [
    "Travaux de voirie et infrastructures de mobilité",
    "Bâtiment : construction et entretien",
    "Moyens généraux et logistique",
    "Déchets, eau et assainissement",
    "Prestations intellectuelles et services liés aux travaux",
    "Restauration collective",
    "Numérique",
]
COLLECTIVITE_TYPES = [
    "Commune",
    "Métropole",
    "Communauté urbaine ou d'agglomération",
    "Département",
    "Région",
    "Établissement public territorial",
    "Centre hospitalier",
    "Bailleur social",
]
ORGANISATIONS = [
    # name, SIREN, type, region, declared e-mail domain
    ("Métropole d'Aix-Marseille-Provence", "200054807", "Métropole", "PAC", "ampmetropole.fr"),
    ("Nantes Métropole", "244400404", "Métropole", "PDL", "nantesmetropole.fr"),
    ("Bordeaux Métropole", "243300316", "Métropole", "NAQ", "bordeaux-metropole.fr"),
    ("Ville de Dunkerque", "215901836", "Commune", "HDF", "ville-dunkerque.fr"),
    ("Région Bretagne", "233500016", "Région", "BRE", "bretagne.bzh"),
    ("Département de la Gironde", "223300013", "Département", "NAQ", "gironde.fr"),
    (
        "Grand Paris Sud Est Avenir",
        "200058006",
        "Établissement public territorial",
        "IDF",
        "gpsea.fr",
    ),
    ("Rennes Métropole", "243500139", "Métropole", "BRE", "rennes-metropole.fr"),
    ("Ville de Lille", "215903501", "Commune", "HDF", "mairie-lille.fr"),
    ("Montpellier Méditerranée Métropole", "243400017", "Métropole", "OCC", "montpellier3m.fr"),
]

# The département of each one's seat (the self-assessment names its facilitators).
DEPARTEMENTS = {
    "200054807": "13",
    "244400404": "44",
    "243300316": "33",
    "215901836": "59",
    "233500016": "35",
    "223300013": "33",
    "200058006": "94",
    "243500139": "35",
    "215903501": "59",
    "243400017": "34",
}

# Referents: they decide their organisation's join requests.
REFERENTS = ["participant@ampmetropole.fr", "mentor@nantesmetropole.fr"]
# A request waiting for the referent of AMP (a webmail address: no domain to verify it).
PENDING_REQUESTS = [
    ("lea.fontaine.achats@laposte.net", "Léa", "Fontaine", "200054807", "Acheteuse"),
]

ACCOUNTS = [
    # email, first name, last name, organisation SIREN, job title, role
    (
        "admin@entraide-spaser.fr",
        "Alexandra",
        "Lamotte",
        None,
        "Administratrice du portail",
        "admin",
    ),
    ("moderation@entraide-spaser.fr", "Violette", "Siméon", None, "Modératrice", "moderator"),
    ("edition@entraide-spaser.fr", "Bastien", "Roux", None, "Éditeur des contenus", "editor"),
    (
        "promotions@entraide-spaser.fr",
        "Nadia",
        "Benali",
        None,
        "Gestionnaire des promotions",
        "promotion_manager",
    ),
    (
        "mentor@nantesmetropole.fr",
        "Claire",
        "Guérin",
        "244400404",
        "Responsable achats responsables",
        "mentor",
    ),
    (
        "participant@ampmetropole.fr",
        "Maya",
        "Ribault",
        "200054807",
        "Cheffe de projet SPASER",
        "member",
    ),
    ("participant@gpsea.fr", "Aurore", "Caro", "200058006", "Cheffe de projet achat", "member"),
    (
        "participant@ville-dunkerque.fr",
        "Julien",
        "Vasseur",
        "215901836",
        "Acheteur public",
        "member",
    ),
    (
        "membre@bretagne.bzh",
        "Gwenaëlle",
        "Le Goff",
        "233500016",
        "Chargée de mission achats durables",
        "member",
    ),
    ("membre@gironde.fr", "Thomas", "Dupuy", "223300013", "Juriste commande publique", "member"),
]


def demo_content(seeder_file, name):
    """The data of `<app>/demo_content/<name>.toml`, next to the seeder module `seeder_file`.

    The demo's texts live in these TOML files so that editors can correct them without touching
    Python; the seeders resolve what the data names (accounts, organisations, dates, articles).
    """
    path = Path(seeder_file).resolve().parent / "demo_content" / f"{name}.toml"
    with path.open("rb") as file:
        return tomllib.load(file)


def term(model, name):
    return model.objects.get(name=name)


def organisation(siren):
    return Organisation.objects.get(siren=siren)


# Every account the seeders create, in order, so `seed_demo` can list them with their password.
SEEDED_ACCOUNTS: dict[str, str] = {}

# What a tester can try with each main account, in the order `seed_demo` prints it:
# {email: (role shown, [what to try, ...])}. Each seeder adds what its own content shows.
TOURS: dict[str, tuple[str, list[str]]] = {}


def tour(email, role, what):
    """Say what this account shows in the demo (printed by `seed_demo`); idempotent."""
    _role, things = TOURS.setdefault(email, (role, []))
    if what not in things:
        things.append(what)


def demo_user(email, first_name, last_name, password, siren=None, job_title="", role="member"):
    """A verified account (allauth EmailAddress) with its profile; returns the user."""
    SEEDED_ACCOUNTS[email] = role
    user_model = get_user_model()
    user, _created = user_model.objects.get_or_create(
        email=email,
        defaults={"username": email.split("@")[0] + "-" + email.split("@")[1].split(".")[0]},
    )
    user.first_name, user.last_name = first_name, last_name
    user.is_staff = user.is_superuser = role == "admin"
    user.set_password(password)
    user.save()
    if role in ROLES:
        user.groups.add(role_group(role))
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    profile = user.profile
    profile.organisation = None
    if siren:
        # Demo accounts are verified members of their organisation (by its domain, or approved).
        org = organisation(siren)
        membership, created = OrganisationMembership.objects.update_or_create(
            user=user,
            organisation=org,
            defaults={
                "status": OrganisationMembership.VERIFIED,
                "is_referent": email in REFERENTS,
            },
        )
        if created:
            domain_matches = email.rsplit("@", 1)[-1] in org.domains
            MembershipEvent.objects.create(
                organisation=org,
                member=user,
                action=MembershipEvent.AUTO_VERIFIED
                if domain_matches
                else MembershipEvent.APPROVED,
            )
        profile.organisation = org
    profile.job_title = job_title
    profile.in_directory = True
    profile.save()
    return user


def home_page():
    return HomePage.objects.get()


def navigation_links(site_settings):
    """Every link of the main navigation, those of its sub-menus included, in order."""
    for block in site_settings.main_navigation:
        if block.block_type == "menu":
            yield from block.value["links"]
        else:
            yield block.value


# The sub-menu that gathers the library's sections, so that the main menu holds on one row.
RESOURCES_MENU = "Ressources"


def add_nav_link(label, url, menu=None):
    """Adds a main-navigation entry to the default site's settings, once: at the top level, or
    in the sub-menu named `menu` (created at its first link)."""
    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    if any(link["label"] == label for link in navigation_links(site_settings)):
        return
    navigation = site_settings.main_navigation
    menus = {block.value["label"]: block for block in navigation if block.block_type == "menu"}
    blocks = navigation.stream_block.child_blocks
    link = blocks["link"].to_python({"label": label, "url": url, "page": None})
    if menu is None:
        navigation.append(("link", link))
    elif menu in menus:
        menus[menu].value["links"].append(link)
    else:
        navigation.append(("menu", blocks["menu"].to_python({"label": menu, "links": []})))
        navigation[-1].value["links"].append(link)
    site_settings.save()


def add_home_section(title, description, url):
    """Adds a tile linking to a section on the home page, once."""
    home = home_page()
    if any(block.value["title"] == title for block in home.sections):
        return
    home.sections.append(("section", {"title": title, "description": description, "url": url}))
    home.save_revision().publish()


def _home():
    if HomePage.objects.exists():
        return HomePage.objects.get()
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title="Accueil",
            slug="accueil",
            hero_title="Ensemble, réussissons nos SPASER",
            hero_text=(
                "Depuis le 25 octobre 2023, tout acheteur soumis au code de la commande publique "
                "(collectivités, services de l'État, hôpitaux, autres établissements publics) dont "
                "les achats de l'année dépassent 50 millions d'euros HT doit adopter un schéma de "
                "promotion des achats socialement et écologiquement responsables. Fiches "
                "pratiques, clauses types, webinaires, promotions d'entraide et autodiagnostic "
                "pour avancer ensemble."
            ),
            hero_cta_label="Faire mon autodiagnostic",
            hero_cta_url="/diagnostic/",
        )
    )
    site = Site.objects.get(is_default_site=True)
    old_root = site.root_page
    site.root_page = home
    site.site_name = "Entraide SPASER"
    site.save()
    if old_root.pk != home.pk and not isinstance(old_root.specific, HomePage):
        old_root.delete()
    return home


# The accessibility statement of the demo: the sample audit of the portal (RGAA 4.1), as the
# statement page records it. Update the figures and the list with each audit.
ACCESSIBILITY_AUDIT = {
    "audit_date": date(2026, 12, 3),
    "auditor": "l'équipe du portail (audit interne, échantillon de pages)",
    "criteria_applicable": 42,
    "criteria_met": 42,
    # Found at the audit (RGAA 10.11, 12.1, 11.2, 11.5, 11.13, 6.1, 13.3) and corrected since.
    "non_conformities": [],
    "multi_year_plan": (
        "<p>Schéma pluriannuel 2026-2028 : un audit de l'échantillon à chaque version majeure, "
        "les non-conformités corrigées dans la version suivante, les contributeurs formés au "
        "RGAA.</p><p>Plan d'action 2027 : audit complet des 106 critères sur l'ensemble des "
        "gabarits par un auditeur externe, et restitution testée avec les lecteurs d'écran NVDA "
        "et VoiceOver.</p>"
    ),
    "out_of_scope": (
        "<p>Les documents déposés par les membres dans l'espace d'une promotion et les vidéos "
        "des webinaires hébergées par des tiers.</p>"
    ),
    "technologies": "HTML5\nCSS (système de design de l'État, DSFR)\nSVG\nJavaScript\nWAI-ARIA",
    "test_environment": (
        "Chromium (Debian) sous Linux, au clavier seul, à 320 px de large et zoomé à 200 %"
    ),
    "tools": (
        "axe-core (WCAG 2.0, 2.1 et 2.2 A et AA)\nNu Html Checker (vnu)\n"
        "Tests automatisés du portail : critères vérifiables par machine, page par page\n"
        "pdfinfo (poppler-utils) pour le balisage des PDF\nCalcul des contrastes (WCAG)"
    ),
    "pages_checked": (
        "Accueil — /\nUne fiche SPASER\nListe des clauses filtrée\nUn webinaire\n"
        "Résultats de recherche — /recherche/\nUn sujet du forum\n"
        "Étapes de l'autodiagnostic — /diagnostic/\nRésultat de l'autodiagnostic et ses "
        "graphiques\nHistorique des autodiagnostics\nEspace privé d'une promotion\n"
        "Inscription et connexion, avec erreurs"
    ),
}


def _accessibility_statement(home):
    existing = AccessibilityStatementPage.objects.first()
    if existing:
        return existing
    # Earlier demos published the statement as a plain page under the same address.
    StandardPage.objects.filter(slug="accessibilite").delete()
    audit = dict(ACCESSIBILITY_AUDIT)
    non_conformities = [
        ("criterion", {"criterion": number, "description": text})
        for number, text in audit.pop("non_conformities")
    ]
    return home.add_child(
        instance=AccessibilityStatementPage(
            title="Déclaration d'accessibilité",
            slug="accessibilite",
            entity_name="Entraide SPASER",
            contact_email="contact@entraide-spaser.fr",
            non_conformities=non_conformities,
            **audit,
        )
    )


LEGAL_BODY = """
<h2>Éditeur</h2>
<p>Entraide SPASER est un logiciel libre édité par la communauté de ses contributeurs ; chaque
instance est publiée sous la responsabilité de l'organisme qui la déploie.</p>
<h2>Données personnelles</h2>
<p>Les données de votre compte (nom, adresse électronique, organisation, fonction) servent uniquement
au fonctionnement du portail. Vous choisissez d'apparaître ou non dans l'annuaire des membres et
pouvez demander la suppression de votre compte à tout moment.</p>
"""


def _standard_page(home, slug, title, intro, body):
    existing = StandardPage.objects.filter(slug=slug).first()
    if existing:
        return existing
    return home.add_child(instance=StandardPage(title=title, slug=slug, intro=intro, body=body))


def seed(password, stdout):
    for index, (name, description) in enumerate(THEMES):
        Theme.objects.get_or_create(
            name=name, defaults={"description": description, "sort_order": index}
        )
    for index, name in enumerate(FAMILLES):
        FamilleAchat.objects.get_or_create(name=name, defaults={"sort_order": index})
    for index, name in enumerate(COLLECTIVITE_TYPES):
        CollectiviteType.objects.get_or_create(name=name, defaults={"sort_order": index})
    for name, siren, kind, region, domain in ORGANISATIONS:
        Organisation.objects.update_or_create(
            siren=siren,
            defaults={
                "name": name,
                "kind": term(CollectiviteType, kind),
                "region": region,
                "departement": DEPARTEMENTS[siren],
                "email_domains": domain,
                "validated": True,
            },
        )

    home = _home()
    accessibility = _accessibility_statement(home)
    legal = _standard_page(home, "mentions-legales", "Mentions légales", "", LEGAL_BODY)
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.tagline = (
        "Les acheteurs publics s'entraident pour leur schéma d'achats responsables"
    )
    site_settings.contact_email = "contact@entraide-spaser.fr"
    site_settings.linkedin_url = "https://www.linkedin.com/"
    site_settings.accessibility_status = "non"
    site_settings.accessibility_page = accessibility
    site_settings.legal_page = legal
    site_settings.save()

    for email, first, last, siren, job, role in ACCOUNTS:
        demo_user(email, first, last, password, siren=siren, job_title=job, role=role)
    for email, first, last, siren, job in PENDING_REQUESTS:
        user = demo_user(email, first, last, password, job_title=job)
        membership, created = OrganisationMembership.objects.get_or_create(
            user=user, organisation=organisation(siren)
        )
        if created:
            MembershipEvent.objects.create(
                organisation=membership.organisation,
                member=user,
                actor=user,
                action=MembershipEvent.REQUESTED,
            )
    tour(
        "admin@entraide-spaser.fr",
        "Administratrice",
        "tout le portail, l'administration Wagtail (/admin/) et l'administration Django ; "
        "valider les organisations déclarées",
    )
    tour(
        "moderation@entraide-spaser.fr",
        "Modératrice",
        "la file de modération du forum (/forum/moderation/) et les commentaires à modérer",
    )
    tour(
        "edition@entraide-spaser.fr",
        "Éditeur",
        "publier une fiche, un webinaire ou une clause type dans /admin/ ; "
        "exporter les inscrits d'un webinaire",
    )
    tour(
        "promotions@entraide-spaser.fr",
        "Gestionnaire des promotions",
        "décider les candidatures, programmer les séances, exporter les participants (/admin/)",
    )
    tour(
        "participant@ampmetropole.fr",
        "Participante et référente",
        "décider la demande de rattachement de Léa Fontaine à son organisation",
    )
    tour(
        "lea.fontaine.achats@laposte.net",
        "Membre en attente",
        "une demande de rattachement à la Métropole d'Aix-Marseille-Provence qui attend sa "
        "référente",
    )
    stdout.write(
        f"  portal: {len(ACCOUNTS)} accounts, {Organisation.objects.count()} organisations"
    )
