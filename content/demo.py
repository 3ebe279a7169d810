"""The content app's demo loader, and the helpers that keep every app's demo loader idempotent.

The demo content itself is data: YAML files in content/data/ (see the README there), one per kind: the site and
home page (site.yaml), the standard pages, the practice examples, the agenda, the Docententoolkit, the glossary, the
conversation tool with its cards and the colleges. This module reads them, checks them (a mistake names its file and
entry) and writes them.

The loader looks pages up by slug under their parent and snippets by a natural key, compares the fields it manages,
and only saves (a new revision, published) when something differs. Running it twice therefore changes nothing.
"""

import datetime as dt
import re
from pathlib import Path

import yaml

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from modelcluster.fields import ParentalManyToManyField
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, Site

from content.conversation import Perspective, Theme
from content.models import (
    ArticleIndexPage,
    ArticlePage,
    ConversationCard,
    ConversationToolPage,
    EventIndexPage,
    EventPage,
    GlossaryPage,
    GlossaryTerm,
    HomePage,
    PracticeExample,
    PracticeExampleIndexPage,
    SiteSettings,
    StandardPage,
)
from content.models.practice import PracticeTheme
from content.models.toolkit import ArticleAudience, ArticleSource, ArticleTopic

DATA_DIR = Path(__file__).resolve().parent / "data"


class DemoDataError(ValueError):
    """A data file the loader cannot use. The message starts with the file and the entry, then says what is wrong."""


def read_data(app_dir, name):
    """The parsed YAML file `name` (e.g. "events.yaml") in the directory app_dir (a path, e.g. an app's data dir).

    Read as UTF-8 with yaml.safe_load; a syntax error names the file.
    """
    path = Path(app_dir) / name
    with open(path, encoding="utf-8") as handle:
        try:
            return yaml.safe_load(handle)
        except yaml.YAMLError as error:
            raise DemoDataError(f"{path}: not valid YAML: {error}") from error


class Tally:
    """How many objects a step created, updated or left alone."""

    def __init__(self):
        self.created = 0
        self.updated = 0
        self.unchanged = 0

    def __str__(self):
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"

    def count(self, created=False, changed=False):
        if created:
            self.created += 1
        elif changed:
            self.updated += 1
        else:
            self.unchanged += 1


# --- comparing and writing -------------------------------------------------------------------------------------------


def _without_block_ids(data):
    """Stream data without the generated block ids, so two versions of the same content compare equal."""
    if isinstance(data, list):
        return [_without_block_ids(item) for item in data]
    if isinstance(data, dict):
        return {key: _without_block_ids(value) for key, value in data.items() if key != "id"}
    return data


def _differs(instance, name, value):
    field = instance._meta.get_field(name)
    current = getattr(instance, name)
    if isinstance(field, StreamField):
        block = field.stream_block
        return _without_block_ids(block.get_prep_value(current)) != _without_block_ids(
            block.get_prep_value(block.to_python(value))
        )
    if isinstance(field, ParentalManyToManyField):
        return {obj.pk for obj in current.all()} != {obj.pk for obj in value}
    if field.many_to_one:
        return getattr(instance, field.attname) != (value.pk if value is not None else None)
    return current != value


def apply_changes(instance, fields):
    """Set the fields that differ; returns their names."""
    changed = [name for name, value in fields.items() if _differs(instance, name, value)]
    for name in changed:
        setattr(instance, name, fields[name])
    return changed


