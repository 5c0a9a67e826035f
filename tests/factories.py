"""Factories shared by every app's tests."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from diagnostic.sample import luhn_key
from portal.models import (
    CollectiviteType,
    FamilleAchat,
    Organisation,
    OrganisationMembership,
    Theme,
)

PASSWORD = "Mot-de-passe-test-2026"


class CollectiviteTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectiviteType
        django_get_or_create = ("name",)

    name = factory.Iterator(["Métropole", "Commune", "Département", "Région"])


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("name",)

    name = factory.Iterator(
        ["Social", "Environnemental", "Économique", "Gouvernance", "Indicateurs"]
    )


class FamilleAchatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FamilleAchat
        django_get_or_create = ("name",)

    name = factory.Iterator(["Bâtiment", "Restauration collective", "Numérique"])


def _valid_siren(n):
    """The n-th 9-digit number starting with 2 whose Luhn key is valid."""
    base = f"2{n:07d}"
    return base + luhn_key(base)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Collectivité n° {n}")
    siren = factory.Sequence(_valid_siren)
    kind = factory.SubFactory(CollectiviteTypeFactory)
    region = "BRE"


class UserFactory(factory.django.DjangoModelFactory):
    """A member whose email address is verified, so they can log in."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"membre{n}")
    email = factory.Sequence(lambda n: f"membre{n}@collectivite.fr")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class AdminFactory(UserFactory):
    is_staff = True
    is_superuser = True


class MembershipFactory(factory.django.DjangoModelFactory):
    """A membership request (status « requested ») unless told otherwise."""

    class Meta:
        model = OrganisationMembership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    status = OrganisationMembership.REQUESTED


def verified_member(user=None, organisation=None, referent=False):
    """`user` (a new member by default) made a verified member of `organisation`, shown on
    their profile; returns the user."""
    user = user or UserFactory()
    organisation = organisation or OrganisationFactory()
    OrganisationMembership.objects.update_or_create(
        user=user,
        organisation=organisation,
        defaults={"status": OrganisationMembership.VERIFIED, "is_referent": referent},
    )
    user.profile.organisation = organisation
    user.profile.save()
    return user


def give_role(user, role):
    """Puts a user in the group of a role of portal.roles: "editor", "promotion_manager", "moderator"."""
    from portal.roles import role_group

    user.groups.add(role_group(role))
    # Permissions are cached on the user object.
    for cache in ("_perm_cache", "_group_perm_cache", "_user_perm_cache"):
        user.__dict__.pop(cache, None)
    return user
