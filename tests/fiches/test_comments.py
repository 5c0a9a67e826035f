import pytest
from django.contrib.sites.models import Site
from django.core import mail
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_comments.models import CommentFlag
from django_comments_xtd import get_form
from django_comments_xtd.models import XtdComment

from tests.factories import OrganisationFactory, UserFactory, give_role
from tests.fiches.factories import make_fiche

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def established_accounts(settings):
    """These tests are about comments, not the new-account hold (tested below, with 3 days)."""
    settings.FORUM_NEW_ACCOUNT_DAYS = 0


@pytest.fixture
def fiche(index_page):
    return make_fiche(index_page, "Restauration collective")


def comment_data(target, text, **extra):
    data = get_form()(target).generate_security_data()
    data.update({"comment": text, "honeypot": "", "next": target.url, "reply_to": 0})
    data.update(extra)
    return data


def post_comment(client, target, text, **extra):
    return client.post("/commentaires/post/", comment_data(target, text, **extra))


def test_member_posts_a_comment_shown_on_the_fiche(member_client, member, fiche):
    response = post_comment(member_client, fiche, "Nous avons alloti par famille de produits.")
    assert response.status_code == 302
    assert response["Location"].startswith(fiche.url)
    comment = XtdComment.objects.get()
    assert comment.user == member and comment.is_public
    html = member_client.get(fiche.url).content.decode()
    assert "Nous avons alloti par famille de produits." in html
    assert "1 commentaire" in html
    assert 'id="comment-form"' in html


def test_a_comment_is_signed_with_the_member_s_own_name(member_client, member, fiche):
    response = post_comment(member_client, fiche, "Bonjour.", name="L'équipe de modération")
    assert response.status_code == 302
    assert XtdComment.objects.get().user_name == member.get_full_name()


def test_a_member_with_a_long_name_can_comment(client, fiche):
    member = UserFactory(
        first_name="Marie-Bernadette-Éléonore", last_name="de La Tour-Saint-Ygest" * 2
    )
    client.force_login(member)
    response = post_comment(client, fiche, "Un nom de plus de cinquante caractères.")
    assert response.status_code == 302
    assert XtdComment.objects.get().user_name == member.get_full_name()[:50]


def test_anonymous_visitor_cannot_comment(client, fiche):
    html = client.get(fiche.url).content.decode()
    assert "Se connecter pour commenter" in html
    assert 'id="comment-form"' not in html
    response = post_comment(client, fiche, "Message anonyme", name="Anonyme", email="a@b.fr")
    assert response.status_code == 400
    assert not XtdComment.objects.exists()


def test_script_in_a_comment_is_shown_as_text(member_client, fiche, client):
    payload = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
    post_comment(member_client, fiche, payload)
    html = client.get(fiche.url).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in html


def test_reply_notifies_followers_by_email(client, fiche):
    author, replier = UserFactory(), UserFactory()
    client.force_login(author)
    post_comment(client, fiche, "Qui a une clause type ?", followup="on")
    first = XtdComment.objects.get()
    client.force_login(replier)
    mail.outbox.clear()
    response = post_comment(client, fiche, "Voici la nôtre.", reply_to=first.pk)
    assert response.status_code == 302
    reply = XtdComment.objects.exclude(pk=first.pk).get()
    assert reply.parent_id == first.pk and reply.level == 1
    assert [message.to for message in mail.outbox] == [[author.email]]
    body = mail.outbox[0].body
    assert "Voici la nôtre." in body
    assert f"http://testserver{fiche.url}#c{reply.pk}" in body
    assert "http://testserver/commentaires/mute/" in body
    html = mail.outbox[0].alternatives[0][0]
    assert "Voici la n" in html and "<script" not in html


def test_only_two_levels_of_comments(member_client, fiche):
    post_comment(member_client, fiche, "Premier")
    first = XtdComment.objects.get()
    post_comment(member_client, fiche, "Réponse", reply_to=first.pk)
    reply = XtdComment.objects.get(level=1)
    response = post_comment(member_client, fiche, "Réponse à la réponse", reply_to=reply.pk)
    assert response.status_code == 400
    assert XtdComment.objects.count() == 2
    html = member_client.get(fiche.url).content.decode()
    assert f'name="reply_to" value="{first.pk}"' in html
    assert f'name="reply_to" value="{reply.pk}"' not in html


