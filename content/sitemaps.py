"""The sitemap (/sitemap.xml): every live, public page of the site in every language, the Dutch tree under the
site's root page and its translations (the English home page and what is below it, under /en/)."""

from functools import reduce
from operator import or_

from django.db.models import Q

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class SiteInEveryLanguage(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        roots = root.get_translations(inclusive=True).live().values_list("path", flat=True)
        in_a_tree = reduce(or_, (Q(path__startswith=path) for path in roots), Q(pk=root.pk))
        return Page.objects.filter(in_a_tree).live().public().order_by("path").defer_streamfields().specific()
