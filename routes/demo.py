"""Demo content for the routes app: regions, the colleges' regions, the route pages and the route finder.

The content is data in ``routes/data/`` (YAML, read with content.demo's helpers; README.md there says how a file is
built). This module only reads, checks and writes it, idempotently: a second run changes nothing.

The facts of every route follow ``shared/domain/routes-facts.md`` (section A). They are chosen so that a finder which
matches a visitor's answers on the structured fields gives the routes of the decision table (section B):

- entry level: ``accepts_*``; ``requires_foreign_teaching_qualification`` only for routes that need a teaching
  qualification from abroad;
- work experience: ``vereist`` (with ``min_years_experience``) excludes people without it; ``nuttig`` and
  ``niet-nodig`` do not;
- keeping a job: ``ja`` fits alongside a job, ``deeltijd`` fits with a part-time school job beside it, ``nee`` means
  (nearly) full-time in education;
- goal: a teaching qualification (tweedegraads, beperkt-tweedegraads, pdg) versus a supporting role or none.

Zij-instroom has two pages because its entry rules differ by diploma: with hbo or wo, work experience helps but is not
required (row 8); with mbo-4 it is only open for the vocational vmbo profiles and needs work experience (rows 1, 5).

Some routes have an English translation (``data/en/``): a Wagtail translation of the Dutch page (same translation
key, locale ``en``, under the English home page), with English text and the English words of the text facts. Its
other facts, its sources and its programmes are the Dutch page's, so the two cannot disagree.
"""

import re
from pathlib import Path

from django.core.exceptions import ValidationError

from wagtail.models import Locale, Page

