"""Every row of the decision table (shared/domain/routes-facts.md, section B) against the demo content: for those
answers, the routes the row names come first on the result page.

Where the table leaves an answer open ("either", "any", "vmbo or mbo"), each value is a case of its own. Where two rows
cover the same answers (rows 3 and 4 for a supporting role in the mbo), a case "3+4" says which comes first.
"""

import re
from urllib.parse import urlencode

import pytest

from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from .finder_html import fitting_routes_html

pytestmark = pytest.mark.django_db

ZIJ_HBO = "zij-instroom"
ZIJ_MBO4 = "zij-instroom-mbo-4"
PDG = "pdg"
KOP = "kopopleiding"
LTB = "leraar-technisch-beroepsonderwijs"
AD = "associate-degree"
INSTRUCTEUR = "instructeur"
HYBRIDE = "hybride-techniekopleider"
ASSISTENT = "onderwijsassistent"
PAL = "pal-en-educatieve-minor"
BUITENLAND = "buitenlands-diploma"
STATUSHOUDERS = "statushouders-voor-de-klas"
GASTDOCENT = "gastdocent"


def case(row, education, experience, job, sector, role, first, *, then=(), near=(), foreign_teacher=None, study=None):
    """One set of answers and the routes that must come first (in any order), then the ones after them. ``study``
    is (what, year) for a student."""
    answers = {"opleiding": education}
    if foreign_teacher:
        answers["bevoegd"] = foreign_teacher
    if study:
        answers["studie"], answers["studiejaar"] = study
    answers.update({"ervaring": experience, "baan": job, "sector": sector, "rol": role})
    name = f"row {row}: " + ", ".join(answers.values())
    return pytest.param(answers, [set(first)] + ([set(then)] if then else []), set(near), id=name)


def each(values):
    return values.split()


