"""Which translations are behind their Dutch source, and how a translation made outside wagtail-localize joins its
workflow.

wagtail-localize (1.14.5) keeps, per source page, a ``TranslationSource``: the source's content as it was last
extracted (``last_updated_at``), when a translator submitted the page for translation or pressed "Sync translated
pages". Each target language has a ``Translation`` of that source, and the translated strings. It shows a
translation's progress (how many strings are translated) but not that the source changed after the last sync: the
"Sync translated pages" action looks the same whether anything changed or not.

So a translation counts as out of date here when its Dutch source was published after the translation was last
brought up to date:

- managed by wagtail-localize (an enabled ``Translation`` into the page's locale): the source's last publish against
  its ``TranslationSource.last_updated_at`` (the last sync);
- made otherwise (the demo loader's ``copy_for_translation``, or by hand): the source's last publish against the
  translation's own last publish. A translation that was never published is out of date once its source is live.

Aliases are left out: an alias shows its source's content and is never behind it.
"""

import json
from dataclasses import dataclass
from datetime import datetime

from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from django.conf import settings
from django.db import transaction
from django.db.models import BooleanField, Case, DateTimeField, Exists, F, OuterRef, Subquery, Value, When
from django.urls import reverse
from django.utils.translation import get_language_info

from wagtail.fields import StreamField
from wagtail.models import Page

SOURCE_LANGUAGE = settings.LANGUAGE_CODE


def _dutch(queryset):
    return queryset.filter(locale__language_code=SOURCE_LANGUAGE)


def translations_with_status(pages=None):
    """The translated pages (every page not in Dutch, no aliases) with their Dutch source and status, in one query.

    Each page gets ``source_id``, ``source_title``, ``source_published_at``, ``localize_source_id`` (the
    ``TranslationSource`` when wagtail-localize manages the translation, else None), ``updated_at`` (when the
    translation was last brought up to date) and ``out_of_date``. Out-of-date pages come first.
    """
    pages = Page.objects.all() if pages is None else pages
    source = _dutch(Page.objects.filter(translation_key=OuterRef("translation_key")))
    localize_source = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"),
        locale__language_code=SOURCE_LANGUAGE,
        translations__target_locale=OuterRef("locale_id"),
        translations__enabled=True,
    )
    return (
        pages.exclude(locale__language_code=SOURCE_LANGUAGE)
        .filter(alias_of__isnull=True, depth__gt=1)
        .select_related("locale")
        .annotate(
            source_id=Subquery(source.values("pk")[:1]),
            source_title=Subquery(source.values("title")[:1]),
            source_published_at=Subquery(source.values("last_published_at")[:1]),
            localize_source_id=Subquery(localize_source.values("pk")[:1]),
            localize_synced_at=Subquery(localize_source.values("last_updated_at")[:1]),
        )
        .annotate(
            updated_at=Case(
                When(localize_source_id__isnull=False, then=F("localize_synced_at")),
                default=F("last_published_at"),
                output_field=DateTimeField(),
            )
        )
        .annotate(
            out_of_date=Case(
                When(source_published_at__isnull=True, then=Value(False)),
                When(updated_at__isnull=True, then=Value(True)),
                When(source_published_at__gt=F("updated_at"), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("-out_of_date", "source_title", "locale__language_code", "pk")
    )


def untranslated_pages(pages=None):
    """The Dutch pages (below the root) that have no translation yet in any other language (an alias is none)."""
    pages = Page.objects.all() if pages is None else pages
    translated = Page.objects.filter(translation_key=OuterRef("translation_key"), alias_of__isnull=True).exclude(
        locale__language_code=SOURCE_LANGUAGE
    )
    return _dutch(pages).filter(depth__gt=1).filter(~Exists(translated)).order_by("path")


@dataclass
class TranslationStatus:
    """What the editor of a translated page needs to know about its Dutch source."""

    page: Page
    source_id: int | None
    source_title: str | None
    source_published_at: datetime | None
    updated_at: datetime | None
    out_of_date: bool
    localize_source_id: int | None

    @classmethod
    def from_annotated(cls, page):
        return cls(
            page=page,
            source_id=page.source_id,
            source_title=page.source_title,
            source_published_at=page.source_published_at,
            updated_at=page.updated_at,
            out_of_date=page.out_of_date,
            localize_source_id=page.localize_source_id,
        )

    @property
    def managed_by_localize(self):
        return self.localize_source_id is not None

    @property
    def language_name(self):
        """The translation's language, named in the admin's language ("Engels")."""
        return get_language_info(self.page.locale.language_code)["name_translated"]

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])

    @property
    def source_edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.source_id]) if self.source_id else None

    @property
    def sync_url(self):
        """wagtail-localize's "Sync translated pages" for the source, once it manages the translation."""
        if not self.managed_by_localize:
            return None
        return reverse("wagtail_localize:update_translations", args=[self.localize_source_id])


