"""The recruitment staff group (created by migration 0002): admin access, view and change on registrations."""

from django.contrib.auth.models import Group

RECRUITMENT_STAFF_GROUP = "Opvolging aanmeldingen"


def recruitment_staff_group():
    return Group.objects.get(name=RECRUITMENT_STAFF_GROUP)
