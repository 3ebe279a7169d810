"""Migration 0009 drops the free-text cost field and the route-college link; what they held is kept."""

import pytest

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("routes", "0008_region_contact")]
AFTER = [("routes", "0009_drop_free_text_cost_and_colleges")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_the_free_text_cost_and_old_college_links_survive_the_migration():
    apps = migrate(BEFORE)
    try:
        ContentType = apps.get_model("contenttypes", "ContentType")
        RoutePage = apps.get_model("routes", "RoutePage")
        Institution = apps.get_model("routes", "Institution")
        RouteProgramme = apps.get_model("routes", "RouteProgramme")
        Locale = apps.get_model("wagtailcore", "Locale")
        content_type, _ = ContentType.objects.get_or_create(app_label="routes", model="routepage")
        locale = Locale.objects.first() or Locale.objects.create(language_code="nl")
        # A page of its own at the far end of the tree, so it collides with no page another test left behind.
        route = RoutePage.objects.create(
            title="Oude route",
            slug="oude-route",
            path="ZZZZ",
            depth=1,
            content_type=content_type,
            locale=locale,
            for_whom="Voor iedereen.",
            duration="1 jaar",
            cost_and_funding="Je betaalt collegegeld. " * 20,
        )
        windesheim = Institution.objects.create(name="Windesheim", programme="Leraar Technisch Beroepsonderwijs")
        fontys = Institution.objects.create(name="Fontys", programme="PDG")
        RouteProgramme.objects.create(
            route=route, institution=fontys, name="Pedagogisch Didactisch Getuigschrift", sort_order=0
        )
        link = RoutePage.institutions.through
        link.objects.bulk_create(
            [link(routepage_id=route.pk, institution_id=college.pk) for college in (windesheim, fontys)]
        )

        apps = migrate(AFTER)
        RoutePage = apps.get_model("routes", "RoutePage")
        RouteProgramme = apps.get_model("routes", "RouteProgramme")
        route = RoutePage.objects.get(slug="oude-route")
        assert route.cost_note.startswith("Je betaalt collegegeld. Je betaalt")
        assert len(route.cost_note) == 200 and route.cost_note.endswith("…")
        assert list(
            RouteProgramme.objects.filter(route=route).order_by("sort_order").values_list("institution__name", "name")
        ) == [("Fontys", "Pedagogisch Didactisch Getuigschrift"), ("Windesheim", "Leraar Technisch Beroepsonderwijs")]
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
