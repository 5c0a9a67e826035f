"""The replay's video player, through Wagtail's embeds (oEmbed), with its failures remembered.

Wagtail stores successful embeds; a failure is remembered here for FAILURE_SECONDS, so an
unreachable video provider does not slow every view of the replay down.
"""

from django.core.cache import cache
from wagtail.embeds import embeds
from wagtail.embeds.exceptions import EmbedException

FAILURE_SECONDS = 3600


def replay_embed(url):
    """The embed of the video at `url`, or None while its provider fails."""
    failed_key = f"ressources:embed-failed:{embeds.get_embed_hash(url)}"
    if cache.get(failed_key):
        return None
    try:
        return embeds.get_embed(url)
    except EmbedException:
        cache.set(failed_key, True, FAILURE_SECONDS)
        return None
