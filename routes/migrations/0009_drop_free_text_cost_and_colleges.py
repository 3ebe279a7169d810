# The free-text "kosten en financiering" gives way to the structured cost and funding fields (0007), and a route's
# colleges are the ones whose programmes offer it (RouteProgramme, 0005). Nothing is lost on the way: a free text
# moves to the cost note (shortened to fit; the whole text stays in the page's revisions), and a college linked the
# old way without a programme becomes a programme under the college's own programme name.

from django.db import migrations

COST_NOTE_LENGTH = 200


def keep_what_is_dropped(apps, schema_editor):
    RoutePage = apps.get_model("routes", "RoutePage")
    RouteProgramme = apps.get_model("routes", "RouteProgramme")
    for route in RoutePage.objects.all():
        text = " ".join((route.cost_and_funding or "").split())
        if text and not route.cost_note:
            route.cost_note = text if len(text) <= COST_NOTE_LENGTH else text[: COST_NOTE_LENGTH - 1] + "…"
            route.save(update_fields=["cost_note"])
        offered = set(RouteProgramme.objects.filter(route=route).values_list("institution_id", flat=True))
        position = RouteProgramme.objects.filter(route=route).count()
        for institution in route.institutions.exclude(pk__in=offered).order_by("pk"):
            RouteProgramme.objects.create(route=route, institution=institution, name=institution.programme,
                                          sort_order=position)
            position += 1


class Migration(migrations.Migration):

    dependencies = [
        ("routes", "0008_region_contact"),
    ]

    operations = [
        migrations.RunPython(keep_what_is_dropped, migrations.RunPython.noop),
        migrations.RemoveField(model_name="routepage", name="cost_and_funding"),
        migrations.RemoveField(model_name="routepage", name="institutions"),
    ]