from content.demo import (
    COLLEGES,
    DemoDataError,
    PageLookup,
    Tally,
    apply_changes,
    ensure_translation,
    flag,
    items,
    link,
    mapping,
    orderable_rows,
    read_data,
    read_more,
    set_orderables,
    stream,
    text,
    upsert_object,
    upsert_page,
)
from routes.admin_forms import FACT_SOURCE_FIELDS
from routes.models import (
    Institution,
    PostcodeRange,
    Region,
    RouteFinderPage,
    RouteIndexPage,
    RoutePage,
    RouteProgramme,
    RouteStep,
    Source,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
ROUTES_DIR = "routes"  # one file per route page: routes/<slug>.yaml

# The keys of a route's file besides its facts; every key under "facts:" is a RoutePage field.
PAGE_TEXT = ("title", "intro", "for_whom", "body")
ROUTE_KEYS = (*PAGE_TEXT, "facts", "programmes", "sources", "timeline")

# The English translations: en/routes.yaml, and en/routes/<Dutch slug>.yaml for each translated route.
ENGLISH_DIR = "en"
ENGLISH = "en"
# The facts that are words, so a translation gives them in its own language; every other fact is the Dutch page's.
TEXT_FACTS = (
    "only_for_group",
    "experience_note",
    "qualification_note",
    "duration",
    "study_load",
    "cost_note",
    "funding",
)


# --- reading the data ------------------------------------------------------------------------------------------------


def fact_fields():
    """The RoutePage fields a route's "facts:" may set: its own plain fields (no links to other objects), apart from
    the page text."""
    return {
        field.name: field
        for field in RoutePage._meta.local_concrete_fields
        if not field.is_relation and field.name not in PAGE_TEXT
    }


def fact_value(field, value, where):
    """A fact as the field stores it; a choice field takes its stored value (work_experience: vereist)."""
    if field.choices:
        allowed = [str(key) for key, _label in field.flatchoices]
        if value not in allowed and not (field.blank and value == ""):
            raise DemoDataError(f"{where}: {value!r} is not one of {', '.join(allowed)}")
        return value
    if isinstance(value, str):
        value = value.strip()
    if value is None and not field.null:
        raise DemoDataError(f"{where}: has no value (leave the line out to use the default)")
    try:
        return field.to_python(value)
    except ValidationError as error:
        raise DemoDataError(f"{where}: {value!r}: {' '.join(error.messages)}") from error


def read_facts(facts, where, fields):
    """A route's facts: {field name: value}. An unknown key is an error that names it."""
    result = {}
    for key, value in mapping(facts, where, optional=tuple(fields)).items():
        result[key] = fact_value(fields[key], value, f"{where}, {key}")
    return result


def read_programmes(programmes, where, colleges):
    """[(college key, programme name, url)] of a route; a college must be one of colleges.yaml."""
    result = []
    for i, entry in enumerate(items(programmes, where)):
        here = f"{where}[{i}]"
        entry = mapping(entry, here, required=("college", "name"), optional=("url",))
        college = entry["college"]
        if college not in colleges:
            raise DemoDataError(
                f"{here} ({entry['name']}): unknown college {college!r} (colleges.yaml has: {', '.join(colleges)})"
            )
        result.append((college, text(entry["name"], f"{here}, name"), str(entry.get("url") or "").strip()))
    return result


def read_sources(data_dir=DATA_DIR):
    """sources.yaml: the sources route facts rely on, {code: fields}; a code comes once."""
    name = "sources.yaml"
    where = str(Path(data_dir) / name)
    sources = {}
    for i, entry in enumerate(items(read_data(data_dir, name), where)):
        here = f"{where}[{i}]"
        entry = mapping(entry, here, required=("code", "title"), optional=("publisher", "published", "url"))
        code = text(entry["code"], f"{here}, code")
        if code in sources:
            raise DemoDataError(f"{here}: the code {code} is already used")
        sources[code] = {
            key: text(entry.get(key) or "", f"{here}, {key}") for key in ("title", "publisher", "published", "url")
        }
    return sources


def read_fact_sources(value, where, codes):
    """A route's "sources:": {fact group: source code}, one for every group of facts (FACT_SOURCE_FIELDS)."""
    entry = mapping(value, where, required=tuple(FACT_SOURCE_FIELDS))
    unknown = {group: code for group, code in entry.items() if code not in codes}
    if unknown:
        raise DemoDataError(
            f"{where}: unknown source {', '.join(f'{g}: {c}' for g, c in unknown.items())} (sources.yaml has the codes)"
        )
    return {FACT_SOURCE_FIELDS[group]: code for group, code in entry.items()}


def read_route(data_dir, slug, defaults, fields, colleges, codes):
    """One route's file as {"slug", "page": the page's field values, "programmes"}."""
    name = f"{ROUTES_DIR}/{slug}.yaml"
    where = f"{Path(data_dir) / name}: route {slug}"
    if not (Path(data_dir) / name).exists():
        raise DemoDataError(f"{Path(data_dir) / 'routes.yaml'}: lists route {slug!r}, but there is no {name}")
    data = mapping(
        read_data(data_dir, name), where, required=("title", "for_whom", "facts", "sources"), optional=ROUTE_KEYS
    )
    page = {
        **defaults,
        "title": text(data["title"], f"{where}, title"),
        "intro": text(data.get("intro") or "", f"{where}, intro"),
        "for_whom": text(data["for_whom"], f"{where}, for_whom"),
        "body": stream(data.get("body") or [], f"{where}, body", None, RoutePage),
        **read_facts(data["facts"], f"{where}, facts", fields),
    }
    programmes = read_programmes(data.get("programmes") or [], f"{where}, programmes", colleges)
    return {
        "slug": slug,
        "where": where,
        "page": page,
        "programmes": programmes,
        "sources": read_fact_sources(data["sources"], f"{where}, sources", codes),
        "timeline": orderable_rows(
            data.get("timeline") or [], f"{where}, timeline", required=("title",), optional=("months", "description")
        ),
    }


def read_routes(data_dir=DATA_DIR):
    """routes.yaml and every routes/<slug>.yaml, checked: {"index", "routes", "featured", "finder"}."""
    name = "routes.yaml"
    where = str(Path(data_dir) / name)
    data = mapping(
        read_data(data_dir, name),
        where,
        required=("index", "routes"),
        optional=("featured_on_home_page", "fact_defaults"),
    )
    fields = fact_fields()
    defaults = read_facts(data.get("fact_defaults") or {}, f"{where}, fact_defaults", fields)
    colleges = read_college_regions(data_dir)
    sources = read_sources(data_dir)
    slugs = [text(slug, f"{where}, routes") for slug in items(data["routes"], f"{where}, routes")]
    unlisted = sorted({path.stem for path in (Path(data_dir) / ROUTES_DIR).glob("*.yaml")} - set(slugs))
    if unlisted:
        raise DemoDataError(f"{where}, routes: {', '.join(unlisted)} has a file in {ROUTES_DIR}/ but is not listed")
    featured = items(data.get("featured_on_home_page") or [], f"{where}, featured_on_home_page")
    unknown = [slug for slug in featured if slug not in slugs]
    if unknown:
        raise DemoDataError(f"{where}, featured_on_home_page: unknown route {', '.join(map(str, unknown))}")
    return {
        "index": title_and_intro(data["index"], f"{where}, index"),
        "routes": [read_route(data_dir, slug, defaults, fields, colleges, sources) for slug in slugs],
        "sources": sources,
        "featured": featured,
        "finder": title_and_intro(read_data(data_dir, "finder.yaml"), str(Path(data_dir) / "finder.yaml")),
    }


def read_all(data_dir=DATA_DIR):
    """read_routes, with the English translations under "english"."""
    data = read_routes(data_dir)
    data["english"] = read_english(data_dir, data["routes"])
    return data


def title_and_intro(entry, where):
    entry = mapping(entry, where, required=("title",), optional=("intro",))
    return {
        "title": text(entry["title"], f"{where}, title"),
        "intro": text(entry.get("intro") or "", f"{where}, intro"),
    }


# --- reading the English translations ---------------------------------------------------------------------------------


def read_english_route(data_dir, route, fields):
    """en/routes/<Dutch slug>.yaml: the English text of one route page, its text facts in English and its steps in
    English (the months are the Dutch page's), as {"slug", "where", "page", "timeline"}."""
    slug = route["slug"]
    name = f"{ENGLISH_DIR}/{ROUTES_DIR}/{slug}.yaml"
    where = f"{Path(data_dir) / name}: English route {slug}"
    if not (Path(data_dir) / name).exists():
        raise DemoDataError(
            f"{Path(data_dir) / ENGLISH_DIR / 'routes.yaml'}: lists route {slug!r}, but there is no {name}"
        )
    data = mapping(
        read_data(data_dir, name),
        where,
        required=("slug", "title", "for_whom", "facts"),
        optional=("intro", "body", "timeline"),
    )
    facts = mapping(data["facts"], f"{where}, facts", optional=TEXT_FACTS)
    dutch_steps = route["timeline"]
    steps = orderable_rows(
        data.get("timeline") or [], f"{where}, timeline", required=("title",), optional=("description",)
    )
    if len(steps) != len(dutch_steps):
        raise DemoDataError(
            f"{where}, timeline: has {len(steps)} steps, the Dutch page has {len(dutch_steps)}: translate each of them"
        )
    return {
        "slug": slug,
        "where": where,
        "page": {
            **{key: value for key, value in route["page"].items() if key not in PAGE_TEXT},
            **{key: fact_value(fields[key], value, f"{where}, facts, {key}") for key, value in facts.items()},
            "slug": text(data["slug"], f"{where}, slug"),
            "title": text(data["title"], f"{where}, title"),
            "intro": text(data.get("intro") or "", f"{where}, intro"),
            "for_whom": text(data["for_whom"], f"{where}, for_whom"),
            "body": stream(data.get("body") or [], f"{where}, body", None, RoutePage),
        },
        "timeline": [
            {**step, **({"months": dutch["months"]} if "months" in dutch else {})}
            for step, dutch in zip(steps, dutch_steps, strict=True)
        ],
    }


def read_english(data_dir, routes):
    """en/routes.yaml and its route files, checked against the Dutch routes they translate: {"index", "finder",
    "routes", "home_page", "dutch_for_teaching"}; None when the data has no English translations."""
    name = f"{ENGLISH_DIR}/routes.yaml"
    where = str(Path(data_dir) / name)
    if not (Path(data_dir) / name).exists():
        return None
    data = mapping(
        read_data(data_dir, name),
        where,
        required=("index", "finder", "routes"),
        optional=("home_page", "dutch_for_teaching"),
    )
    dutch = {route["slug"]: route for route in routes}
    slugs = [text(slug, f"{where}, routes") for slug in items(data["routes"], f"{where}, routes")]
    unknown = [slug for slug in slugs if slug not in dutch]
    if unknown:
        raise DemoDataError(f"{where}, routes: no Dutch route {', '.join(unknown)} to translate")
    unlisted = sorted({path.stem for path in (Path(data_dir) / ENGLISH_DIR / ROUTES_DIR).glob("*.yaml")} - set(slugs))
    if unlisted:
        raise DemoDataError(
            f"{where}, routes: {', '.join(unlisted)} has a file in {ENGLISH_DIR}/{ROUTES_DIR}/ but is not listed"
        )
    fields = fact_fields()
    english = [read_english_route(data_dir, dutch[slug], fields) for slug in slugs]
    taken = {}
    for route in english:
        if route["page"]["slug"] in taken:
            raise DemoDataError(
                f"{route['where']}, slug: {route['page']['slug']!r} is also {taken[route['page']['slug']]}'s"
            )
        taken[route["page"]["slug"]] = route["slug"]
    home_page = mapping(
        data.get("home_page") or {"title": ""}, f"{where}, home_page", required=("title",), optional=("featured",)
    )
    featured = items(home_page.get("featured") or [], f"{where}, home_page, featured")
    not_translated = [str(slug) for slug in featured if slug not in slugs]
    if not_translated:
        raise DemoDataError(
            f"{where}, home_page, featured: {', '.join(not_translated)} is not one of the English routes"
        )
    return {
        "index": english_page(data["index"], f"{where}, index"),
        "finder": english_page(data["finder"], f"{where}, finder"),
        "routes": english,
        "home_page": {"title": text(home_page["title"], f"{where}, home_page, title"), "featured": featured},
        "dutch_for_teaching": read_dutch_for_teaching(
            data.get("dutch_for_teaching"), f"{where}, dutch_for_teaching", slugs
        ),
    }


def english_page(entry, where):
    entry = mapping(entry, where, required=("slug", "title"), optional=("intro",))
    return {"slug": text(entry["slug"], f"{where}, slug")} | title_and_intro(
        {key: value for key, value in entry.items() if key != "slug"}, where
    )


def read_dutch_for_teaching(entry, where, slugs):
    """The link to the English page "Dutch for teaching" (content's data) and the routes that show it."""
    if entry is None:
        return None
    entry = mapping(entry, where, required=("page", "title", "routes"))
    routes = [text(slug, f"{where}, routes") for slug in items(entry["routes"], f"{where}, routes")]
    unknown = [slug for slug in routes if slug not in slugs]
    if unknown:
        raise DemoDataError(f"{where}, routes: {', '.join(unknown)} is not one of the English routes")
    return {
        "page": text(entry["page"], f"{where}, page"),
        "title": text(entry["title"], f"{where}, title"),
        "routes": routes,
    }


def postcode_range(value, where):
    match = re.fullmatch(r"\s*(\d{4})\s*-\s*(\d{4})\s*", str(value))
    if not match or int(match[1]) > int(match[2]):
        raise DemoDataError(f"{where}: expected a postcode range such as 7740-7999, found {value!r}")
    return int(match[1]), int(match[2])


def read_regions(data_dir=DATA_DIR):
    """The regions of regions.yaml, as dicts with name, provinces, description, website, contact_email, phone,
    is_default and ranges."""
    where = str(Path(data_dir) / "regions.yaml")
    regions = []
    for i, entry in enumerate(items(read_data(data_dir, "regions.yaml"), where)):
        here = f"{where}[{i}]"
        entry = mapping(
            entry,
            here,
            required=("name", "description"),
            optional=("provinces", "website", "email", "phone", "default", "postcodes"),
        )
        here = f"{here} ({entry['name']})"
        regions.append(
            {
                "name": text(entry["name"], here),
                "provinces": text(entry.get("provinces") or "", f"{here}, provinces"),
                "description": text(entry["description"], f"{here}, description"),
                "website": text(entry.get("website") or "", f"{here}, website"),
                "contact_email": text(entry.get("email") or "", f"{here}, email"),
                "phone": text(entry.get("phone") or "", f"{here}, phone"),
                "is_default": flag(entry.get("default", False), f"{here}, default"),
                "ranges": [
                    postcode_range(value, f"{here}, postcodes")
                    for value in items(entry.get("postcodes") or [], f"{here}, postcodes")
                ],
            }
        )
    return regions


def read_college_regions(data_dir=DATA_DIR):
    """{college key: {"region": region name, "ecpb_member": bool}} for every college of content.demo.COLLEGES."""
    where = str(Path(data_dir) / "colleges.yaml")
    data = read_data(data_dir, "colleges.yaml")
    if not isinstance(data, dict):
        raise DemoDataError(f"{where}: expected one entry per college (windesheim: ...), found {data!r}")
    known = [college["key"] for college in COLLEGES]
    regions = [region["name"] for region in read_regions(data_dir)]
    result = {}
    for key, entry in data.items():
        here = f"{where}: college {key}"
        if key not in known:
            raise DemoDataError(f"{here}: unknown college (content's colleges are: {', '.join(known)})")
        entry = mapping(entry, here, required=("region",), optional=("ecpb_member",))
        if entry["region"] not in regions:
            raise DemoDataError(f"{here}: unknown region {entry['region']!r} (regions.yaml has: {', '.join(regions)})")
        result[key] = {"region": entry["region"], "ecpb_member": flag(entry.get("ecpb_member", True), here)}
    missing = [key for key in known if key not in result]
    if missing:
        raise DemoDataError(f"{where}: no region for college {', '.join(missing)}")
    return result


# --- writing it ------------------------------------------------------------------------------------------------------


def load_regions(data_dir, tally):
    regions = {}
    for spec in read_regions(data_dir):
        region = upsert_object(
            Region,
            {"name": spec["name"]},
            tally,
            provinces=spec["provinces"],
            description=spec["description"],
            website=spec["website"],
            contact_email=spec["contact_email"],
            phone=spec["phone"],
            is_default=spec["is_default"],
        )
        wanted = spec["ranges"]
        if list(region.postcode_ranges.order_by("sort_order").values_list("start", "end")) != wanted:
            region.postcode_ranges = [PostcodeRange(start=start, end=end) for start, end in wanted]
            region.save()
            tally.count(changed=True)
        regions[spec["name"]] = region
    return regions


def load_institutions(data_dir, regions, tally):
    college_regions = read_college_regions(data_dir)
    institutions = {}
    for college in COLLEGES:
        institutions[college["key"]] = upsert_object(
            Institution,
            {"name": college["name"]},
            tally,
            programme=college["programme"],
            website=college["website"],
            contact_name="",
            contact_email=college["contact_email"],
            region=regions[college_regions[college["key"]]["region"]],
            is_ecpb_member=college_regions[college["key"]]["ecpb_member"],
        )
    return institutions


def set_programmes(route, programmes, institutions, tally):
    """The route's programmes as its file names them; a new revision only when they differ."""
    wanted = [(institutions[key].pk, name, url) for key, name, url in programmes]
    current = [(p.institution_id, p.name, p.url) for p in route.programmes.order_by("sort_order", "pk")]
    if current == wanted:
        return
    # sort_order as the admin's inline sets it: without it their order in the database is undefined.
    route.programmes = [
        RouteProgramme(institution_id=pk, name=name, url=url, sort_order=position)
        for position, (pk, name, url) in enumerate(wanted)
    ]
    route.save_revision().publish()
    tally.count(changed=True)


def load_sources(sources, tally):
    return {code: upsert_object(Source, {"code": code}, tally, **fields) for code, fields in sources.items()}


def load_routes(home, data, institutions, tally):
    index = upsert_page(home, RouteIndexPage, "routes", tally, **data["index"], show_in_menus=True)
    pages = PageLookup(home)
    sources = load_sources(data["sources"], tally)
    routes = {}
    for route in data["routes"]:
        fields = pages.resolve(route["page"], route["where"])
        fields |= {name: sources[code] for name, code in route["sources"].items()}
        try:
            routes[route["slug"]] = upsert_page(index, RoutePage, route["slug"], tally, **fields)
        except ValidationError as error:
            # Facts that cannot be true together (RoutePage.clean): say which file holds them.
            problems = error.message_dict.items() if hasattr(error, "error_dict") else [("facts", error.messages)]
            raise DemoDataError(
                f"{route['where']}: " + "; ".join(f"{key}: {' '.join(messages)}" for key, messages in problems)
            ) from error
        set_programmes(routes[route["slug"]], route["programmes"], institutions, tally)
        set_orderables(routes[route["slug"]], "timeline", RouteStep, route["timeline"], tally)
    finder = upsert_page(home, RouteFinderPage, "routewijzer", tally, **data["finder"], show_in_menus=True)
    return index, routes, finder


def feature_on_home_page(home, routes, featured, finder, tally):
    """The home page's main button leads to the route finder; it features a few routes."""
    home.refresh_from_db()
    changed = apply_changes(
        home,
        {
            "primary_action": finder,
            "featured_routes": [{"type": "route", "value": routes[slug].pk} for slug in featured],
        },
    )
    if changed:
        home.save_revision().publish()
    tally.count(changed=bool(changed))


def english_home_of(home):
    """The English home page (content's loader makes it), or None when the site has none."""
    locale = Locale.objects.filter(language_code=ENGLISH).first()
    return home.get_translation_or_none(locale) if locale else None


def translate(page, tally, **fields):
    """The English translation of page (content.demo's ensure_translation), with its English slug from the start.

    Wagtail's copy_for_translation gives the copy the Dutch slug, and a later change of slug makes Wagtail's redirects
    app send the Dutch slug's address under /en/ to it, an address that never existed. So a new copy gets its slug
    (and with it its url_path) in the database before it is first published.
    """
    locale = Locale.objects.get(language_code=ENGLISH)
    created = page.get_translation_or_none(locale) is None
    if created:
        copy = page.copy_for_translation(locale)
        parent = copy.get_parent()
        Page.objects.filter(pk=copy.pk).update(slug=fields["slug"], url_path=f"{parent.url_path}{fields['slug']}/")
    step = Tally()
    translation = ensure_translation(page, ENGLISH, step, **fields)
    tally.count(created=created, changed=bool(step.updated))
    return translation


def with_link(body, block):
    """The body with the read_more block's link added to its last "Read more" list (or in a new one at the end)."""
    body = list(body)
    for i in range(len(body) - 1, -1, -1):
        if body[i]["type"] == "read_more":
            body[i] = {
                "type": "read_more",
                "value": {**body[i]["value"], "links": [*body[i]["value"]["links"], *block["value"]["links"]]},
            }
            return body
    return [*body, block]


def dutch_for_teaching_block(english_home, spec):
    """A "Read more" block that links to the English page "Dutch for teaching" (content's data), or None while the
    page does not exist: the routes link to it, they never create it."""
    if spec is None:
        return None
    page = Page.objects.child_of(english_home).filter(slug=spec["page"]).live().first()
    return read_more([link(spec["title"], page=page)], "Read more") if page else None


def load_english(home, data, institutions, index, routes, finder, tally):
    """The English translations of the overview, the finder page and the routes of data/en/, under the English home
    page; nothing when the site has no English home page. Returns (English home, overview, routes by Dutch slug,
    finder)."""
    english = data["english"]
    english_home = english_home_of(home)
    if english is None or english_home is None:
        return english_home, None, {}, None
    english_index = translate(index, tally, **english["index"], show_in_menus=True)
    english_finder = translate(finder, tally, **english["finder"], show_in_menus=True)
    pages = PageLookup(english_home)
    dutch = {route["slug"]: route for route in data["routes"]}
    link_to_dutch_lessons = dutch_for_teaching_block(english_home, english["dutch_for_teaching"])
    translations = {}
    for route in english["routes"]:
        slug = route["slug"]
        fields = dict(route["page"])
        if link_to_dutch_lessons and slug in english["dutch_for_teaching"]["routes"]:
            fields["body"] = with_link(fields["body"], link_to_dutch_lessons)
        fields = pages.resolve(fields, route["where"])
        # The same sources as the Dutch page: a fact keeps its source in both languages.
        fields |= {name: getattr(routes[slug], name) for name in FACT_SOURCE_FIELDS.values()}
        try:
            translations[slug] = translate(routes[slug], tally, **fields)
        except ValidationError as error:
            raise DemoDataError(f"{route['where']}: {' '.join(error.messages)}") from error
        set_programmes(translations[slug], dutch[slug]["programmes"], institutions, tally)
        set_orderables(translations[slug], "timeline", RouteStep, route["timeline"], tally)
    return english_home, english_index, translations, english_finder


def feature_on_english_home_page(english_home, translations, home_page, tally):
    """The English home page features English routes only, under an English heading (its buttons are content's:
    content/demo.py, ensure_english_home_links)."""
    english_home.refresh_from_db()
    changed = apply_changes(
        english_home,
        {
            "featured_routes_title": home_page["title"],
            "featured_routes": [{"type": "route", "value": translations[slug].pk} for slug in home_page["featured"]],
        },
    )
    if changed:
        english_home.save_revision().publish()
    tally.count(changed=bool(changed))


def load(context, data_dir=DATA_DIR):
    """Regions, colleges, the route pages and the route finder, under the home page in context.

    Every data file is read and checked before anything is written.
    """
    data = read_all(data_dir)
    tally = Tally()
    home = context["home"]
    regions = load_regions(data_dir, tally)
    institutions = load_institutions(data_dir, regions, tally)
    index, routes, finder = load_routes(home, data, institutions, tally)
    feature_on_home_page(home, routes, data["featured"], finder, tally)
    english_home, english_index, english_routes, english_finder = load_english(
        home, data, institutions, index, routes, finder, tally
    )
    if english_index is not None:
        feature_on_english_home_page(english_home, english_routes, data["english"]["home_page"], tally)
    context.update(
        regions=regions,
        institutions=institutions,
        route_index=index,
        routes=routes,
        route_finder=finder,
        english_route_index=english_index,
        english_routes=english_routes,
        english_route_finder=english_finder,
    )
    return tally
