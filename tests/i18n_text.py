"""Reading English pages in tests: the text a visitor sees, and the Dutch that must not be in it."""

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib

from django.conf import settings

from wagtail.models import Locale

# Words that are Dutch and never English: one of them in the English text is Dutch left untranslated.
DUTCH_WORDS = {
    "het",
    "een",
    "je",
    "jouw",
    "jij",
    "niet",
    "naar",
    "wat",
    "bij",
    "ook",
    "wordt",
    "welke",
    "geen",
    "kies",
    "volgende",
    "vorige",
    "deze",
    "voor",
    "zijn",
    "heb",
    "hebt",
    "ik",
    "mijn",
    "wil",
    "uit",
    "nog",
    "naast",
    "waar",
    "hoe",
    "leidt",
    "vraag",
    "verplicht",
}
SKIPPED_ELEMENTS = {"script", "style", "template", "noscript"}
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class VisibleText(HTMLParser):
    """The text nodes a visitor reads, without scripts and styles, and without what is marked Dutch (lang="nl") or
    made by other code (elements with one of ``skipped_classes``)."""

    def __init__(self, skipped_classes=()):
        super().__init__(convert_charrefs=True)
        self.skipped_classes = set(skipped_classes)
        self.stack = []  # (tag, skipped)
        self.texts = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID_ELEMENTS:
            return
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        skipped = (
            tag in SKIPPED_ELEMENTS
            or (attributes.get("lang") or "").startswith("nl")
            or bool(classes & self.skipped_classes)
            or "hidden" in attributes
        )
        self.stack.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            return
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if any(skipped for _tag, skipped in self.stack):
            return
        text = " ".join(data.split())
        if text:
            self.texts.append(text)


def visible_texts(html, skipped_classes=()):
    parser = VisibleText(skipped_classes)
    parser.feed(html.split("<html", 1)[1].split(">", 1)[1] if "<html" in html else html)
    parser.close()
    return parser.texts


@cache
def dutch_messages():
    """The Dutch texts of the catalogue whose English is different: any of them on an English page is untranslated."""
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    found = set()
    for entry in catalogue:
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        english = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        if not all(english):  # not translated: its English is not known
            continue
        for dutch in filter(None, (entry.msgid, entry.msgid_plural)):
            if dutch not in english and "%(" not in dutch and "{" not in dutch and "<" not in dutch:
                found.add(" ".join(dutch.split()))
    return found


def dutch_in(html, skipped_classes=()):
    """What reads as Dutch in an English page: texts equal to a Dutch message of the catalogue, and Dutch words."""
    texts = visible_texts(html, skipped_classes)
    messages = dutch_messages()
    found = [text for text in texts if text in messages or text.rstrip(":") in messages]
    for text in texts:
        words = {word.lower() for word in re.findall(r"\w+", text)}
        if words & DUTCH_WORDS:
            found.append(text)
    return found


def english_locale():
    return Locale.objects.get(language_code="en")


def publish_translation(page, **fields):
    """The page's English translation (Wagtail's copy_for_translation, parents included, as the demo loader makes
    them), with these fields, published; an existing translation (the demo may have one) is brought up to these
    fields."""
    locale = english_locale()
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=True)
    translation = translation.specific
    parent = translation.get_parent().specific
    if not parent.live:
        parent.save_revision().publish()
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation
