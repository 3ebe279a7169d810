import pytest

from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo site, loaded once for the module that asks for it and rolled back after it."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("load_demo_content", verbosity=0)
            yield
            transaction.set_rollback(True)


@pytest.fixture
def site(demo_site, db):
    """The demo site, for a test in a module that shares one load (each test runs in a savepoint inside it)."""
    return demo_site