def translation_status(page):
    """The status of one page against its Dutch source, or None when it is Dutch, an alias or has no Dutch source."""
    annotated = translations_with_status(Page.objects.filter(pk=page.pk)).first()
    if annotated is None or annotated.source_id is None:
        return None
    return TranslationStatus.from_annotated(annotated)


class SyncWouldChangeTranslation(Exception):
    """wagtail-localize's sync would change the translation: it is built differently from its Dutch source."""

    def __init__(self, page, fields):
        self.page = page
        self.fields = fields
        super().__init__(f"A sync of {page} with its Dutch source would change: {', '.join(fields)}")


# What a sync may change without changing the content: Wagtail's bookkeeping of the page (tree, publishing, locks).
PAGE_BOOKKEEPING = {field.name for field in Page._meta.concrete_fields} - {
    "title",
    "slug",
    "seo_title",
    "search_description",
}


def fields_a_sync_would_change(translation):
    """The translated page's fields that wagtail-localize would change on a sync with "publish" (``save_target``):
    a sync builds the translation from the source's structure (its blocks, the pages and snippets it links to) with
    the translated strings, so a translation built differently (other blocks, links to other pages) would lose that.
    Child objects (inline panels) are not compared."""
    current = translation.get_target_instance()
    synced = translation.source.get_ephemeral_translated_instance(translation.target_locale, fallback=True)
    return [
        field.name
        for field in type(current)._meta.concrete_fields
        if not field.primary_key
        and field.name not in PAGE_BOOKKEEPING
        and comparable_value(field, current) != comparable_value(field, synced)
    ]


def comparable_value(field, instance):
    """A field's value as a sync would compare it: StreamField blocks as data, whatever the order of their keys."""
    value = field.value_to_string(instance)
    return json.loads(value) if isinstance(field, StreamField) else value


@transaction.atomic
def register_with_localize(translated_page, user=None, allow_changes_on_sync=False):
    """Let wagtail-localize manage a translation that was made without it (e.g. with ``copy_for_translation``).

    The Dutch source gets a ``TranslationSource`` (an existing one is left as it is) and the translation a
    ``Translation`` into its locale, so the source's "Sync translated pages" knows it and the translation opens in
    wagtail-localize's editor. The translated page is not changed. Its strings are taken over as the translations of
    the source's strings in the same place (field or block), so that a later sync does not put Dutch text where the
    translation had its own; translations already made in wagtail-localize are kept.

    When the source was published after the translation was last published, a new ``TranslationSource`` is dated at
    the translation's last publish, so the translation stays out of date (in the report "Vertalingen" and on its edit
    view) until a translator syncs it.

    A sync rebuilds the translation from its source's structure. When that would change the translation (see
    ``fields_a_sync_would_change``), nothing is registered and ``SyncWouldChangeTranslation`` is raised, unless
    ``allow_changes_on_sync``.

    Returns the ``Translation``.
    """
    translated_page = translated_page.specific
    source_page = _dutch(Page.objects.filter(translation_key=translated_page.translation_key)).get().specific
    if translated_page.locale_id == source_page.locale_id:
        raise ValueError("A Dutch page is a source, not a translation.")

    source, created = TranslationSource.get_or_create_from_instance(source_page)
    behind = (
        source_page.last_published_at is not None
        and translated_page.last_published_at is not None
        and source_page.last_published_at > translated_page.last_published_at
    )
    if created and behind:
        source.last_updated_at = translated_page.last_published_at
        source.save(update_fields=["last_updated_at"])

    translation, created = Translation.objects.get_or_create(
        source=source, target_locale_id=translated_page.locale_id, defaults={"enabled": True}
    )
    if not translation.enabled:
        translation.enabled = True
        translation.save(update_fields=["enabled"])
    _take_over_strings(translation, translated_page, user)
    if not allow_changes_on_sync:
        fields = fields_a_sync_would_change(translation)
        if fields:
            raise SyncWouldChangeTranslation(translated_page, fields)
    return translation


def _take_over_strings(translation, translated_page, user):
    """The translated page's text, field by field and block by block, as the translation of the source's strings."""
    translated = {
        segment.path: segment.string.data
        for segment in extract_segments(translated_page)
        if isinstance(segment, StringSegmentValue)
    }
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string", "context"):
        data = translated.get(segment.context.path)
        if not data:
            continue
        StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale_id=translation.target_locale_id,
            context=segment.context,
            defaults={
                "data": data,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
            },
        )
