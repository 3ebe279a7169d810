"""Everything staff and editors read in the admin is Dutch: every admin view of recruitment, routes and content, as a
recruitment staff member, as an editor (Wagtail's "Editors" group) and, for what only administrators open, as a
superuser. The admin's language is nl; Wagtail's own Dutch ("Filter", "Download") is Dutch."""

import io
import re
from html.parser import HTMLParser
from pprint import pformat

import pytest
from openpyxl import load_workbook

from django.contrib.auth.models import Group, User

from wagtail.models import Site

from content.models import GlossaryTerm, PracticeExample, StandardPage
from recruitment.models import MessageState, RegionAssignment, RegionFollowUp, StopReason
from recruitment.permissions import RECRUITMENT_STAFF_GROUP
from routes.models import Institution, Region, Source
from tests.recruitment.factories import FollowUpFactory, OutgoingMessageFactory, RegistrationFactory
from tests.site.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

# English that must not reach staff, as whole words (case-sensitive: "Add" is English, "add" in a URL is not shown).
ENGLISH = [
    "Password",
    "Withdrawal token",
    "None",
    "True",
    "False",
    "Created at",
    "Updated at",
    "Inspect",
    "Edit",
    "Delete",
    "Add",
    "Search",
    "Export",
    "results",
    "There are no",
    "Are you sure",
    "Yes",
    "No",
    "Save",
    "Cancel",
    "Actions",
    "Choose",
    "Clear",
    "Sort",
    "Select",
    "items",
]
# Stored values that only code should see: what staff read is the label.
RAW_VALUES = [
    "techniek",
    "hbo",
    "e-mail",
    "new",
    "reminder_day_7",
    "confirmation",
    "notification",
    "sent",
    "pending",
    "werven",
]
# A stored kind or a field name ("reminder_day_7", "contact_due_at"): Dutch text has no snake_case.
SNAKE_CASE = re.compile(r"(?<![\w@.-])[a-z]+(?:_[a-z0-9]+)+(?![\w@-])")
SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "data-w-tooltip-content-value")


