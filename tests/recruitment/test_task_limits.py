"""Every Celery task of the project has a soft and a hard time limit, and stops at the soft one (no broad except
swallows it): the work it leaves stays pending in the database for the next run."""

from unittest import mock

import pytest
from celery.exceptions import SoftTimeLimitExceeded

from config.celery import app

PROJECT_APPS = ("recruitment.", "routes.", "content.", "config.")


def project_tasks():
    app.loader.import_default_modules()
    return sorted(name for name in app.tasks if name.startswith(PROJECT_APPS))


def test_every_project_task_has_a_soft_limit_below_its_hard_limit():
    names = project_tasks()
    assert "recruitment.tasks.send_due_reminders" in names and "routes.tasks.remind_stale_route_facts" in names
    for name in names:
        task = app.tasks[name]
        assert task.soft_time_limit and task.time_limit, name
        assert 0 < task.soft_time_limit < task.time_limit, name


@pytest.mark.django_db
def test_the_scan_stops_at_the_soft_limit_and_leaves_the_message_pending(make_registration):
    from recruitment.models import MessageState, OutgoingMessage
    from recruitment.tasks import send_due_reminders

    registration = make_registration()
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=SoftTimeLimitExceeded()):
        with pytest.raises(SoftTimeLimitExceeded):
            send_due_reminders.apply(throw=True)
    assert OutgoingMessage.objects.filter(registration=registration, state=MessageState.PENDING).exists()
    assert not OutgoingMessage.objects.filter(registration=registration, state=MessageState.FAILED).exists()


@pytest.mark.django_db
def test_the_route_reminders_stop_at_the_soft_limit():
    from routes.tasks import remind_stale_route_facts

    with (
        mock.patch("routes.tasks.due_routes") as due,
        mock.patch("routes.tasks.remind_editors", side_effect=SoftTimeLimitExceeded()),
    ):
        due.return_value.values_list.return_value = [1, 2]
        with pytest.raises(SoftTimeLimitExceeded):
            remind_stale_route_facts.apply(throw=True)
