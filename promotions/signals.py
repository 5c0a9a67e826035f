"""Keep each promotion's auth group equal to its participants and mentors; a new password
revokes the member's private calendar feed."""

from django.conf import settings
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from .models import CalendarToken, Membership, Promotion


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
def sync_promotion_group(sender, instance, raw=False, **kwargs):
    if raw:
        return
    promotion = Promotion.objects.filter(pk=instance.promotion_id).first()
    if promotion is not None:
        promotion.sync_group()


@receiver(post_delete, sender=Promotion)
def delete_promotion_group(sender, instance, **kwargs):
    if instance.group_id:
        instance.group.delete()


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def rotate_feed_on_password_change(sender, instance, raw=False, update_fields=None, **kwargs):
    """A new password (changed, reset or set by an administrator) revokes the private feed's URL:
    whoever had the old password may have copied the address."""
    if raw or instance.pk is None:
        return
    if update_fields is not None and "password" not in update_fields:
        return
    # `set_password` keeps the new raw password on the instance until it is saved: no query for
    # the saves that change something else (a login, a profile).
    if getattr(instance, "_password", None) is None:
        return
    token = CalendarToken.objects.filter(user_id=instance.pk).first()
    if token is not None:
        token.regenerate()
