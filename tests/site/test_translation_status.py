"""Translators see which pages are out of date against their Dutch source (issue 15): the admin report "Vertalingen"
(Rapporten), a warning on the edit view of an out-of-date translation, and a translation made outside wagtail-localize
taken into its workflow without losing its text. The admin stays Dutch, whatever the browser asks for. The Django test
client against the real admin, wagtail-localize and PostgreSQL."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.wagtail_hooks import page_listing_more_buttons

from django.contrib.auth.models import Group, Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import GroupPagePermission, Locale, Page
from wagtail.rich_text import RichText

from content.models import StandardPage
from content.translation_status import (
    PAGE_BOOKKEEPING,
    SyncWouldChangeTranslation,
    comparable_value,
    fields_a_sync_would_change,
    register_with_localize,
    translation_status,
    translations_with_status,
)
from tests.site.factories import StandardPageFactory
from tests.site.test_admin_dutch import english_in

pytestmark = pytest.mark.django_db

URL = "/admin/reports/vertalingen/"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DUTCH_WRITTEN = datetime(2026, 9, 1, 10, 0, tzinfo=AMSTERDAM)
TRANSLATED = datetime(2026, 9, 15, 10, 0, tzinfo=AMSTERDAM)
DUTCH_CHANGED = datetime(2026, 10, 1, 14, 30, tzinfo=AMSTERDAM)
TRANSLATION_UPDATED = datetime(2026, 10, 20, 9, 0, tzinfo=AMSTERDAM)
LATER = datetime(2026, 11, 2, 9, 0, tzinfo=AMSTERDAM)


def publish(page, at):
    with time_machine.travel(at, tick=False):
        page.specific.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, title, text, at):
    """An English translation as the demo loader makes one: Wagtail's copy_for_translation, then English text in the
    same fields and blocks, published."""
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    english = english.specific
    english.title = title
    if hasattr(english, "body"):
        english.body[0].value = RichText(f"<p>{text}</p>")
        english.intro = f"{text} In short."
    return publish(english, at)


@pytest.fixture
def english_home(home_page):
    publish(home_page, DUTCH_WRITTEN)
    return translate(home_page, "Become a teacher in technology", "", TRANSLATED)


def dutch_page(parent, title, slug, at=DUTCH_WRITTEN):
    page = StandardPageFactory(
        parent=parent,
        title=title,
        slug=slug,
        intro="Wie wij zijn.",
        body=[("paragraph", RichText("<p>Wij helpen technici het onderwijs in.</p>"))],
    )
    return publish(page, at)


@pytest.fixture
def about(home_page, english_home):
    """A Dutch page and its English translation, translated after the Dutch page was written."""
    dutch = dutch_page(home_page, "Over ons", "over-ons")
    english = translate(dutch, "About us", "We help technicians into teaching.", TRANSLATED)
    return dutch, english


def admin_group(name, page, codenames, extra=()):
    group = Group.objects.create(name=name)
    for app_label, codename in (("wagtailadmin", "access_admin"), *extra):
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    for codename in codenames:
        GroupPagePermission.objects.create(
            group=group,
            page=page,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    return group


def user_in(group, username):
    user = User.objects.create_user(username, f"{username}@example.org", "geheim-wachtwoord-8")
    if group is not None:
        user.groups.add(group)
    return user


@pytest.fixture
def editor(db):
    """A new editor as Wagtail's "Editors" group makes one: no language preference of their own."""
    return user_in(Group.objects.get(name="Editors"), "vertaler")


def rows(html):
    """The report's rows of translations as plain text, one per translation."""
    html = html.split('id="nog-niet-vertaald"', 1)[0]
    if "<tbody>" not in html:
        return []
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in body.split("</tr>") if row.strip()]


def untranslated_section(html):
    return html.split('id="nog-niet-vertaald"', 1)[1]


def report(client, user, **params):
    client.force_login(user)
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


# Out of date or not


def test_a_translation_made_after_its_source_is_up_to_date(client, editor, about):
    dutch, english = about
    status = translation_status(english)
    assert (status.source_id, status.out_of_date, status.managed_by_localize) == (dutch.pk, False, False)
    assert status.updated_at == TRANSLATED

    found = rows(report(client, editor))
    about_row = next(row for row in found if row.startswith("About us"))
    assert "Over ons" in about_row and "bijgewerkt" in about_row and "verouderd" not in about_row
    assert "15 september 2026, 10:00" in about_row and "1 september 2026, 10:00" in about_row
    assert "Niet in wagtail-localize" in about_row


def test_publishing_the_dutch_source_later_makes_the_translation_out_of_date_until_it_is_updated(client, editor, about):
    dutch, english = about
    publish(dutch, DUTCH_CHANGED)

    assert translation_status(english).out_of_date
    html = report(client, editor)
    first = rows(html)[0]
    assert first.startswith("About us") and "verouderd" in first
    assert "1 oktober 2026, 14:30" in first and "15 september 2026, 10:00" in first
    assert f'href="/admin/pages/{english.pk}/edit/"' in html
    assert f'href="/admin/pages/{dutch.pk}/edit/"' in html

    publish(english, TRANSLATION_UPDATED)
    assert not translation_status(english).out_of_date
    about_row = next(row for row in rows(report(client, editor)) if row.startswith("About us"))
    assert "bijgewerkt" in about_row and "20 oktober 2026, 09:00" in about_row


def test_a_translation_never_published_is_out_of_date_once_its_source_is_live(home_page, english_home):
    dutch = dutch_page(home_page, "Contact", "contact")
    draft = dutch.copy_for_translation(Locale.objects.get(language_code="en"))
    status = translation_status(draft)
    assert status.updated_at is None and status.out_of_date


def test_out_of_date_translations_come_first_and_the_filter_shows_only_those(client, editor, home_page, about):
    dutch_about, _ = about
    contact = dutch_page(home_page, "Contact", "contact")
    translate(contact, "Contact us", "Write to us.", TRANSLATED)
    publish(contact, DUTCH_CHANGED)

    titles = [row.split(" Engels ")[0] for row in rows(report(client, editor))]
    assert titles == ["Contact us", "About us", "Become a teacher in technology"]

    only_out_of_date = rows(report(client, editor, alleen_verouderd="ja"))
    assert [row.split(" Engels ")[0] for row in only_out_of_date] == ["Contact us"]
    assert "Alleen verouderd" in report(client, editor)

    publish(Page.objects.get(translation_key=contact.translation_key, locale__language_code="en"), TRANSLATION_UPDATED)
    html = report(client, editor, alleen_verouderd="ja")
    assert rows(html) == [] and "Er zijn geen verouderde vertalingen." in html


def test_dutch_pages_without_a_translation_are_listed_apart(client, editor, home_page, about):
    dutch_page(home_page, "Privacyverklaring", "privacy")
    section = untranslated_section(report(client, editor))
    assert "Nog niet vertaald" in report(client, editor)
    assert "Privacyverklaring" in section
    assert "Over ons" not in section and "Word techniekdocent" not in section
    assert "Vertaal Privacyverklaring" in section


def test_without_any_translation_the_report_says_so(client, editor, home_page):
    html = report(client, editor)
    assert "Er zijn nog geen vertaalde pagina's." in html
    assert "Word techniekdocent" in untranslated_section(html)


# Who may see it


def test_the_report_is_in_the_reports_menu_for_editors(client, editor, about):
    client.force_login(editor)
    dashboard = client.get("/admin/").content.decode()
    assert URL in dashboard and '"label": "Vertalingen"' in dashboard
    # wagtail-localize's own report of the translations it manages is named apart.
    assert '"label": "Vertalingen in wagtail-localize"' in dashboard


def test_an_editor_of_one_part_of_the_site_sees_only_the_translations_they_may_edit(client, home_page, about):
    _, english_about = about
    section_editor = user_in(admin_group("Eén vertaling", english_about, ["change_page"]), "deelvertaler")
    assert [row.split(" Engels ")[0] for row in rows(report(client, section_editor))] == ["About us"]


def test_without_page_rights_the_report_is_refused(client, home_page, about):
    no_pages = user_in(admin_group("Alleen beheer", Page.get_first_root_node(), []), "zonderpaginas")
    client.force_login(no_pages)
    response = client.get(URL)
    assert (response.status_code, response.get("Location")) in ((302, "/admin/"), (403, None))
    assert "About us" not in response.content.decode()
    assert URL not in client.get("/admin/").content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client, about):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


# The warning on the edit view


def test_the_edit_view_of_an_out_of_date_translation_warns_and_links_to_the_source(client, editor, about):
    dutch, english = about
    client.force_login(editor)
    edit = f"/admin/pages/{english.pk}/edit/"
    assert "De Nederlandse versie is gewijzigd" not in client.get(edit).content.decode()

    publish(dutch, DUTCH_CHANGED)
    html = client.get(edit).content.decode()
    assert (
        "De Nederlandse versie is gewijzigd op 1 oktober 2026, 14:30, "
        "na de laatste vertaling (15 september 2026, 10:00)." in html
    )
    assert f'<a href="/admin/pages/{dutch.pk}/edit/">Bekijk de Nederlandse versie</a>' in html
    # Once, not again on the next page, and not on the Dutch page's own edit view.
    assert "De Nederlandse versie is gewijzigd" not in client.get("/admin/").content.decode()
    assert "De Nederlandse versie is gewijzigd" not in client.get(f"/admin/pages/{dutch.pk}/edit/").content.decode()