class VisibleText(HTMLParser):
    """The text a person reads or hears: element text (not scripts, styles or what is ``hidden``) and the attributes
    that are shown or read out. Each piece keeps its own place, so a check can tell a table cell from a sentence."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces = []
        self.open = []  # (tag, unseen) for each open element

    @property
    def unseen(self):
        return any(unseen for _, unseen in self.open)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        unseen = tag in ("script", "style") or "hidden" in attributes
        if tag not in self.VOID:
            self.open.append((tag, unseen))
        if unseen or self.unseen:
            return
        for name in SHOWN_ATTRIBUTES:
            if attributes.get(name):
                self.pieces.append(attributes[name].strip())
        if tag == "input" and attributes.get("type") in ("submit", "button") and attributes.get("value"):
            self.pieces.append(attributes["value"].strip())

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        if not self.unseen and data.strip():
            self.pieces.append(" ".join(data.split()))


def visible_pieces(html):
    parser = VisibleText()
    parser.feed(html)
    return parser.pieces


def english_in(html):
    found = []
    for piece in visible_pieces(html):
        for word in ENGLISH:
            if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", piece):
                found.append(f"{word!r} in {piece[:120]!r}")
        if piece in RAW_VALUES:
            found.append(f"stored value {piece!r} shown as it is")
        found += [f"code name {name!r} in {piece[:120]!r}" for name in SNAKE_CASE.findall(piece)]
    return found


@pytest.fixture
def site_content(home_page):
    region = Region.objects.create(name="Oost", provinces="Overijssel", is_default=True)
    Institution.objects.create(name="Hogeschool Oost", programme="Leraar techniek", region=region)
    Source.objects.create(title="Bekostigingsregels", publisher="DUO", code="duo-2026")
    PracticeExample.objects.create(title="Van monteur tot docent", region="Zwolle", theme="werven", summary="Kort.")
    GlossaryTerm.objects.create(term="PDG", full_name="Pedagogisch didactisch getuigschrift", explanation="Uitleg.")
    StandardPageFactory(parent=home_page, title="Contact", slug="contact")
    registration = RegistrationFactory(name="Anna de Vries", region=region, message="", phone="")
    registration.messages.filter(kind="confirmation").update(state=MessageState.SENT)
    FollowUpFactory(registration=registration, note="")
    OutgoingMessageFactory(registration=registration, kind="reminder_day_7", state=MessageState.FAILED, attempts=8)
    return {"region": region, "registration": registration}


@pytest.fixture
def staff(site_content):
    user = User.objects.create_user("opvolger", "opvolger@example.org", "Opvolg-wachtwoord-1")
    user.groups.add(Group.objects.get(name=RECRUITMENT_STAFF_GROUP))
    return user


@pytest.fixture
def editor(site_content):
    user = User.objects.create_user("redacteur", "redacteur@example.org", "Redactie-wachtwoord-1")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def administrator(site_content, staff):
    user = User.objects.create_superuser("beheer", "beheer@example.org", "Beheer-wachtwoord-1")
    RegionAssignment.objects.create(user=staff).regions.set([site_content["region"]])
    return user


def crawl(client, user, urls):
    """Every url as the user: it must open, and show no English; all findings at once."""
    client.force_login(user)
    findings = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.get("Location"))
        found = english_in(response.content.decode())
        if found:
            findings[url] = found
    return findings


def test_recruitment_staff_read_dutch(client, staff, site_content):
    registration = site_content["registration"]
    urls = ["/admin/", "/admin/aanmeldingen/", f"/admin/aanmeldingen/inspect/{registration.pk}/"]
    urls += ["/admin/aanmeldingen/?status=new", "/admin/aanmeldingen/results/?q=zzz"]
    urls += ["/admin/afwezigheid/", "/admin/afwezigheid/new/", "/admin/rapportage-opvolging/"]

    findings = crawl(client, staff, urls)
    assert not findings, pformat(findings)


def test_the_export_is_dutch(client, staff, site_content):
    client.force_login(staff)
    text = b"".join(client.get("/admin/aanmeldingen/", {"export": "csv"}).streaming_content).decode("utf-8-sig")

    cells = [cell for line in text.splitlines() for cell in line.split(";")]
    assert not [cell for cell in cells if cell in ("None", "True", "False", *RAW_VALUES)]

    workbook = load_workbook(
        io.BytesIO(b"".join(client.get("/admin/aanmeldingen/", {"export": "xlsx"}).streaming_content))
    )
    assert workbook.sheetnames == ["Aanmeldingen"]
    values = [value for row in workbook.active.values for value in row]
    assert not [value for value in values if value in ("None", "True", "False", *RAW_VALUES)]


def test_editors_read_dutch(client, editor, site_content):
    region = site_content["region"]
    site = Site.objects.get(is_default_site=True)
    urls = ["/admin/"]
    for app_label, model, obj in (
        ("routes", "region", region),
        ("routes", "institution", Institution.objects.get()),
        ("routes", "source", Source.objects.get()),
        ("content", "practiceexample", PracticeExample.objects.get()),
        ("content", "glossaryterm", GlossaryTerm.objects.get()),
    ):
        base = f"/admin/snippets/{app_label}/{model}/"
        urls += [base, f"{base}?q=zzz", f"{base}add/", f"{base}edit/{obj.pk}/", f"{base}history/{obj.pk}/"]
        urls += [f"{base}usage/{obj.pk}/"]
        if model != "region":  # editors do not delete regions
            urls.append(f"{base}delete/{obj.pk}/")
    page = StandardPage.objects.get()
    urls += [
        f"/admin/pages/{page.get_parent().pk}/",
        f"/admin/pages/{page.pk}/edit/",
        f"/admin/pages/{page.pk}/history/",
    ]
    urls.append(f"/admin/settings/content/sitesettings/{site.pk}/")
    urls.append("/admin/reports/routes-te-controleren/")

    findings = crawl(client, editor, urls)
    assert not findings, pformat(findings)


def test_administrators_read_dutch_in_the_recruitment_settings(client, administrator, site_content):
    assignment = RegionAssignment.objects.get()
    base = "/admin/regiotoewijzingen/"
    urls = [base, f"{base}new/", f"{base}edit/{assignment.pk}/", f"{base}delete/{assignment.pk}/"]
    reason = StopReason.objects.first() or StopReason.objects.create(name="Andere baan gevonden")
    follow_up = RegionFollowUp.objects.create(
        region=site_content["region"], follow_up_emails="oost@example.org", coordinator_email="coordinator@example.org"
    )
    for base, obj in (("/admin/redenen-om-te-stoppen/", reason), ("/admin/opvolging-per-regio/", follow_up)):
        urls += [base, f"{base}new/", f"{base}edit/{obj.pk}/"]
    urls += ["/admin/afwezigheid/", f"/admin/aanmeldingen/inspect/{site_content['registration'].pk}/"]

    findings = crawl(client, administrator, urls)
    assert not findings, pformat(findings)
