import pytest

from forum import services
from tests.factories import give_role

from .factories import CategoryFactory, GroupFactory, SeasonedUserFactory


@pytest.fixture(autouse=True)
def _forum_settings(settings):
    settings.FORUM_POST_RATE = (5, 600)
    settings.FORUM_EDIT_WINDOW_MINUTES = 30
    settings.FORUM_NEW_ACCOUNT_DAYS = 3
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def author(db):
    return SeasonedUserFactory(first_name="Maya", last_name="Ribault")


@pytest.fixture
def other(db):
    return SeasonedUserFactory(first_name="Julien", last_name="Vasseur")


@pytest.fixture
def moderator(db):
    user = SeasonedUserFactory(first_name="Violette", last_name="Siméon")
    return give_role(user, "moderator")


@pytest.fixture
def category(db):
    return CategoryFactory(name="Élaborer son SPASER", slug="elaborer-son-spaser")


@pytest.fixture
def promotion_group(db):
    return GroupFactory(name="Promotion 2026")


@pytest.fixture
def private_category(db, promotion_group):
    return CategoryFactory(
        name="Espace de la promotion", slug="espace-promotion", restricted_to=promotion_group
    )


@pytest.fixture
def participant(db, promotion_group):
    user = SeasonedUserFactory(first_name="Aurore", last_name="Caro")
    user.groups.add(promotion_group)
    return user


@pytest.fixture
def topic(author, category):
    return services.create_topic(
        category, author, "Quels indicateurs pour le volet social ?", "Bonjour à tous, ..."
    )


@pytest.fixture
def private_topic(participant, private_category):
    return services.create_topic(
        private_category,
        participant,
        "Compte rendu de la session de codéveloppement",
        "Notes confidentielles de la promotion.",
    )
