from django.dispatch import receiver
from wagtail.signals import page_published

from .models import WebinarPage
from .registration import fill_free_seats


@receiver(page_published, sender=WebinarPage)
def promote_after_capacity_change(sender, instance, **kwargs):
    """An editor who adds seats gives them to the people waiting, in order."""
    if instance.registrations.filter(status="waiting").exists():
        fill_free_seats(instance)