CASES = [
    # 1: mbo-4, years of experience, switching, vmbo, a full teacher: zij-instroom for a vocational profile or the
    # part-time LTB bachelor.
    case(1, "mbo4", "lang", "nee", "vmbo", "docent", {ZIJ_MBO4, LTB}),
    # 2: the same for the mbo: PDG (3+ years), otherwise the part-time LTB.
    case(2, "mbo4", "lang", "nee", "mbo", "docent", {PDG}, then={LTB}),
    # 3: mbo-4 with experience who keeps the job, a supporting role: hybride techniekopleider, gastdocent.
    *[
        case(3, "mbo4", experience, "ja", sector, "ondersteunend", {HYBRIDE, GASTDOCENT})
        for experience in each("kort lang")
        for sector in each("vmbo geen-voorkeur")
    ],
    # 3+4: in the mbo, the instructeur (row 4) comes first, then the routes of row 3.
    case("3+4", "mbo4", "lang", "ja", "mbo", "ondersteunend", {INSTRUCTEUR}, then={HYBRIDE, GASTDOCENT}),
    # 4: mbo-4 with experience, job either way, mbo, supporting: instructeur.
    *[
        case(4, "mbo4", experience, job, "mbo", "ondersteunend", {INSTRUCTEUR})
        for experience in each("kort lang")
        for job in each("ja nee weet-niet")
    ],
    # 5: mbo-4 without experience, a full teacher: the LTB bachelor; zij-instroom does not fit (it needs experience).
    *[
        case(5, "mbo4", "geen", job, sector, "docent", {LTB}, near={ZIJ_MBO4} if sector == "vmbo" else ())
        for job in each("ja nee weet-niet")
        for sector in each("vmbo mbo geen-voorkeur")
    ],
    # 6: mbo-4, supporting (without experience, else rows 3 and 4 apply): onderwijsassistent or TOA, Ad. The
    # onderwijsassistent course is a full-time mbo-4 course of 3 years (S30) and no source names an Ad beside a school
    # job (S27): for someone who keeps their job they are near misses, not fits; the part-time LTB bachelor ("meestal
    # naast je huidige baan", S16; direct entry with mbo-4, S18) is what fits beside the job.
    *[
        case(6, "mbo4", "geen", job, sector, "ondersteunend", {ASSISTENT, AD})
        for job in each("nee weet-niet")
        for sector in each("vmbo mbo geen-voorkeur")
    ],
    *[
        case(6, "mbo4", "geen", "ja", sector, "ondersteunend", {LTB}, near={ASSISTENT, AD})
        for sector in each("vmbo mbo geen-voorkeur")
    ],
    # 7: hbo with experience, switching, mbo, a full teacher: PDG or zij-instroom.
    case(7, "hbo", "lang", "nee", "mbo", "docent", {PDG, ZIJ_HBO}),
    # 8: hbo or wo, with or without experience, switching, vmbo: zij-instroom, kopopleiding.
    *[
        case(8, education, experience, "nee", "vmbo", "docent", {ZIJ_HBO, KOP})
        for education in each("hbo wo")
        for experience in each("geen kort lang")
    ],
    # 9: hbo or wo with experience who keeps the job: PDG (mbo) or zij-instroom (vmbo); otherwise gastdocent or HTO.
    *[
        case(9, education, "lang", "ja", "mbo", "docent", {PDG}, then={ZIJ_HBO}, near={GASTDOCENT, HYBRIDE})
        for education in each("hbo wo")
    ],
    *[
        case(9, education, "lang", "ja", "vmbo", "docent", {ZIJ_HBO}, near={GASTDOCENT, HYBRIDE})
        for education in each("hbo wo")
    ],
    case(9, "hbo", "lang", "ja", "geen-voorkeur", "docent", {PDG, ZIJ_HBO}, near={GASTDOCENT, HYBRIDE}),
    # A graduate needs "several years of relevant work experience" for the PDG (S6), not a fixed 3 (that is for
    # people without an hbo or wo diploma, S8): with less than 3 years the PDG still fits, its condition named.
    case(9, "wo", "kort", "ja", "mbo", "docent", {PDG}, then={ZIJ_HBO}, near={GASTDOCENT, HYBRIDE}),
    case("9 (S8)", "mbo4", "kort", "ja", "mbo", "docent", {LTB}, near={PDG}),
    # 10: wo, switching: as rows 7 and 8.
    case(10, "wo", "lang", "nee", "mbo", "docent", {PDG, ZIJ_HBO}),
    *[case(10, "wo", experience, "nee", "vmbo", "docent", {ZIJ_HBO, KOP}) for experience in each("geen lang")],
    case(10, "wo", "geen", "nee", "mbo", "docent", {ZIJ_HBO, KOP}, near={PDG}),
    # 11: a student, supporting, in the vo: PAL and the educatieve minor. PAL is for 2nd- and 3rd-year university
    # students (S34); the educatieve minor is a university one (S25).
    *[
        case(11, "student", experience, job, "vmbo", "ondersteunend", {PAL}, study=("wo", year))
        for experience, job, year in (("geen", "weet-niet", "2"), ("kort", "ja", "3"), ("geen", "nee", "2"))
    ],
    # 12: a foreign diploma with a teaching qualification: DUO recognition (and a PDA for the mbo); Statushouders
    # voor de Klas.
    *[
        case(12, "buitenland", experience, job, "vmbo", "docent", {BUITENLAND, STATUSHOUDERS}, foreign_teacher="ja")
        for experience in each("geen lang")
        for job in each("nee weet-niet")
    ],
    *[
        case(12, "buitenland", experience, job, "mbo", "docent", {BUITENLAND}, foreign_teacher="ja")
        for experience in each("geen lang")
        for job in each("nee weet-niet")
    ],
    # 13: a foreign diploma without a teaching qualification, any answers: have it valued (Nuffic/SBB) first.
    *[
        case(13, "buitenland", experience, job, sector, role, {BUITENLAND}, foreign_teacher="nee")
        for experience, job, sector, role in (
            ("geen", "weet-niet", "geen-voorkeur", "docent"),
            ("lang", "nee", "vmbo", "docent"),
            ("kort", "ja", "mbo", "ondersteunend"),
            ("lang", "ja", "geen-voorkeur", "ondersteunend"),
            ("kort", "weet-niet", "vmbo", "weet-niet"),
        )
    ],
]