def upsert_page(parent, model, slug, tally, **fields):
    """The page of this type and slug under parent, created or brought up to date, and published.

    A new revision is saved and published only when a field differs, so a second run leaves the tree untouched.
    """
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug)
        apply_changes(page, fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        tally.count(created=True)
        return page
    changed = apply_changes(page, fields)
    if changed:
        page.save_revision().publish()
    tally.count(changed=bool(changed))
    return page


def upsert_object(model, lookup, tally, **fields):
    """A plain model instance (a snippet) found by its natural key, created or brought up to date."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup)
        apply_changes(instance, fields)
        instance.save()
        tally.count(created=True)
        return instance
    changed = apply_changes(instance, fields)
    if changed:
        instance.save()
    tally.count(changed=bool(changed))
    return instance


# --- building stream data --------------------------------------------------------------------------------------------


def html_paragraphs(*texts):
    return "".join(f"<p>{text}</p>" for text in texts)


def html_list(*items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def paragraph(*texts):
    """A paragraph block; a text that starts with "<" is taken as ready-made HTML (a list, a heading)."""
    return {"type": "paragraph", "value": "".join(t if t.startswith("<") else f"<p>{t}</p>" for t in texts)}


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def steps(items, title="Zo werkt het"):
    return {
        "type": "steps",
        "value": {"title": title, "steps": [{"title": step, "text": html_paragraphs(text)} for step, text in items]},
    }


def faq(items, title="Veelgestelde vragen"):
    return {
        "type": "faq",
        "value": {
            "title": title,
            "questions": [{"question": question, "answer": html_paragraphs(answer)} for question, answer in items],
        },
    }


def tips(title, items):
    return {"type": "tips", "value": {"title": title, "tips": list(items)}}


def quote(text, attribution="", role=""):
    return {"type": "quote", "value": {"text": text, "attribution": attribution, "role": role}}


def link(title, url="", page=None, description=""):
    return {"title": title, "page": page.pk if page else None, "url": url, "description": description}


def read_more(links, title="Meer lezen"):
    return {"type": "read_more", "value": {"title": title, "links": list(links)}}


def contact_card(name, role="", organisation="", email="", phone="", website=""):
    return {
        "type": "contact_card",
        "value": {
            "name": name,
            "role": role,
            "organisation": organisation,
            "email": email,
            "phone": phone,
            "website": website,
        },
    }


# --- the site root ---------------------------------------------------------------------------------------------------


def ensure_tree_root():
    """The default locale and the tree's root node: Wagtail's migrations make them, but a test database flush
    (transactional tests) removes them again."""
    from django.conf import settings

    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    locale, _ = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


def remove_welcome_page():
    """Delete Wagtail's "Welcome to your new Wagtail site!" page (a bare Page without children under the root).

    Its Site goes with it (Site.root_page cascades); the loader makes a new default Site for the home page.
    """
    root = Page.get_first_root_node()
    bare_page = ContentType.objects.get_for_model(Page)
    for page in Page.objects.child_of(root).filter(content_type=bare_page, numchild=0):
        page.delete()


# --- reading the data files ------------------------------------------------------------------------------------------


class PageRef:
    """A link to a page of this site by its place under the home page ("docententoolkit/samen-opleiden")."""

    def __init__(self, path):
        self.path = path.strip("/")

    def __eq__(self, other):
        return isinstance(other, PageRef) and other.path == self.path

    def __hash__(self):
        return hash(self.path)

    def __repr__(self):
        return f"PageRef({self.path!r})"


class RelativeDate:
    """A date some days ahead of today ("in 4 weeks"), kept while it is still ahead (see relative_date)."""

    def __init__(self, days):
        self.days = days

    def __eq__(self, other):
        return isinstance(other, RelativeDate) and other.days == self.days

    def __repr__(self):
        return f"RelativeDate({self.days})"


def mapping(value, where, required=(), optional=()):
    """value as a dict, checked: it must have the required keys and no others than the optional ones."""
    if not isinstance(value, dict):
        raise DemoDataError(f"{where}: expected keys ({', '.join(required)}), found {type(value).__name__} {value!r}")
    missing = [key for key in required if value.get(key) in (None, "")]
    if missing:
        raise DemoDataError(f"{where}: missing {', '.join(missing)}")
    unknown = sorted(set(value) - set(required) - set(optional))
    if unknown:
        known = ", ".join([*required, *optional])
        raise DemoDataError(f"{where}: unknown key {', '.join(unknown)} (known keys: {known})")
    return value


def items(value, where):
    """value as a list (of entries), checked."""
    if not isinstance(value, list):
        raise DemoDataError(f"{where}: expected a list (lines starting with '- '), found {value!r}")
    return value


def text(value, where):
    """A plain text: line breaks and runs of spaces become single spaces."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise DemoDataError(f"{where}: expected a text, found {value!r}")
    return " ".join(str(value).split())


def optional_text(entry, key, where):
    return text(entry[key], f"{where}, {key}") if entry.get(key) not in (None, "") else ""


def rich_text(value, where):
    """HTML from a text: a blank line starts a new paragraph, and a group of lines starting with "- " is a list.

    A line of a list item that does not start with "- " continues that item. Inline HTML (<b>, <a href="...">) is
    kept as it is.
    """
    if not isinstance(value, str) or not value.strip():
        raise DemoDataError(f"{where}: expected a text, found {value!r}")
    html = []
    for block in re.split(r"\n\s*\n", value.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if lines[0].startswith("- "):
            entries = []
            for line in lines:
                if line.startswith("- "):
                    entries.append(line[2:].strip())
                else:
                    entries[-1] += " " + line
            html.append("<ul>" + "".join(f"<li>{entry}</li>" for entry in entries) + "</ul>")
        else:
            html.append(f"<p>{' '.join(lines)}</p>")
    return "".join(html)


def choice(value, choices, where):
    """One of a model's choice values (the Dutch slug, e.g. "werven")."""
    if value not in choices.values:
        raise DemoDataError(f"{where}: {value!r} is not one of {', '.join(choices.values)}")
    return value


def day(value, where):
    """A calendar date, written as 2026-11-29 (YAML reads it as a date)."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise DemoDataError(f"{where}: expected a date like 2026-11-29, found {value!r}")
    return value


def orderable_rows(value, where, required=(), optional=()):
    """A list of child rows (an inline in the admin: an article's sources, a route's steps) as dicts of fields."""
    rows = []
    for i, entry in enumerate(items(value, where)):
        entry = mapping(entry, f"{where}[{i}]", required=required, optional=optional)
        rows.append({key: entry[key] for key in (*required, *optional) if entry.get(key) is not None})
    return rows


def set_orderables(page, relation, model, rows, tally):
    """A page's inline child rows (e.g. its sources) as rows gives them, in that order; a new revision only when they
    differ, so a second load changes nothing."""
    names = [
        field.name
        for field in model._meta.get_fields()
        if getattr(field, "concrete", False)
        and not field.primary_key
        and field.name not in ("sort_order",)
        and not field.is_relation
    ]
    fields = [model._meta.get_field(name) for name in names]
    # to_python: "published: 2024" reads as a number from YAML and is stored as the text "2024".
    wanted = [
        tuple(field.to_python(row[field.name]) if field.name in row else field.get_default() for field in fields)
        for row in rows
    ]
    current = [
        tuple(getattr(child, name) for name in names) for child in getattr(page, relation).order_by("sort_order", "pk")
    ]
    if current == wanted:
        return False
    # sort_order as the admin's inline sets it: without it the order in the database is undefined.
    setattr(
        page,
        relation,
        [model(**dict(zip(names, values, strict=True)), sort_order=position) for position, values in enumerate(wanted)],
    )
    page.save_revision().publish()
    tally.count(changed=True)
    return True


def flag(value, where):
    if not isinstance(value, bool):
        raise DemoDataError(f"{where}: expected true or false, found {value!r}")
    return value


def page_ref(value, where):
    if not isinstance(value, str) or not value.strip("/ "):
        raise DemoDataError(f"{where}: expected a page's place under the home page (docententoolkit/samen-opleiden)")
    return PageRef(value)


def date_value(value, where):
    """A date (2024-06-12), or "in 4 weeks" / "in 10 days" for an event that is always upcoming."""
    if isinstance(value, dt.date):
        return value
    match = re.fullmatch(r"in (\d+) (day|days|week|weeks)", str(value).strip())
    if not match:
        raise DemoDataError(f"{where}: expected a date (2024-06-12) or 'in 4 weeks', found {value!r}")
    days = int(match[1]) * (7 if match[2].startswith("week") else 1)
    return RelativeDate(days)


def time_value(value, where):
    """A time of day, "19:30". Unquoted, YAML reads 19:30 as a number of minutes (1170); that is accepted too."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return dt.time(value // 60, value % 60)
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", str(value).strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise DemoDataError(f'{where}: expected a time such as "19:30", found {value!r}')
    return dt.time(int(match[1]), int(match[2]))


# Stream blocks, written in the data as a list of one-key entries: "- paragraph: |", "- tips: {title, items}", ...


def _link(value, where):
    entry = mapping(value, where, required=("title",), optional=("page", "url", "description"))
    if bool(entry.get("page")) == bool(entry.get("url")):
        raise DemoDataError(f"{where}: a link needs either page (a page on this site) or url (an address elsewhere)")
    page = page_ref(entry["page"], f"{where}, page") if entry.get("page") else None
    return {
        "title": text(entry["title"], f"{where}, title"),
        "page": page,
        "url": optional_text(entry, "url", where),
        "description": optional_text(entry, "description", where),
    }


def _titled_list(value, where, key, default_title):
    """(title, entries) of a block written either as a bare list or as {title, <key>: [...]}."""
    if isinstance(value, list):
        return default_title, value
    entry = mapping(value, where, required=(key,), optional=("title",))
    return optional_text(entry, "title", where) or default_title, items(entry[key], f"{where}, {key}")


def _paragraph_block(value, where, data):
    return [{"type": "paragraph", "value": rich_text(value, where)}]


def _heading_block(value, where, data):
    if isinstance(value, dict):
        entry = mapping(value, where, required=("text",), optional=("level",))
        level = entry.get("level", "h2")
        if level not in ("h2", "h3"):
            raise DemoDataError(f"{where}: level is h2 or h3, found {level!r}")
        return [heading(text(entry["text"], where), level)]
    return [heading(text(value, where))]


def _tips_block(value, where, data):
    entry = mapping(value, where, required=("title", "items"))
    tips_html = [rich_text(tip, f"{where}, items[{i}]") for i, tip in enumerate(items(entry["items"], where))]
    return [tips(text(entry["title"], where), tips_html)]


def _quote_block(value, where, data):
    entry = mapping(value, where, required=("text",), optional=("attribution", "role"))
    return [
        quote(
            text(entry["text"], where), optional_text(entry, "attribution", where), optional_text(entry, "role", where)
        )
    ]


def _read_more_block(value, where, data):
    title, links = _titled_list(value, where, "links", "Meer lezen")
    return [read_more([_link(entry, f"{where}, links[{i}]") for i, entry in enumerate(links)], title)]


def _contact_card_block(value, where, data):
    keys = ("role", "organisation", "email", "phone", "website")
    entry = mapping(value, where, required=("name",), optional=keys)
    return [contact_card(text(entry["name"], where), **{key: optional_text(entry, key, where) for key in keys})]


def _steps_block(value, where, data):
    title, entries = _titled_list(value, where, "steps", "Zo werkt het")
    pairs = []
    for i, step in enumerate(entries):
        step = mapping(step, f"{where}, steps[{i}]", required=("title", "text"))
        pairs.append((text(step["title"], f"{where}, steps[{i}]"), rich_text(step["text"], f"{where}, steps[{i}]")))
    return [{"type": "steps", "value": {"title": title, "steps": [{"title": t, "text": h} for t, h in pairs]}}]


def _faq_block(value, where, data):
    title, entries = _titled_list(value, where, "questions", "Veelgestelde vragen")
    questions = []
    for i, question in enumerate(entries):
        question = mapping(question, f"{where}, questions[{i}]", required=("question", "answer"))
        questions.append(
            {
                "question": text(question["question"], f"{where}, questions[{i}]"),
                "answer": rich_text(question["answer"], f"{where}, questions[{i}]"),
            }
        )
    return [{"type": "faq", "value": {"title": title, "questions": questions}}]


def _college_cards_block(value, where, data):
    """The contact card of every college in colleges.yaml ("all"), or of the colleges whose keys are listed."""
    colleges = {college["key"]: college for college in data.colleges}
    if value == "all":
        keys = list(colleges)
    else:
        keys = items(value, where)
        unknown = [key for key in keys if key not in colleges]
        if unknown:
            raise DemoDataError(
                f"{where}: unknown college {', '.join(map(str, unknown))} (colleges.yaml has: {', '.join(colleges)})"
            )
    return [
        contact_card(
            colleges[key]["programme"],
            role="Lerarenopleiding",
            organisation=colleges[key]["name"],
            email=colleges[key]["contact_email"],
            website=colleges[key]["website"],
        )
        for key in keys
    ]


# Block name in the data -> (stream block type it makes, builder).
BLOCKS = {
    "paragraph": ("paragraph", _paragraph_block),
    "heading": ("heading", _heading_block),
    "tips": ("tips", _tips_block),
    "quote": ("quote", _quote_block),
    "read_more": ("read_more", _read_more_block),
    "contact_card": ("contact_card", _contact_card_block),
    "steps": ("steps", _steps_block),
    "faq": ("faq", _faq_block),
    "college_contact_cards": ("contact_card", _college_cards_block),
}


def stream(entries, where, data, model, field="body"):
    """Stream data for model.field from the data's list of typed entries ("- paragraph: |", "- tips: ...")."""
    allowed = model._meta.get_field(field).stream_block.child_blocks
    usable = [name for name, (block_type, _build) in BLOCKS.items() if block_type in allowed]
    blocks = []
    for i, entry in enumerate(items(entries, where)):
        here = f"{where}[{i}]"
        if not isinstance(entry, dict) or len(entry) != 1:
            raise DemoDataError(f"{here}: expected one block such as '- paragraph: ...' (blocks: {', '.join(usable)})")
        ((name, value),) = entry.items()
        if name not in usable:
            raise DemoDataError(
                f"{here}: unknown block type {name!r} for a {model.__name__} (blocks: {', '.join(usable)})"
            )
        blocks += BLOCKS[name][1](value, f"{here} ({name})", data)
    return blocks


def page_fields(entry, where, required=(), optional=()):
    """The fields every page has: slug, title, intro (optional), show_in_menus (optional, false unless true)."""
    entry = mapping(entry, where, required=("slug", "title", *required), optional=("intro", "show_in_menus", *optional))
    slug = text(entry["slug"], f"{where}, slug")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise DemoDataError(f"{where}: slug {slug!r} may hold only lower-case letters, digits and hyphens")
    return (
        entry,
        slug,
        {
            "title": text(entry["title"], f"{where}, title"),
            "intro": optional_text(entry, "intro", where),
            "show_in_menus": flag(entry.get("show_in_menus", False), f"{where}, show_in_menus"),
        },
    )


def entry_name(entries, i, key):
    """How an error names entry i: its position and, when it has one, its slug or title."""
    entry = entries[i]
    label = entry.get(key) if isinstance(entry, dict) else None
    return f"[{i}]" + (f" ({label})" if label else "")


class PageSpec:
    """One page to load: its model, place (parent path and slug) and field values, as read from the data."""

    def __init__(self, model, parent, slug, fields, where):
        self.model = model
        self.parent = parent
        self.slug = slug
        self.fields = fields
        self.where = where
        self.children = {}  # relation name: (model, rows), written after the page (see set_orderables)

    @property
    def path(self):
        return f"{self.parent}/{self.slug}".strip("/")


class TranslationSpec:
    """An English version of a Dutch page (english.yaml): the Dutch page's place under the home page (a PageRef), the
    English slug and the English field values."""

    def __init__(self, source, slug, fields, where):
        self.source = source
        self.slug = slug
        self.fields = fields
        self.where = where


class DemoData:
    """Every content data file of a directory, read and checked. Nothing here touches the database."""

    FILES = (
        "site.yaml",
        "colleges.yaml",
        "pages.yaml",
        "practice_examples.yaml",
        "events.yaml",
        "toolkit.yaml",
        "glossary.yaml",
        "conversation_cards.yaml",
        "english.yaml",
    )

    def __init__(self, data_dir=DATA_DIR):
        self.data_dir = Path(data_dir)
        self.colleges = read_colleges(self.data_dir)
        self._read_site()
        self.standard_pages = self._read_pages()
        self.practice_index, self.practice_examples = self._read_practice_examples()
        self.event_index, self.events = self._read_events()
        self.toolkit_index, self.articles = self._read_toolkit()
        self.glossary_page, self.glossary_terms = self._read_glossary()
        self.conversation_page, self.conversation_cards = self._read_conversation_cards()
        self.english_translations, self.english_pages = self._read_english()
        self._check_links()

    def _file(self, name, required=(), optional=()):
        return mapping(read_data(self.data_dir, name), name, required=required, optional=optional)

    def _read_site(self):
        where = "site.yaml"
        data = self._file(where, required=("site_name", "home_page", "settings"), optional=("english_home_page",))
        self.site_name = text(data["site_name"], f"{where}, site_name")
        home_where = f"{where}, home_page"
        home = mapping(
            data["home_page"],
            home_where,
            required=("title", "hero_title"),
            optional=(
                "intro",
                "hero_text",
                "primary_action_label",
                "featured_routes_title",
                "register_title",
                "register_text",
            ),
        )
        self.home_fields = {"title": text(home["title"], f"{home_where}, title")} | {
            key: optional_text(home, key, home_where)
            for key in (
                "intro",
                "hero_title",
                "hero_text",
                "primary_action_label",
                "featured_routes_title",
                "register_title",
                "register_text",
            )
        }
        self.english_home_fields = None
        self.english_home_links = {}
        if data.get("english_home_page") is not None:
            english_where = f"{where}, english_home_page"
            english = mapping(
                data["english_home_page"],
                english_where,
                required=("title", "hero_title"),
                optional=("intro", "hero_text", "primary_action_label", "register_title", "register_text"),
            )
            self.english_home_fields = {"title": text(english["title"], f"{english_where}, title")} | {
                key: optional_text(english, key, english_where) for key in ("intro", "hero_title", "hero_text")
            }
            self.english_home_links = {
                key: optional_text(english, key, english_where)
                for key in ("primary_action_label", "register_title", "register_text")
            }
        settings_where = f"{where}, settings"
        settings = mapping(
            data["settings"],
            settings_where,
            required=("privacy_page", "privacy_version"),
            optional=("tagline", "contact_email", "footer_links"),
        )
        links = items(settings.get("footer_links") or [], f"{settings_where}, footer_links")
        footer = []
        for i, entry in enumerate(links):
            link_value = _link(entry, f"{settings_where}, footer_links{entry_name(links, i, 'title')}")
            if link_value["description"]:
                raise DemoDataError(f"{settings_where}, footer_links[{i}]: a footer link has no description")
            footer.append({"type": "link", "value": {key: link_value[key] for key in ("title", "page", "url")}})
        self.settings = {
            "tagline": optional_text(settings, "tagline", settings_where),
            "contact_email": optional_text(settings, "contact_email", settings_where),
            "privacy_page": page_ref(settings["privacy_page"], f"{settings_where}, privacy_page"),
            "privacy_version": text(settings["privacy_version"], f"{settings_where}, privacy_version"),
            "footer_links": footer,
        }

    def _read_pages(self):
        pages = items(self._file("pages.yaml", required=("pages",))["pages"], "pages.yaml, pages")
        specs = []
        for i in range(len(pages)):
            where = f"pages.yaml, pages{entry_name(pages, i, 'slug')}"
            entry, slug, fields = page_fields(pages[i], where, optional=("body",))
            fields["body"] = stream(entry.get("body") or [], f"{where}, body", self, StandardPage)
            specs.append(PageSpec(StandardPage, "", slug, fields, where))
        return specs

    def _read_english(self):
        """english.yaml: (translations, pages). A translation is a TranslationSpec of a Dutch page (its place under
        the home page in ``source``); a page is a PageSpec of an English standard page without a Dutch counterpart,
        under the English home page."""
        name = "english.yaml"
        data = self._file(name, optional=("translations", "pages"))
        translations = []
        entries = items(data.get("translations") or [], f"{name}, translations")
        for i in range(len(entries)):
            where = f"{name}, translations{entry_name(entries, i, 'slug')}"
            entry = entries[i]
            source = page_ref(entry.get("source") if isinstance(entry, dict) else None, f"{where}, source")
            entry = {key: value for key, value in entry.items() if key != "source"}
            entry, slug, fields = page_fields(entry, where, optional=("body", "seo_title", "search_description"))
            fields |= {
                "seo_title": optional_text(entry, "seo_title", where),
                "search_description": optional_text(entry, "search_description", where),
            }
            if "body" in entry:
                fields["body"] = stream(entry["body"] or [], f"{where}, body", self, StandardPage)
            translations.append(TranslationSpec(source, slug, fields, where))
        pages = []
        entries = items(data.get("pages") or [], f"{name}, pages")
        for i in range(len(entries)):
            where = f"{name}, pages{entry_name(entries, i, 'slug')}"
            entry, slug, fields = page_fields(entries[i], where, optional=("body",))
            fields["body"] = stream(entry.get("body") or [], f"{where}, body", self, StandardPage)
            pages.append(PageSpec(StandardPage, "", slug, fields, where))
        slugs = [spec.slug for spec in [*translations, *pages]]
        duplicates = sorted({slug for slug in slugs if slugs.count(slug) > 1})
        if duplicates:
            raise DemoDataError(f"{name}: the same slug twice under the English home page: {', '.join(duplicates)}")
        return translations, pages

    def _index_page(self, name, data, key, model):
        where = f"{name}, {key}"
        _entry, slug, fields = page_fields(data[key], where)
        return PageSpec(model, "", slug, fields, where)

    def _read_practice_examples(self):
        name = "practice_examples.yaml"
        data = self._file(name, required=("index_page", "examples"))
        index = self._index_page(name, data, "index_page", PracticeExampleIndexPage)
        examples = items(data["examples"], f"{name}, examples")
        objects = []
        for i in range(len(examples)):
            where = f"{name}, examples{entry_name(examples, i, 'title')}"
            entry = mapping(examples[i], where, required=("title", "region", "theme", "summary"), optional=("link",))
            objects.append(
                (
                    {"title": text(entry["title"], where)},
                    {
                        "region": text(entry["region"], f"{where}, region"),
                        "theme": choice(entry["theme"], PracticeTheme, f"{where}, theme"),
                        "summary": text(entry["summary"], f"{where}, summary"),
                        "link": optional_text(entry, "link", where),
                    },
                )
            )
        return index, objects

    def _read_events(self):
        name = "events.yaml"
        data = self._file(name, required=("index_page", "events"))
        index = self._index_page(name, data, "index_page", EventIndexPage)
        events = items(data["events"], f"{name}, events")
        specs = []
        for i in range(len(events)):
            where = f"{name}, events{entry_name(events, i, 'slug')}"
            entry, slug, fields = page_fields(
                events[i],
                where,
                required=("start_date",),
                optional=("start_time", "end_time", "online", "location", "audience", "sign_up", "sign_up_url", "body"),
            )
            fields |= {
                "start_date": date_value(entry["start_date"], f"{where}, start_date"),
                "start_time": time_value(entry.get("start_time"), f"{where}, start_time"),
                "end_time": time_value(entry.get("end_time"), f"{where}, end_time"),
                "online": flag(entry.get("online", False), f"{where}, online"),
                "location": optional_text(entry, "location", where),
                "audience": optional_text(entry, "audience", where),
                "sign_up": rich_text(entry["sign_up"], f"{where}, sign_up") if entry.get("sign_up") else "",
                "sign_up_url": optional_text(entry, "sign_up_url", where),
                "body": stream(entry.get("body") or [], f"{where}, body", self, EventPage),
            }
            specs.append(PageSpec(EventPage, index.slug, slug, fields, where))
        return index, specs

    def _read_toolkit(self):
        name = "toolkit.yaml"
        data = self._file(name, required=("index_page", "articles"))
        index = self._index_page(name, data, "index_page", ArticleIndexPage)
        articles = items(data["articles"], f"{name}, articles")
        specs = []
        for i in range(len(articles)):
            where = f"{name}, articles{entry_name(articles, i, 'slug')}"
            entry, slug, fields = page_fields(
                articles[i], where, required=("topic", "audience"), optional=("body", "checked_on", "sources")
            )
            fields |= {
                "topic": choice(entry["topic"], ArticleTopic, f"{where}, topic"),
                "audience": choice(entry["audience"], ArticleAudience, f"{where}, audience"),
                "body": stream(entry.get("body") or [], f"{where}, body", self, ArticlePage),
                "checked_on": day(entry["checked_on"], f"{where}, checked_on") if entry.get("checked_on") else None,
            }
            spec = PageSpec(ArticlePage, index.slug, slug, fields, where)
            spec.children["sources"] = (
                ArticleSource,
                orderable_rows(
                    entry.get("sources") or [],
                    f"{where}, sources",
                    required=("title",),
                    optional=("publisher", "published", "url"),
                ),
            )
            specs.append(spec)
        return index, specs

    def _read_glossary(self):
        name = "glossary.yaml"
        data = self._file(name, required=("page", "terms"))
        page = self._index_page(name, data, "page", GlossaryPage)
        terms = items(data["terms"], f"{name}, terms")
        objects = []
        for i in range(len(terms)):
            where = f"{name}, terms{entry_name(terms, i, 'term')}"
            entry = mapping(
                terms[i], where, required=("term", "explanation", "source_name", "source_url"), optional=("full_name",)
            )
            objects.append(
                (
                    {"term": text(entry["term"], where)},
                    {
                        "full_name": optional_text(entry, "full_name", where),
                        "explanation": text(entry["explanation"], f"{where}, explanation"),
                        "source_name": text(entry["source_name"], f"{where}, source_name"),
                        "source_url": text(entry["source_url"], f"{where}, source_url"),
                    },
                )
            )
        return page, objects

    def _read_conversation_cards(self):
        """The conversation tool's page and its cards; a card's sort order is its place among the cards of its
        perspective and theme (10, 20, ...), as the migration that gives a new site these cards numbers them."""
        name = "conversation_cards.yaml"
        data = self._file(name, required=("page", "cards"))
        where = f"{name}, page"
        entry, slug, fields = page_fields(data["page"], where, optional=("body",))
        fields["body"] = stream(entry.get("body") or [], f"{where}, body", self, ConversationToolPage)
        page = PageSpec(ConversationToolPage, "", slug, fields, where)
        cards = items(data["cards"], f"{name}, cards")
        objects, positions = [], {}
        for i in range(len(cards)):
            where = f"{name}, cards{entry_name(cards, i, 'question')}"
            entry = mapping(cards[i], where, required=("perspective", "theme", "question"), optional=("explanation",))
            group = (
                choice(entry["perspective"], Perspective, f"{where}, perspective"),
                choice(entry["theme"], Theme, f"{where}, theme"),
            )
            positions[group] = positions.get(group, 0) + 1
            lookup = {"perspective": group[0], "theme": group[1], "question": text(entry["question"], where)}
            fields = {"explanation": optional_text(entry, "explanation", where), "sort_order": positions[group] * 10}
            objects.append((lookup, fields))
        return page, objects

    def page_specs(self):
        """Every page, in the order the loader writes them (parents first)."""
        return [
            *self.standard_pages,
            self.practice_index,
            self.event_index,
            *self.events,
            self.toolkit_index,
            *self.articles,
            self.glossary_page,
            self.conversation_page,
        ]

    def _check_links(self):
        """No page, practice example or term comes twice, and every link to a page of this site names a page in the
        data."""
        seen = {}
        for spec in self.page_specs():
            if spec.path in seen:
                raise DemoDataError(f"{spec.where}: the slug {spec.slug!r} is already used by {seen[spec.path]}")
            seen[spec.path] = spec.where
        for name, key, objects in [
            ("practice_examples.yaml, examples", "title", self.practice_examples),
            ("glossary.yaml, terms", "term", self.glossary_terms),
        ]:
            values = [lookup[key] for lookup, _fields in objects]
            duplicates = sorted({value for value in values if values.count(value) > 1})
            if duplicates:
                raise DemoDataError(f"{name}: the same {key} twice: {', '.join(duplicates)}")
        known = {""} | set(seen)
        for spec in self.page_specs():
            for ref in _page_refs(spec.fields):
                if ref.path not in known:
                    raise DemoDataError(f"{spec.where}: links to page {ref.path!r}, which is not in the data")
        for ref in _page_refs(self.settings):
            if ref.path not in known:
                raise DemoDataError(f"site.yaml, settings: links to page {ref.path!r}, which is not in the data")


def read_colleges(data_dir=DATA_DIR):
    """The colleges of colleges.yaml, as dicts with key, name, programme, website and contact_email."""
    name = "colleges.yaml"
    data = mapping(read_data(data_dir, name), name, required=("colleges",))
    colleges = items(data["colleges"], f"{name}, colleges")
    keys = ("key", "name", "programme", "website", "contact_email")
    result = []
    for i in range(len(colleges)):
        where = f"{name}, colleges{entry_name(colleges, i, 'key')}"
        entry = mapping(colleges[i], where, required=keys)
        result.append({key: text(entry[key], f"{where}, {key}") for key in keys})
    return result


def _page_refs(value):
    if isinstance(value, PageRef):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _page_refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from _page_refs(item)


# The six colleges of seed 001 (colleges.yaml): contact cards in the toolkit, Institution snippets in routes/demo.py.
COLLEGES = read_colleges()


# --- writing the data ------------------------------------------------------------------------------------------------


class PageLookup:
    """Pages by their place under the home page, for links (as a page's id) and page fields (as the page)."""

    def __init__(self, home):
        self.pages = {"": home}

    def add(self, path, page):
        self.pages[path] = page

    def get(self, ref, where):
        if ref.path not in self.pages:
            node = self.pages[""]
            for slug in ref.path.split("/"):
                node = Page.objects.child_of(node).filter(slug=slug).first() if node else None
            if node is None:
                raise DemoDataError(f"{where}: links to page {ref.path!r}, which does not exist")
            self.pages[ref.path] = node
        return self.pages[ref.path]

    def resolve(self, value, where):
        """value with every PageRef inside stream data replaced by that page's id."""
        if isinstance(value, PageRef):
            return self.get(value, where).pk
        if isinstance(value, dict):
            return {key: self.resolve(item, where) for key, item in value.items()}
        if isinstance(value, list):
            return [self.resolve(item, where) for item in value]
        return value


def relative_date(parent, slug, date):
    """A RelativeDate made real: the event keeps its date while it is still ahead; once it has passed, it moves
    that many days ahead of today. So a second run on the same day changes nothing, and the home page always has
    an event to show."""
    if not isinstance(date, RelativeDate):
        return date
    today = timezone.localdate()
    existing = EventPage.objects.child_of(parent).filter(slug=slug).first()
    if existing and existing.start_date >= today:
        return existing.start_date
    return today + dt.timedelta(days=date.days)


def ensure_home_page(data, tally):
    ensure_tree_root()
    remove_welcome_page()
    root = Page.get_first_root_node()
    existing = HomePage.objects.child_of(root).filter(locale=default_locale()).first()
    return upsert_page(root, HomePage, existing.slug if existing else "home", tally, **data.home_fields)


def default_locale():
    """The locale of the site's own pages (LANGUAGE_CODE: Dutch)."""
    from django.conf import settings

    from wagtail.coreutils import get_supported_content_language_variant

    return Locale.objects.get(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))


def ensure_translation(page, language_code, tally, **fields):
    """The page's translation into this language (same translation key, Wagtail's ``copy_for_translation``), created
    when missing, brought up to date with fields and published when it differs or is a draft."""
    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    translation = page.get_translation_or_none(locale)
    created = translation is None
    if created and "slug" in fields:
        # What copy_for_translation does, with the translation's own slug from the start: a slug changed afterwards
        # would leave a redirect from the Dutch slug under the language's prefix (wagtail.contrib.redirects).
        translation = page.specific.copy(
            to=page.get_parent().get_translation(locale),
            update_attrs={"locale": locale, "slug": fields["slug"]},
            copy_revisions=False,
            keep_live=False,
            reset_translation_key=False,
            log_action="wagtail.copy_for_translation",
        )
    elif created:
        translation = page.copy_for_translation(locale)
    translation = translation.specific
    changed = apply_changes(translation, fields)
    if created or changed or not translation.live or translation.has_unpublished_changes:
        translation.save_revision().publish()
    tally.count(created=created, changed=bool(changed) and not created)
    return translation


def ensure_english_home_page(home, data, tally):
    """The English home page (/en/), a translation of the Dutch one: its own texts. Its buttons and its call to
    register point at English pages made by the later steps, so load_translations sets them; the route pages featured
    on it are the routes app's (routes/demo.py)."""
    if data.english_home_fields is None:
        return None
    return ensure_translation(home, "en", tally, **data.english_home_fields)


def english_page(dutch_page, language_code="en"):
    """The live translation of a Dutch page, as its specific type, or None."""
    if dutch_page is None:
        return None
    locale = Locale.objects.filter(language_code=language_code).first()
    translation = dutch_page.get_translation_or_none(locale) if locale else None
    return translation.specific if translation is not None and translation.live else None


def ensure_english_pages(english_home, data, tally):
    """The English pages without a Dutch counterpart (english.yaml, pages) under the English home page."""
    pages = PageLookup(english_home)
    for spec in data.english_pages:
        write_page(spec, pages, tally)


def ensure_english_translations(home, data, tally):
    """The English versions of Dutch pages (english.yaml, translations) whose Dutch page exists: Wagtail translations
    (copy_for_translation) under the English home page, with their English slug and texts. Returns them by the Dutch
    page's place ({"privacy": page, ...})."""
    found = {}
    for spec in data.english_translations:
        node = home
        for slug in spec.source.path.split("/"):
            node = Page.objects.child_of(node).filter(slug=slug, locale=home.locale_id).first() if node else None
        if node is None:
            continue
        fields = {"slug": spec.slug, **spec.fields}
        if not hasattr(node.specific_class, "body"):
            fields.pop("body", None)
        found[spec.source.path] = ensure_translation(node.specific, "en", tally, **fields)
    return found


def ensure_english_home_links(home, data, context, tally):
    """The English home page's main button (the English route finder, when the routes app made one) and its call to
    register (the English registration page): English pages only, never the Dutch ones the copy started with."""
    english_home = english_page(home)
    if english_home is None:
        return None
    registration = english_page(context.get("registration_page"))
    finder = english_page(context.get("route_finder"))
    links = data.english_home_links
    changed = apply_changes(
        english_home,
        {
            "primary_action": finder,
            "primary_action_label": links.get("primary_action_label", "") if finder else "",
            "register_page": registration,
            "register_title": links.get("register_title", "") if registration else "",
            "register_text": links.get("register_text", "") if registration else "",
        },
    )
    if changed:
        english_home.save_revision().publish()
    tally.count(changed=bool(changed))
    return english_home


def ensure_default_site(home, site_name, tally):
    """The default Site points at the home page (localhost:80; other host names fall back to it)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=site_name
        )
        tally.count(created=True)
        return site
    changed = apply_changes(site, {"hostname": "localhost", "port": 80, "root_page": home, "site_name": site_name})
    if changed:
        site.save()
    tally.count(changed=bool(changed))
    return site


def write_page(spec, pages, tally):
    parent = pages.get(PageRef(spec.parent), spec.where) if spec.parent else pages.pages[""]
    fields = pages.resolve(spec.fields, spec.where)
    if "start_date" in fields:
        fields["start_date"] = relative_date(parent, spec.slug, fields["start_date"])
    page = upsert_page(parent, spec.model, spec.slug, tally, **fields)
    for relation, (model, rows) in spec.children.items():
        set_orderables(page, relation, model, rows, tally)
    pages.add(spec.path, page)
    return page


def load_site_settings(site, data, pages, tally):
    settings = SiteSettings.for_site(site)
    fields = dict(data.settings, site_name=data.site_name)
    fields["privacy_page"] = pages.get(fields["privacy_page"], "site.yaml, settings, privacy_page")
    fields["footer_links"] = pages.resolve(fields["footer_links"], "site.yaml, settings, footer_links")
    changed = apply_changes(settings, fields)
    if changed:
        settings.save()
    tally.count(changed=bool(changed))


def load(context, data_dir=DATA_DIR):
    """Build the content app's part of the tree from the data files in data_dir. Puts the home page, site, privacy
    page and contact page in context for the later steps.

    The route pages and the route finder come next (routes/demo.py); it also sets the home page's main button and
    featured routes, because those point at route pages.
    """
    data = DemoData(data_dir)
    tally = Tally()
    home = ensure_home_page(data, tally)
    site = ensure_default_site(home, data.site_name, tally)
    english_home = ensure_english_home_page(home, data, tally)
    pages = PageLookup(home)
    for spec in data.standard_pages:
        write_page(spec, pages, tally)
    write_page(data.practice_index, pages, tally)
    for lookup, fields in data.practice_examples:
        upsert_object(PracticeExample, lookup, tally, **fields)
    for spec in [data.event_index, *data.events, data.toolkit_index, *data.articles, data.glossary_page]:
        write_page(spec, pages, tally)
    for lookup, fields in data.glossary_terms:
        upsert_object(GlossaryTerm, lookup, tally, **fields)
    write_page(data.conversation_page, pages, tally)
    for lookup, fields in data.conversation_cards:
        upsert_object(ConversationCard, lookup, tally, **fields)
    load_site_settings(site, data, pages, tally)
    if english_home is not None:
        # Before the routes: their English pages link to "Dutch for teaching".
        ensure_english_pages(english_home, data, tally)
        ensure_english_translations(home, data, tally)
    privacy = pages.get(data.settings["privacy_page"], "site.yaml, settings, privacy_page")
    contact = pages.get(PageRef("contact"), "pages.yaml (the contact page, slug contact)")
    context.update(home=home, site=site, privacy_page=privacy, contact_page=contact, content_data=data)
    return tally


def load_translations(context):
    """The last step, after the other apps' (config's load_demo_content): the English versions of the pages they
    made (the registration page), and the English home page's buttons, which point at English pages of theirs."""
    tally = Tally()
    home = context["home"]
    data = context.get("content_data") or DemoData()
    if data.english_home_fields is not None:
        ensure_english_translations(home, data, tally)
        ensure_english_home_links(home, data, context, tally)
    return tally
