"""Demo content for the content app, and the helpers that keep every app's demo loader idempotent.

The loader looks pages up by slug under their parent and snippets by a natural key, compares the fields it manages,
and only saves (a new revision, published) when something differs. Running it twice therefore changes nothing.
"""

from django.contrib.contenttypes.models import ContentType

from modelcluster.fields import ParentalManyToManyField
from wagtail.fields import StreamField
from wagtail.models import Page, Site

from content.models import HomePage

SITE_NAME = "Word techniekdocent"


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
        "value": {"name": name, "role": role, "organisation": organisation, "email": email, "phone": phone,
                  "website": website},
    }


# --- the site root ---------------------------------------------------------------------------------------------------


def remove_welcome_page():
    """Delete Wagtail's "Welcome to your new Wagtail site!" page (a bare Page without children under the root).

    Its Site goes with it (Site.root_page cascades); the loader makes a new default Site for the home page.
    """
    root = Page.get_first_root_node()
    bare_page = ContentType.objects.get_for_model(Page)
    for page in Page.objects.child_of(root).filter(content_type=bare_page, numchild=0):
        page.delete()


def ensure_home_page(tally):
    remove_welcome_page()
    root = Page.get_first_root_node()
    existing = HomePage.objects.child_of(root).first()
    return upsert_page(
        root,
        HomePage,
        existing.slug if existing else "home",
        tally,
        title=SITE_NAME,
        intro="Wil je jouw vak doorgeven aan jonge mensen? Hier lees je hoe je docent wordt in het technisch vmbo of "
        "mbo, ook als je nu nog in de techniek werkt.",
        hero_title="Geef jouw vak door: word docent in de techniek",
        hero_text="Scholen in het vmbo en mbo zoeken vakmensen die willen lesgeven. Er zijn meer routes naar de klas "
        "dan je denkt: naast je baan, in deeltijd of in een paar maanden. Ontdek welke route bij jou past.",
        primary_action_label="Welke route past bij mij?",
        featured_routes_title="Routes naar het techniekonderwijs",
        register_title="Laat weten dat je interesse hebt",
        register_text="Vul één kort formulier in. Iemand van het loket in jouw regio neemt binnen een maand contact "
        "met je op. Samen kijken jullie welke school en welke route bij je passen.",
    )


def ensure_default_site(home, tally):
    """The default Site points at the home page (localhost:80; other host names fall back to it)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                                   site_name=SITE_NAME)
        tally.count(created=True)
        return site
    changed = apply_changes(site, {"hostname": "localhost", "port": 80, "root_page": home, "site_name": SITE_NAME})
    if changed:
        site.save()
    tally.count(changed=bool(changed))
    return site


def load(context):
    """Build the content app's part of the tree. Puts the home page and site in context for the later steps."""
    tally = Tally()
    home = ensure_home_page(tally)
    site = ensure_default_site(home, tally)
    context.update(home=home, site=site)
    return tally