NEW_CASES = [
    # A student is asked what and which year they study: a future diploma is not a current one.
    # mbo-4 student without experience who wants to teach: the LTB bachelor, which takes mbo-4 directly (S18), once
    # the diploma is there; zij-instroom for mbo-4 needs work experience (S1); nothing that needs hbo or wo.
    *[
        case("new: mbo-4 student", "student", "geen", job, sector, "docent", {LTB}, study=("mbo4", year))
        for job, sector, year in (("nee", "geen-voorkeur", "2"), ("geen-baan", "vmbo", "3"), ("ja", "mbo", "1"))
    ],
    # An mbo-4 student who wants a supporting role: the onderwijsassistent (S30) and the Ad (havo or mbo-4, S27).
    case(
        "new: mbo-4 student",
        "student",
        "geen",
        "nee",
        "geen-voorkeur",
        "ondersteunend",
        {ASSISTENT, AD},
        study=("mbo4", "3"),
    ),
    # PAL is for 2nd- and 3rd-year university students only (S34): not in the 1st year, not for hbo students; the
    # onderwijsassistent (S30) once they have their diploma (see test_pal_only_for_its_students).
    *[
        case("new: student", "student", "geen", "weet-niet", "vmbo", "ondersteunend", {ASSISTENT}, study=(study, year))
        for study, year in (("wo", "1"), ("hbo", "2"))
    ],
    # havo or vwo: the Ad takes havo (S27).
    case("new: havo/vwo", "havo-vwo", "geen", "nee", "geen-voorkeur", "ondersteunend", {AD}),
    # An Ad is at level 5, between mbo-4 and a bachelor (S27): it opens what mbo-4 opens, e.g. the LTB (S18).
    case("new: Ad", "ad", "geen", "nee", "geen-voorkeur", "docent", {LTB}),
    # "Ik heb nu geen baan" is a switch: as row 7 (PDG, zij-instroom; S6, S1); a route beside another job
    # (hybride docent, gastdocent; S31, S32) is no fit for someone without a job.
    case("new: no job", "hbo", "lang", "geen-baan", "mbo", "docent", {PDG, ZIJ_HBO}),
    case(
        "new: no job",
        "mbo4",
        "lang",
        "geen-baan",
        "geen-voorkeur",
        "ondersteunend",
        {INSTRUCTEUR},
        near={HYBRIDE, GASTDOCENT},
    ),
    # "Een paar uur per week lesgeven naast mijn werk": gastdocent, at most 6 klokuren a week without a bevoegdheid
    # (S32, S41), and the Hybride Techniekopleider traject, for professionals who keep their job (S31, S33).
    *[
        case("new: a few hours", education, "lang", "ja", sector, "paar-uur", {GASTDOCENT, HYBRIDE})
        for education in each("mbo4 hbo")
        for sector in each("vmbo geen-voorkeur")
    ],
    # A career-switcher who wants a supporting role in a school: the school roles come first (instructeur, S28;
    # onderwijsassistent, S30; Ad, S27), never the routes beside another job (hybride docent, gastdocent; S31, S32).
    case(
        "new: switch to support",
        "mbo4",
        "lang",
        "nee",
        "geen-voorkeur",
        "ondersteunend",
        {INSTRUCTEUR},
        then={ASSISTENT, AD},
        near={HYBRIDE, GASTDOCENT},
    ),
    case(
        "new: switch to support",
        "hbo",
        "lang",
        "nee",
        "mbo",
        "ondersteunend",
        {INSTRUCTEUR},
        then={ASSISTENT},
        near={HYBRIDE, GASTDOCENT},
    ),
    # mbo-2 or -3: no route starts below mbo-4 (S18, S27, S1): nothing fits; the help comes first (S38).
    # "Weet ik niet": no route is promised; the Onderwijsloket helps (S38).
    case("new: mbo-2/3", "mbo2-3", "lang", "nee", "geen-voorkeur", "docent", set()),
    case("new: unsure diploma", "weet-niet", "lang", "nee", "geen-voorkeur", "docent", set()),
]

UNSURE_CASES = [
    {"opleiding": "hbo", "ervaring": "lang", "baan": "nee", "sector": "mbo", "rol": "weet-niet"},
    {"opleiding": "mbo4", "ervaring": "geen", "baan": "weet-niet", "sector": "geen-voorkeur", "rol": "weet-niet"},
    {
        "opleiding": "student",
        "studie": "wo",
        "studiejaar": "2",
        "ervaring": "geen",
        "baan": "weet-niet",
        "sector": "vmbo",
        "rol": "weet-niet",
    },
    {"opleiding": "weet-niet", "ervaring": "kort", "baan": "geen-baan", "sector": "mbo", "rol": "docent"},
    {
        "opleiding": "buitenland",
        "bevoegd": "nee",
        "ervaring": "kort",
        "baan": "ja",
        "sector": "vmbo",
        "rol": "weet-niet",
    },
]


@pytest.fixture(scope="module")
def demo_finder(django_db_setup, django_db_blocker):
    """The demo content, loaded once for the whole table inside a transaction that is rolled back afterwards (every
    test runs in a savepoint within it)."""
    from routes.models import RouteFinderPage

    with django_db_blocker.unblock():
        cache.clear()
        with transaction.atomic():
            call_command("load_demo_content", verbosity=0)
            yield RouteFinderPage.objects.live().filter(locale__language_code="nl").get().url
            transaction.set_rollback(True)
        cache.clear()


def section(html, start, end):
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


def ranked_slugs(html):
    if 'class="finder-result__routes"' not in html:
        return []
    return re.findall(r'<h3 class="card__title"><a href="/routes/([^/"]+)/">', fitting_routes_html(html))


def near_miss_slugs(html):
    if 'id="bijna-titel"' not in html:
        return set()
    return set(re.findall(r'<a href="/routes/([^/"]+)/">', section(html, 'id="bijna-titel"', "</section>")))


def result_page(client, finder_url, answers):
    response = client.get(f"{finder_url}resultaat/?{urlencode(answers)}")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(("answers", "groups", "near"), CASES + NEW_CASES)
