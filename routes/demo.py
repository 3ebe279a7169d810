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
"""

import re
from pathlib import Path

from django.core.exceptions import ValidationError

from content.demo import (
    COLLEGES,
    DemoDataError,
    PageLookup,
    Tally,
    apply_changes,
    flag,
    items,
    mapping,
    orderable_rows,
    read_data,
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


def title_and_intro(entry, where):
    entry = mapping(entry, where, required=("title",), optional=("intro",))
    return {
        "title": text(entry["title"], f"{where}, title"),
        "intro": text(entry.get("intro") or "", f"{where}, intro"),
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


def load(context, data_dir=DATA_DIR):
    """Regions, colleges, the route pages and the route finder, under the home page in context.

    Every data file is read and checked before anything is written.
    """
    data = read_routes(data_dir)
    tally = Tally()
    home = context["home"]
    regions = load_regions(data_dir, tally)
    institutions = load_institutions(data_dir, regions, tally)
    index, routes, finder = load_routes(home, data, institutions, tally)
    feature_on_home_page(home, routes, data["featured"], finder, tally)
    context.update(regions=regions, institutions=institutions, route_index=index, routes=routes, route_finder=finder)
    return tally
