"""Create the development admin account once, with a random password that is printed only then.

Refuses to run unless DEBUG is on, so it can never create an account on a production site.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

USERNAME = "admin"


class Command(BaseCommand):
    help = "Create a superuser 'admin' with a random password (printed once). Development only (DEBUG=True)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="Where the development server runs, for the admin link (default: %(default)s).",
        )

    def handle(self, *args, base_url, **options):
        if not settings.DEBUG:
            raise CommandError(
                "ensure_dev_admin only runs with DEBUG=True (the development settings, config.settings.dev). "
                "It never creates accounts on a production site; use `manage.py createsuperuser` there."
            )
        admin_url = base_url.rstrip("/") + reverse("wagtailadmin_home")
        User = get_user_model()
        if User.objects.filter(username=USERNAME).exists():
            self.stdout.write(f"The dev admin account '{USERNAME}' already exists; its password is unchanged.")
        else:
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser(username=USERNAME, email="admin@example.org", password=password)
            self.stdout.write(self.style.SUCCESS("Created the dev admin account (the password is shown only now):"))
            self.stdout.write(f"  username: {USERNAME}")
            self.stdout.write(f"  password: {password}")
        self.stdout.write(f"Admin: {admin_url}")
