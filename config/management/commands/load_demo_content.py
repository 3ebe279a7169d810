"""Build the whole demo site: the page tree, snippets and settings of every app, in one transaction.

It lives in ``config``, the project package (an installed app) above the three apps, because it uses all of them
(docs/architecture.md); each app keeps its own demo data in its ``demo`` module. Running it again
changes nothing: every step looks its objects up by slug or natural key and only writes what differs.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

import content.demo
import recruitment.demo
import routes.demo

# Each step builds on the ones before it: content makes the home page, the site and the toolkit; routes hangs the route
# pages and the route finder under the home page and features them there. A step takes the shared context dict
# (home, site, privacy_page, contact_page, regions, institutions, route_index, routes, route_finder), adds what later
# steps need, and returns a content.demo.Tally. The registration page and its demo data (recruitment/demo.py) come as
# a third step, after routes, so it can preselect routes and set the home page's register link. The last step makes
# the English versions of the pages the other steps made (the registration page) and points the English home page's
# buttons at English pages.
STEPS = [
    ("content", content.demo.load),
    ("routes", routes.demo.load),
    ("recruitment", recruitment.demo.load),
    ("content in English", content.demo.load_translations),
]


class Command(BaseCommand):
    help = "Load (or bring up to date) the demo content: pages, colleges, regions, practice examples, settings."

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        context = {}
        with transaction.atomic():
            for name, load in STEPS:
                tally = load(context)
                if verbosity >= 1:
                    self.stdout.write(f"{name}: {tally}")
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS("Demo content is up to date."))