def test_wagtail_localizes_editor_warns_too(client, about):
    dutch, english = about
    with time_machine.travel(TRANSLATION_UPDATED, tick=False):
        register_with_localize(english)
    publish(dutch, LATER)
    client.force_login(User.objects.create_superuser("beheer", "beheer@example.org", "geheim-wachtwoord-7"))
    html = client.get(f"/admin/pages/{english.pk}/edit/").content.decode()
    assert "wagtail-localize" in html or "editTranslation" in html or "edit-translation" in html
    assert "De Nederlandse versie is gewijzigd op 2 november 2026, 09:00" in html
    assert f'<a href="/admin/pages/{dutch.pk}/edit/">Bekijk de Nederlandse versie</a>' in html


# wagtail-localize


def test_register_takes_a_translation_into_wagtail_localize_without_changing_it(client, about):
    dutch, english = about
    before = StandardPage.objects.get(pk=english.pk)
    revisions = english.revisions.count()

    translation = register_with_localize(english)

    after = StandardPage.objects.get(pk=english.pk)
    assert (after.title, after.slug, after.intro, after.live) == (before.title, before.slug, before.intro, True)
    assert list(after.body.raw_data) == list(before.body.raw_data)
    assert after.last_published_at == before.last_published_at
    assert english.revisions.count() == revisions
    assert translation.target_locale.language_code == "en" and translation.enabled
    assert translation.source.get_source_instance().pk == dutch.pk
    assert fields_a_sync_would_change(translation) == []
    # Its text is taken over as the translation of the Dutch strings, place by place.
    texts = set(StringTranslation.objects.filter(locale=english.locale).values_list("data", flat=True))
    assert {"About us", "We help technicians into teaching.", "We help technicians into teaching. In short."} <= texts

    # The Dutch page's "Sync translated pages" knows the translation.
    superuser = User.objects.create_superuser("beheer", "beheer@example.org", "geheim-wachtwoord-7")
    source = TranslationSource.objects.get_for_instance(dutch)
    sync_url = f"/admin/localize/update/{source.pk}/"
    assert sync_url in [button.url for button in page_listing_more_buttons(dutch, superuser)]
    client.force_login(superuser)
    sync_page = client.get(sync_url)
    assert sync_page.status_code == 200
    assert f"/admin/pages/{english.pk}/edit/" in sync_page.content.decode()

    # Registering again changes nothing; syncing and publishing keeps the English text.
    assert register_with_localize(english) == translation
    assert Translation.objects.filter(source=source).count() == 1
    response = client.post(sync_url, {"publish_translations": "on"})
    assert response.status_code == 302
    synced = StandardPage.objects.get(pk=english.pk)
    assert synced.title == "About us" and synced.intro == "We help technicians into teaching. In short."
    assert "We help technicians into teaching." in str(synced.body[0].value)
    assert "Wij helpen" not in str(synced.body[0].value)


def test_a_translation_built_differently_from_its_source_is_not_registered(about):
    """A sync would rebuild it from the Dutch page's blocks and drop its own: so it stays outside wagtail-localize."""
    dutch, english = about
    english.body.append(("paragraph", RichText("<p>Only in English: we also answer questions by phone.</p>")))
    english = publish(english, TRANSLATION_UPDATED)
    body = list(StandardPage.objects.get(pk=english.pk).body.raw_data)

    with pytest.raises(SyncWouldChangeTranslation) as refused:
        register_with_localize(english)
    assert refused.value.fields == ["body"]
    assert not Translation.objects.exists() and not TranslationSource.objects.exists()
    assert not StringTranslation.objects.exists()
    assert list(StandardPage.objects.get(pk=english.pk).body.raw_data) == body

    translation = register_with_localize(english, allow_changes_on_sync=True)
    assert fields_a_sync_would_change(translation) == ["body"]
    assert list(StandardPage.objects.get(pk=english.pk).body.raw_data) == body


def content_of(page):
    page = Page.objects.get(pk=page.pk).specific
    return {
        field.name: comparable_value(field, page)
        for field in type(page)._meta.concrete_fields
        if not field.primary_key and field.name not in PAGE_BOOKKEEPING
    }


