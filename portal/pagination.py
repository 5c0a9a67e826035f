"""One way to page a list, for every listing of the site.

`paginate(request, items, per_page)` reads `?page=` as ASCII digits (portal.numbers: anything
else is page 1, a number past the end shows the last page) and gives the page the links the DSFR
pagination shows (`{% dsfr_pagination page_obj %}`, templates/dsfr/pagination.html): its elided
range of page numbers, `page_obj.pages_list`. A list paged another way (the search results, read
from the index one page at a time) adds the same links with `with_page_links`.
"""

from django.core.paginator import Paginator

from .numbers import page_number


def paginate(request, items, per_page):
    page_obj = Paginator(items, per_page).get_page(page_number(request.GET.get("page")))
    return with_page_links(page_obj)


def with_page_links(page_obj):
    page_obj.pages_list = list(
        page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
    )
    return page_obj
