from allauth.account.signals import email_confirmed
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save, pre_delete, pre_save
from django.dispatch import receiver
from django_comments.signals import comment_will_be_posted
from django_comments_xtd.models import TmpXtdComment, XtdComment

from .models import Organisation, Profile
from .moderation import must_wait


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        Profile.objects.get_or_create(user=instance)


@receiver(comment_will_be_posted, sender=TmpXtdComment)
def sign_with_the_member_s_name(sender, comment, request, **kwargs):
    """A comment is signed with its author's account name, whatever `name` the POST carried."""
    user = request.user
    if user.is_authenticated:
        limit = XtdComment._meta.get_field("user_name").max_length
        comment.user_name = (user.get_full_name() or user.get_username())[:limit]
    return True


@receiver(comment_will_be_posted, sender=TmpXtdComment)
def hold_first_comment_of_a_new_account(sender, comment, request, **kwargs):
    """Comments follow the forum's policy (portal.moderation): a new account's first
    contribution waits for a moderator in the comments queue."""
    if request.user.is_authenticated and must_wait(request.user):
        comment.is_public = False
    return True


@receiver(comment_will_be_posted, sender=TmpXtdComment)
def refuse_invalid_replies(sender, comment, request, **kwargs):
    """A reply must answer a visible comment on the same object, within the thread depth.

    django-comments-xtd would otherwise raise (HTTP 500) for a too-deep or unknown `reply_to`;
    returning False makes the post a clean 400.
    """
    parent_id = getattr(comment, "parent_id", 0)
    if not parent_id:
        return True
    parent = XtdComment.objects.filter(
        pk=parent_id,
        content_type=comment.content_type,
        object_pk=comment.object_pk,
        is_removed=False,
    ).first()
    return parent is not None and parent.allow_thread()


@receiver(pre_save, sender=XtdComment)
def lock_thread_before_reply(sender, instance, raw=False, **kwargs):
    """django-comments-xtd places a reply after the thread's last one (a max + 1 read without
    lock): two replies posted at once would share a place. The thread's first comment is
    locked until the post's transaction ends, so replies take their places one at a time.

    Comment posts run in a transaction (portal.urls); outside one (a script) there is no
    concurrent poster and nothing to lock.
    """
    if raw or instance.pk is not None or not instance.parent_id:
        return
    if not transaction.get_connection().in_atomic_block:
        return
    thread = XtdComment.objects.filter(pk=instance.parent_id).values("thread_id")
    list(XtdComment.objects.select_for_update().filter(pk__in=thread).values_list("pk"))


@receiver(pre_save, sender=Organisation)
def remember_validation(sender, instance, raw=False, **kwargs):
    before = None
    if not raw and instance.pk is not None:
        before = (
            Organisation.objects.filter(pk=instance.pk).values("validated", "email_domains").first()
        )
    instance._before = before


@receiver(post_save, sender=Organisation)
def follow_validation_and_domains(sender, instance, created, raw=False, **kwargs):
    """Staff validated a declared organisation (its requesters are told), or declared a new
    domain: the pending requests from addresses at its domains are verified."""
    before = getattr(instance, "_before", None)
    if raw or created or before is None or not instance.validated:
        return
    from . import organisations

    if not before["validated"]:
        transaction.on_commit(lambda: organisations.organisation_validated(instance))
    elif before["email_domains"] != instance.email_domains:
        transaction.on_commit(lambda: organisations.verify_requests_by_domain(instance))


@receiver(pre_delete, sender=Organisation)
def tell_requesters_when_refused(sender, instance, **kwargs):
    """Staff delete a pending organisation: its requesters learn that it was not accepted."""
    if instance.validated:
        return
    from . import organisations

    emails = list(instance.memberships.values_list("user__email", flat=True))
    organisations.notify_organisation_refused(instance, emails)


@receiver(email_confirmed)
def join_organisations_of_the_domain(sender, request, email_address, **kwargs):
    from . import organisations

    organisations.verify_by_domain(email_address.user)