def test_the_demo_translations_are_registered_only_when_a_sync_keeps_them(client, demo_content):
    """What the demo loaders may do: each English page is either taken into wagtail-localize so that a sync with
    publish keeps its content, or refused and left as it was."""
    superuser = User.objects.create_superuser("beheer", "beheer@example.org", "geheim-wachtwoord-7")
    client.force_login(superuser)
    english_pages = Page.objects.filter(locale__language_code="en", alias_of__isnull=True, depth__gt=1)
    assert english_pages.exists()
    registered = refused = 0
    for page in english_pages.specific():
        if translation_status(page) is None:
            continue  # no Dutch source
        before = content_of(page)
        try:
            translation = register_with_localize(page)
        except SyncWouldChangeTranslation as error:
            refused += 1
            assert error.fields
            assert not Translation.objects.filter(target_locale=page.locale, source__object_id=page.translation_key)
        else:
            registered += 1
            response = client.post(f"/admin/localize/update/{translation.source_id}/", {"publish_translations": "on"})
            assert response.status_code == 302
        assert content_of(page) == before, page
    assert registered + refused >= 1


def test_a_translation_managed_by_wagtail_localize_is_out_of_date_until_it_is_synced(client, about):
    dutch, english = about
    with time_machine.travel(TRANSLATION_UPDATED, tick=False):
        register_with_localize(english)
    status = translation_status(english)
    assert status.managed_by_localize and not status.out_of_date
    assert status.updated_at == TRANSLATION_UPDATED  # the last sync

    publish(dutch, LATER)
    status = translation_status(english)
    assert status.out_of_date
    superuser = User.objects.create_superuser("beheer", "beheer@example.org", "geheim-wachtwoord-7")
    html = report(client, superuser)
    first = rows(html)[0]
    assert first.startswith("About us") and "verouderd" in first
    assert "Synchroniseren met wagtail-localize" in first
    assert f'href="/admin/localize/update/{status.localize_source_id}/"' in html

    with time_machine.travel(datetime(2026, 11, 3, 9, 0, tzinfo=AMSTERDAM), tick=False):
        assert client.post(f"/admin/localize/update/{status.localize_source_id}/", {}).status_code == 302
    assert not translation_status(english).out_of_date


def test_registering_an_out_of_date_translation_keeps_it_out_of_date(about):
    dutch, english = about
    publish(dutch, DUTCH_CHANGED)
    register_with_localize(english)
    status = translation_status(english)
    assert status.managed_by_localize and status.out_of_date
    assert status.updated_at == TRANSLATED


# One query count for 1 or 50 translations


def report_queries(client, user):
    client.force_login(user)
    client.get(URL)  # the session, the user and Wagtail's once-per-process lookups
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries), response.content.decode()


REPORT_QUERIES = 12


def test_the_report_takes_as_many_queries_for_fifty_translations_as_for_one(client, editor, home_page, english_home):
    one, html = report_queries(client, editor)
    assert len(rows(html)) == 1
    for number in range(49):
        dutch = dutch_page(home_page, f"Pagina {number}", f"pagina-{number}")
        translate(dutch, f"Page {number}", f"Text {number}.", TRANSLATED)
        dutch_page(home_page, f"Nieuw {number}", f"nieuw-{number}")
    publish(Page.objects.get(slug="pagina-7", locale__language_code="nl"), DUTCH_CHANGED)
    fifty, html = report_queries(client, editor)
    assert len(rows(html)) == 50
    assert rows(html)[0].startswith("Page 7")
    assert "Nieuw 48" in untranslated_section(html)
    assert one == fifty == REPORT_QUERIES


def test_the_status_query_is_one_query(about):
    with CaptureQueriesContext(connection) as queries:
        statuses = list(translations_with_status())
    assert len(queries) == 1 and len(statuses) == 2


# The admin stays Dutch


def test_a_new_editors_admin_is_dutch_when_the_browser_asks_for_english(client, editor, about):
    assert not hasattr(editor, "wagtail_userprofile") or not editor.wagtail_userprofile.preferred_language
    client.force_login(editor)
    for url in ("/admin/", URL, f"/admin/pages/{about[1].pk}/edit/"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
        assert response.status_code == 200, url
        html = response.content.decode()
        assert re.search(r'<html[^>]* lang="nl"', html), url
        assert "Rapporten" in html and "Pagina's" in html, url
        assert english_in(html) == [], (url, english_in(html))
    report_html = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Vertalingen" in report_html and "Nog niet vertaald" in report_html
