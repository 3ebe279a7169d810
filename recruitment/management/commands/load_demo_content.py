"""Build the whole demo site: the page tree, snippets and settings of every app, in one transaction.

It lives in ``recruitment``, the top app, because it is the one app that may use all the others. Running it again
changes nothing: every step looks its objects up by slug or natural key and only writes what differs.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

import content.demo
import routes.demo

# Each step builds on the ones before it: content makes the home page and the site, routes hang under the home page.
# A step takes a shared context dict (home page, routes, ...), adds what later steps need and returns a Tally.
STEPS = [
    ("content", content.demo.load),
    ("routes", routes.demo.load),
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
