"""A registration nobody contacted, past the coordinator's last warning, is not forgotten: staff see it as
"verlopen" in the list and can filter on it."""

from datetime import timedelta

import pytest

from django.utils import timezone

pytestmark = pytest.mark.django_db
INDEX = "/admin/aanmeldingen/"


def test_staff_see_and_filter_expired_registrations(client, staff_user, make_registration):
    # Local wall-clock arithmetic: "70 days ago" is the same Amsterdam time of day 70 calendar days back, also across
    # a change of summer time (in UTC arithmetic the late evening would land on the next local day).
    now = timezone.localtime()
    expired = make_registration(name="Vergeten Vera", created_at=now - timedelta(days=70))
    overdue = make_registration(name="Late Lars", created_at=now - timedelta(days=40))
    client.force_login(staff_user)

    html = client.get(INDEX).content.decode()
    assert "Verlopen: 40 dagen over de termijn, geen waarschuwingen meer" in html
    assert "Te laat: 10 dagen over de termijn" in html

    expired_only = client.get(INDEX + "?deadline=expired").content.decode()
    assert expired.name in expired_only and overdue.name not in expired_only
    overdue_list = client.get(INDEX + "?deadline=overdue").content.decode()
    assert expired.name in overdue_list and overdue.name in overdue_list, "expired is still overdue"
    inspect = client.get(f"/admin/aanmeldingen/inspect/{expired.pk}/").content.decode()
    assert "Verlopen" in inspect
