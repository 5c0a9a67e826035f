"""Demo content of the site itself: taxonomy, organisations, accounts, home and legal pages.

Every seeder is idempotent (get_or_create on natural keys) so `seed_demo` can run again safely.
Other apps' seeders use the helpers below (`demo_user`, `organisation`, `add_nav_link`).
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from .models import (
    CollectiviteType,
    FamilleAchat,
    HomePage,
    Organisation,
    SiteSettings,
    StandardPage,
    Theme,
)

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
    ("Métropole d'Aix-Marseille-Provence", "200054807", "Métropole", "PAC"),
    ("Nantes Métropole", "244400404", "Métropole", "PDL"),
    ("Bordeaux Métropole", "243300316", "Métropole", "NAQ"),
    ("Ville de Dunkerque", "215901836", "Commune", "HDF"),
    ("Région Bretagne", "233500016", "Région", "BRE"),
    ("Département de la Gironde", "223300013", "Département", "NAQ"),
    ("Grand Paris Sud Est Avenir", "200058006", "Établissement public territorial", "IDF"),
    ("Rennes Métropole", "243500139", "Métropole", "BRE"),
    ("Ville de Lille", "215903501", "Commune", "HDF"),
    ("Montpellier Méditerranée Métropole", "243400017", "Métropole", "OCC"),
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


def term(model, name):
    return model.objects.get(name=name)


def organisation(siren):
    return Organisation.objects.get(siren=siren)


# Every account the seeders create, in order, so `seed_demo` can list them with their password.
SEEDED_ACCOUNTS: dict[str, str] = {}


def demo_user(email, first_name, last_name, password, siren=None, job_title="", role="member"):
    """A verified account (allauth EmailAddress) with its profile; returns the user."""
    SEEDED_ACCOUNTS[email] = role
    user_model = get_user_model()
    user, _created = user_model.objects.get_or_create(
        email=email,
        defaults={"username": email.split("@")[0] + "-" + email.split("@")[1].split(".")[0]},
    )
    user.first_name, user.last_name = first_name, last_name
    user.is_staff = role in ("admin", "moderator")
    user.is_superuser = role == "admin"
    user.set_password(password)
    user.save()
    if role == "moderator":
        user.groups.add(Group.objects.get(name="Moderators"))
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    profile = user.profile
    profile.organisation = organisation(siren) if siren else None
    profile.job_title = job_title
    profile.in_directory = True
    profile.save()
    return user


def home_page():
    return HomePage.objects.get()


def add_nav_link(label, url):
    """Adds a main-navigation entry to the default site's settings, once."""
    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    links = [dict(block.value) for block in site_settings.main_navigation]
    if any(link["label"] == label for link in links):
        return
    site_settings.main_navigation.append(("link", {"label": label, "url": url, "page": None}))
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


ACCESSIBILITY_BODY = """
<p>L'équipe d'Entraide SPASER s'engage à rendre son site internet accessible conformément à
l'article 47 de la loi n° 2005-102 du 11 février 2005.</p>
<h2>État de conformité</h2>
<p>Le site Entraide SPASER est <b>non conforme</b> avec le référentiel général d'amélioration de
l'accessibilité (RGAA) version 4.1 : aucun audit n'a encore été réalisé. Un audit est prévu ; cette
déclaration sera mise à jour avec ses résultats.</p>
<h2>Retour d'information et contact</h2>
<p>Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez écrire à
contact@entraide-spaser.fr pour être orienté vers une alternative accessible ou obtenir le contenu
sous une autre forme.</p>
<h2>Voies de recours</h2>
<p>Si vous constatez un défaut d'accessibilité vous empêchant d'accéder à un contenu ou à une
fonctionnalité du site, que vous nous le signalez et que vous ne parvenez pas à obtenir une réponse
de notre part, vous pouvez écrire au Défenseur des droits ou contacter son délégué dans votre région.</p>
"""

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
    for name, siren, kind, region in ORGANISATIONS:
        Organisation.objects.get_or_create(
            siren=siren,
            defaults={"name": name, "kind": term(CollectiviteType, kind), "region": region},
        )

    home = _home()
    accessibility = _standard_page(
        home,
        "accessibilite",
        "Déclaration d'accessibilité",
        "Accessibilité : non conforme.",
        ACCESSIBILITY_BODY,
    )
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
    stdout.write(
        f"  portal: {len(ACCOUNTS)} accounts, {Organisation.objects.count()} organisations"
    )
