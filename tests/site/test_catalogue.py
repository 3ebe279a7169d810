"""The English catalogue (locale/en) is complete for the route finder and the registration form: every message in
their code and templates has an English text that is not a guess, and the compiled catalogue the site reads holds
exactly those texts (a forgotten ``make messages`` fails here)."""

import re
from pathlib import Path

import polib
import pytest

from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"

# The source files of the finder and the form, as the catalogue names them in its "#:" lines.
SOURCES = re.compile(
    r"^("
    r"routes/finder/[^/]+\.py"
    r"|routes/finder_views\.py"
    r"|routes/forms\.py"
    r"|routes/choices\.py"
    r"|routes/entry_levels\.py"
    r"|recruitment/forms\.py"
    r"|recruitment/models/choices\.py"
    r"|templates/routes/finder/[^/]+\.html"
    r"|templates/recruitment/(register|_field|_field_error|_error_summary|_form_alerts|_registration_fields"
    r"|_finder_answers)\.html"
    r")$"
)


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(LOCALE / "django.po"))


def finder_and_form_entries(catalogue):
    return [
        entry
        for entry in catalogue
        if not entry.obsolete and any(SOURCES.match(path) for path, _line in entry.occurrences)
    ]


def texts(entry):
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def test_the_finder_and_the_form_have_their_messages_in_the_catalogue(catalogue):
    entries = finder_and_form_entries(catalogue)
    paths = {path for entry in entries for path, _line in entry.occurrences if SOURCES.match(path)}
    assert len(entries) > 250
    # Each kind of source is there: the questions, the reasons, the form, the templates of both.
    for expected in (
        "routes/finder/questions.py",
        "routes/finder/reasons.py",
        "routes/finder/matching.py",
        "routes/finder_views.py",
        "recruitment/forms.py",
        "templates/routes/finder/result.html",
        "templates/recruitment/register.html",
    ):
        assert expected in paths
    msgids = {entry.msgid for entry in entries}
    assert "Wat is je hoogste opleiding?" in msgids
    assert "Toon mijn routes" in msgids
    assert "Aanmelding versturen" in msgids


def test_every_message_of_the_finder_and_the_form_has_english(catalogue):
    untranslated = [
        entry.msgid
        for entry in finder_and_form_entries(catalogue)
        if "fuzzy" in entry.flags or not all(text.strip() for text in texts(entry))
    ]
    assert untranslated == []


def test_the_english_keeps_the_placeholders(catalogue):
    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
    wrong = [
        entry.msgid
        for entry in finder_and_form_entries(catalogue)
        if any(sorted(placeholder.findall(text)) != sorted(placeholder.findall(entry.msgid)) for text in texts(entry))
        and not entry.msgid_plural
    ]
    assert wrong == []


def test_the_compiled_catalogue_holds_exactly_the_translated_messages(catalogue):
    compiled = polib.mofile(str(LOCALE / "django.mo"))

    def key(entry):
        return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")

    def value(entry):
        return tuple(entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)) or (entry.msgstr,)

    expected = {
        key(entry): value(entry)
        for entry in catalogue
        if not entry.obsolete and "fuzzy" not in entry.flags and any(texts(entry)) and entry.msgid
    }
    found = {key(entry): value(entry) for entry in compiled if entry.msgid}
    assert found == expected
