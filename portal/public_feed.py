"""The base of the portal's RSS and Atom feeds: their links on the public address
(portal.public_url), whatever host the request came by."""

import copy

from django.contrib.syndication.views import Feed

from .public_url import absolute_url


class PublicFeed(Feed):
    """A feed whose methods may read `self.request`: it is set on a copy made for each request,
    which keeps the instance the URLconf shares free of request state."""

    def __call__(self, request, *args, **kwargs):
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())