def test_the_routes_a_row_names_come_first(client, demo_finder, answers, groups, near):
    ranked = ranked_slugs(result_page(client, demo_finder, answers))
    if groups == [set()]:
        assert ranked == [], f"no route should fit: {ranked}"
    position = 0
    for group in groups:
        top = set(ranked[position : position + len(group)])
        assert top == group, f"expected {sorted(group)} at places {position + 1}-{position + len(group)}: {ranked}"
        position += len(group)
    if near:
        html = result_page(client, demo_finder, answers)
        assert near <= near_miss_slugs(html), f"near misses {sorted(near)} missing from {near_miss_slugs(html)}"


@pytest.mark.parametrize("answers", UNSURE_CASES, ids=lambda answers: ", ".join(answers.values()))
def test_unsure_gets_the_onderwijsloket_and_the_regional_desks_first(client, demo_finder, answers):
    from routes.models import Region

    html = result_page(client, demo_finder, answers)
    desk = html.index('id="hulp-titel"')
    assert "Twijfel je nog? Praat met een adviseur" in html
    assert 'href="https://www.onderwijsloket.com/"' in html
    # Every desk with its contact details: e-mail address, phone number and website where it has them.
    for region in Region.objects.all():
        assert f"<strong>Regioloket {region.name}</strong>" in html
        if region.contact_email:
            assert f'<a href="mailto:{region.contact_email}">{region.contact_email}</a>' in html
        if region.website:
            link = f'<a href="{region.website}">Website<span class="visually-hidden"> van regioloket {region.name}'
            assert link in html
        if not (region.contact_email or region.phone or region.website):
            # A desk without contact details is reached through the Onderwijsloket, which refers people on (S38).
            assert 'Bereik je via het <a href="https://www.onderwijsloket.com/">Onderwijsloket</a>' in html
    assert Region.objects.exclude(contact_email="").count() == 5
    if 'class="finder-result__routes"' in html:
        assert desk < html.index('class="finder-result__routes"')


def test_zij_instroom_says_why_not_without_experience(client, demo_finder):
    answers = {"opleiding": "mbo4", "ervaring": "geen", "baan": "nee", "sector": "vmbo", "rol": "docent"}
    html = result_page(client, demo_finder, answers)
    assert re.search(
        r'<a href="/routes/zij-instroom-mbo-4/">[^<]+</a></h3>\s*<p class="finder-miss__why"><strong>'
        r"Waarom niet:</strong> Deze route vraagt technische werkervaring, en die heb je nog niet.",
        html,
    )


BESIDE_ANOTHER_JOB = {HYBRIDE, GASTDOCENT}


@pytest.mark.parametrize(("answers", "groups", "near"), CASES + NEW_CASES)
def test_a_reason_never_contradicts_an_answer(client, demo_finder, answers, groups, near):
    """Someone who switches or has no job is never offered a route beside another job (S31, S32); a student is
    never told about a diploma they will not have; a route for a group names the group as a condition (S36)."""
    html = result_page(client, demo_finder, answers)
    ranked = ranked_slugs(html)
    if answers["baan"] in ("nee", "geen-baan"):
        assert not BESIDE_ANOTHER_JOB & set(ranked)
        assert "naast je werk" not in fitting_routes_html(html) if ranked else True
    assert "diploma op zak" not in html
    if STATUSHOUDERS in ranked:
        assert "Let op: deze route is alleen voor statushouders." in html


def test_an_mbo4_student_is_told_when_a_route_starts(client, demo_finder):
    answers = {
        "opleiding": "student",
        "studie": "mbo4",
        "studiejaar": "2",
        "ervaring": "geen",
        "baan": "nee",
        "sector": "geen-voorkeur",
        "rol": "docent",
    }
    html = result_page(client, demo_finder, answers)
    assert (
        "Je studeert nog (mbo niveau 4, tweede jaar) en wilt overstappen naar het onderwijs: als je je "
        "mbo-4-diploma hebt, kun je met deze route beginnen."
    ) in html
    for slug in (ZIJ_HBO, KOP, PDG, ZIJ_MBO4):
        assert slug not in ranked_slugs(html)


@pytest.mark.parametrize(("study", "year"), [("wo", "1"), ("wo", "4"), ("hbo", "2"), ("mbo4", "2")])
def test_pal_only_for_its_students(client, demo_finder, study, year):
    """PAL: 2nd- and 3rd-year university students (S34)."""
    answers = {
        "opleiding": "student",
        "studie": study,
        "studiejaar": year,
        "ervaring": "geen",
        "baan": "weet-niet",
        "sector": "vmbo",
        "rol": "ondersteunend",
    }
    assert PAL not in ranked_slugs(result_page(client, demo_finder, answers))