def test_flag_then_moderator_removes(client, fiche, superuser):
    author, reader = UserFactory(), UserFactory()
    client.force_login(author)
    post_comment(client, fiche, "Propos déplacé")
    comment = XtdComment.objects.get()

    client.force_login(reader)
    html = client.get(fiche.url).content.decode()
    assert "Signaler à la modération" in html
    response = client.post(f"/commentaires/flag/{comment.pk}/", {"next": fiche.url})
    assert response.status_code == 302
    assert CommentFlag.objects.filter(comment=comment, flag=CommentFlag.SUGGEST_REMOVAL).exists()
    assert client.get("/commentaires/moderation/").status_code == 403

    client.force_login(superuser)
    queue = client.get("/commentaires/moderation/").content.decode()
    assert "Propos déplacé" in queue
    response = client.post("/commentaires/moderation/", {"comment": comment.pk, "action": "remove"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_removed
    assert "Propos déplacé" not in client.get("/commentaires/moderation/").content.decode()
    page = client.get(fiche.url).content.decode()
    assert "Propos déplacé" not in page
    assert "retiré par la modération" in page


def test_moderator_keeps_a_flagged_comment(client, fiche):
    moderator = UserFactory()
    give_role(moderator, "moderator")
    author, reader = UserFactory(), UserFactory()
    client.force_login(author)
    post_comment(client, fiche, "Avis tranché mais correct")
    comment = XtdComment.objects.get()
    client.force_login(reader)
    client.post(f"/commentaires/flag/{comment.pk}/", {"next": fiche.url})
    client.force_login(moderator)
    client.post("/commentaires/moderation/", {"comment": comment.pk, "action": "keep"})
    comment.refresh_from_db()
    assert not comment.is_removed
    assert not comment.flags.filter(flag=CommentFlag.SUGGEST_REMOVAL).exists()
    assert "Aucun commentaire à modérer" in client.get("/commentaires/moderation/").content.decode()


def test_moderation_queue_requires_login(client):
    response = client.get("/commentaires/moderation/")
    assert response.status_code == 302
    assert "/comptes/login/" in response["Location"]


def test_wagtail_admin_menu_links_to_the_queue(admin_client, home_page):
    html = admin_client.get("/admin/").content.decode()
    assert "/commentaires/moderation/" in html


@pytest.mark.parametrize(
    ("role", "expected"),
    [("member", 403), ("moderator_group", 200), ("staff", 403), ("superuser", 200)],
)
def test_moderation_queue_access_by_role(client, role, expected):
    user = UserFactory(is_staff=role == "staff", is_superuser=role == "superuser")
    if role == "moderator_group":
        give_role(user, "moderator")
    client.force_login(user)
    assert client.get("/commentaires/moderation/").status_code == expected
    assert client.post("/commentaires/moderation/", {"action": "remove"}).status_code in (
        expected if expected == 403 else 404,
    )


def test_anonymous_cannot_flag(client, fiche, member):
    client.force_login(member)
    post_comment(client, fiche, "Un avis")
    client.logout()
    comment = XtdComment.objects.get()
    response = client.post(f"/commentaires/flag/{comment.pk}/", {"next": fiche.url})
    assert response.status_code == 302 and "/comptes/login/" in response["Location"]
    assert not CommentFlag.objects.exists()


def test_comment_validation_errors_do_not_fail(member_client, fiche):
    response = post_comment(member_client, fiche, "")
    assert response.status_code == 200
    assert "Votre commentaire n'a pas été publié" in response.content.decode()
    assert not XtdComment.objects.exists()
    data = comment_data(fiche, "Texte")
    data["security_hash"] = "falsifié"
    assert member_client.post("/commentaires/post/", data).status_code == 400
    assert member_client.post("/commentaires/post/", {"comment": "x"}).status_code == 400


def test_reply_page_needs_a_member(client, member_client, fiche):
    post_comment(member_client, fiche, "Premier")
    comment = XtdComment.objects.get()
    assert member_client.get(f"/commentaires/reply/{comment.pk}/").status_code == 200
    client.logout()
    response = client.get(f"/commentaires/reply/{comment.pk}/")
    assert response.status_code == 302 and "/comptes/login/" in response["Location"]


def _comments_from_members_of_organisations(fiche, count):
    site = Site.objects.get_current()
    for number in range(count):
        author = UserFactory()
        author.profile.organisation = OrganisationFactory()
        author.profile.save()
        XtdComment.objects.create(
            content_object=fiche, site=site, user=author, comment=f"Retour n° {number}"
        )


@pytest.mark.parametrize("viewer", ["visitor", "member"])
def test_fiche_page_query_count_does_not_grow_with_comments(client, index_page, member, viewer):
    few = make_fiche(index_page, "Fiche peu commentée")
    many = make_fiche(index_page, "Fiche très commentée")
    _comments_from_members_of_organisations(few, 2)
    _comments_from_members_of_organisations(many, 25)
    if viewer == "member":
        client.force_login(member)
    client.get(few.url)  # warms the site and settings caches
    counts = []
    for fiche in (few, many):
        cache.clear()  # measure the page itself, not the page cache
        caches["pages"].clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(fiche.url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert "Retour n° 24" in response.content.decode()
    assert counts[0] == counts[1]


def test_a_new_account_s_first_comment_waits_like_its_first_forum_post(client, fiche, settings):
    settings.FORUM_NEW_ACCOUNT_DAYS = 3
    from datetime import timedelta

    from django.utils import timezone

    from forum import services as forum_services
    from portal.moderation import must_wait

    newcomer = UserFactory(date_joined=timezone.now() - timedelta(hours=1))
    assert must_wait(newcomer) and forum_services.should_hold(newcomer)
    client.force_login(newcomer)
    response = post_comment(client, fiche, "Premier message d'un nouveau compte.")
    assert response.status_code in (200, 302)
    comment = XtdComment.objects.get()
    assert comment.is_public is False
    assert "Premier message" not in client.get(fiche.url).content.decode()
    # Once a moderator publishes it, the next contributions (comments and posts) go out at once.
    comment.is_public = True
    comment.save()
    assert not must_wait(newcomer) and not forum_services.should_hold(newcomer)
    post_comment(client, fiche, "Deuxième message.")
    assert XtdComment.objects.filter(is_public=True).count() == 2


def test_a_seasoned_account_comments_at_once(client, fiche, settings):
    settings.FORUM_NEW_ACCOUNT_DAYS = 3
    from datetime import timedelta

    from django.utils import timezone

    seasoned = UserFactory(date_joined=timezone.now() - timedelta(days=30))
    client.force_login(seasoned)
    post_comment(client, fiche, "Bonjour.")
    assert XtdComment.objects.get().is_public is True


def test_a_new_account_s_approved_forum_post_lets_its_comments_out_at_once(client, fiche, settings):
    """One policy: a forum post a moderator approved counts for the comments too."""
    from forum import services as forum_services
    from forum.models import Post
    from tests.forum.factories import CategoryFactory

    settings.FORUM_NEW_ACCOUNT_DAYS = 3
    newcomer = UserFactory()  # joined just now
    topic = forum_services.create_topic(CategoryFactory(), newcomer, "Première question", "Texte")
    first = topic.posts.get()
    assert first.status == Post.Status.HELD
    client.force_login(newcomer)
    post_comment(client, fiche, "Mon premier commentaire.")
    assert XtdComment.objects.get().is_public is False

    forum_services.set_post_status(first, Post.Status.PUBLISHED)
    post_comment(client, fiche, "Mon deuxième commentaire.")
    assert XtdComment.objects.get(comment="Mon deuxième commentaire.").is_public is True


def test_a_new_account_s_comment_approved_in_the_queue_lets_its_forum_posts_out(
    client, fiche, settings
):
    from django.urls import reverse

    from forum.models import Post
    from tests.forum.factories import CategoryFactory

    settings.FORUM_NEW_ACCOUNT_DAYS = 3
    newcomer = UserFactory()
    category = CategoryFactory()
    client.force_login(newcomer)
    post_comment(client, fiche, "Une question sur l'allotissement.")
    comment = XtdComment.objects.get()
    assert comment.is_public is False

    moderator = give_role(UserFactory(), "moderator")
    client.force_login(moderator)
    queue = client.get(reverse("comments_moderation")).content.decode()
    assert "Une question sur l&#x27;allotissement." in queue
    client.post(reverse("comments_moderation"), {"comment": comment.pk, "action": "keep"})
    comment.refresh_from_db()
    assert comment.is_public is True

    client.force_login(newcomer)
    client.post(
        reverse("forum:topic_create", args=[category.slug]),
        {"title": "Allotissement", "body": "Comment alloter un marché de denrées ?"},
    )
    assert Post.objects.get(author=newcomer).status == Post.Status.PUBLISHED


@pytest.mark.parametrize("value", ["abc", "²", "1_0", ""])
def test_the_comment_queue_answers_404_to_a_comment_that_is_not_a_number(client, value):
    from django.urls import reverse

    client.force_login(give_role(UserFactory(), "moderator"))
    response = client.post(reverse("comments_moderation"), {"comment": value, "action": "keep"})
    assert response.status_code == 404


def test_the_thread_counts_the_comments_it_shows_and_is_read_in_one_query(client, fiche):
    site = Site.objects.get_current()
    shown = [
        XtdComment.objects.create(content_object=fiche, site=site, user=UserFactory(), comment=text)
        for text in ("Premier retour", "Second retour")
    ]
    XtdComment.objects.create(
        content_object=fiche, site=site, user=UserFactory(), comment="En attente", is_public=False
    )
    removed = XtdComment.objects.create(
        content_object=fiche, site=site, user=UserFactory(), comment="Propos déplacé"
    )
    CommentFlag.objects.create(
        comment=shown[0], user=UserFactory(), flag=CommentFlag.SUGGEST_REMOVAL
    )
    removed.is_removed = True
    removed.save()
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as queries:
        html = client.get(fiche.url).content.decode()
    assert "2 commentaires" in html and "retiré par la modération" in html
    assert "Premier retour" in html and "En attente" not in html
    comment_queries = [q["sql"] for q in queries.captured_queries if "django_comment" in q["sql"]]
    assert len(comment_queries) == 1
