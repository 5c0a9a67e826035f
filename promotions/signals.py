"""Keep each promotion's auth group equal to its participants and mentors."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Membership, Promotion


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
