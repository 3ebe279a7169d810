"""The route finder's matcher, on small factory trees: it reads the routes' structured facts, never their names."""

import pytest

from routes.finder import QUESTIONS_BY_KEY, Answers, match_routes
from routes.models import RoutePage
from routes.models.pages import JobCombination, Qualification, WorkExperience

from .factories import RoutePageFactory

pytestmark = pytest.mark.django_db


def answers(**given):
    """Complete answers: an hbo graduate with years of experience who wants to switch and teach in the mbo."""
    query = {"opleiding": "hbo", "ervaring": "lang", "baan": "nee", "sector": "mbo", "rol": "docent"}
    query.update(given)
    return Answers.from_query(query)


def titles(advice_list):
    return [advice.route.title for advice in advice_list]


def result_for(tree, **given):
    return match_routes(answers(**given), RoutePage.objects.live().descendant_of(tree["index"]))


def route(tree, **facts):
    return RoutePageFactory(parent=tree["index"], **facts)


class TestAnswers:
    def test_reads_valid_answers_in_question_order(self):
        given = Answers.from_query({"rol": "docent", "opleiding": "wo", "ervaring": "kort"})
        assert given.query_pairs() == [("opleiding", "wo"), ("ervaring", "kort"), ("rol", "docent")]
        assert given.first_unanswered == QUESTIONS_BY_KEY["baan"]
        assert not given.is_complete

    def test_drops_unknown_values_instead_of_failing(self):
        given = Answers.from_query({"opleiding": "<script>", "ervaring": "veel", "sector": "vmbo"})
        assert given.education is None
        assert given.experience is None
        assert given.sector == "vmbo"

    def test_asks_about_a_foreign_teaching_qualification_only_for_a_foreign_diploma(self):
        dutch = Answers.from_query({"opleiding": "hbo", "bevoegd": "ja"})
        assert dutch.foreign_teacher is None
        assert len(dutch.applicable_questions) == 5
        foreign = Answers.from_query({"opleiding": "buitenland", "bevoegd": "ja"})
        assert foreign.foreign_teacher == "ja"
        assert len(foreign.applicable_questions) == 6
        # The count is the same for everyone from the start: a follow-up shares its main question's number.
        assert foreign.position_of(QUESTIONS_BY_KEY["bevoegd"]) == (1, 5)
        assert foreign.position_of(QUESTIONS_BY_KEY["ervaring"]) == (2, 5)
        assert dutch.position_of(QUESTIONS_BY_KEY["ervaring"]) == (2, 5)
        assert foreign.question_after(QUESTIONS_BY_KEY["opleiding"]) == QUESTIONS_BY_KEY["bevoegd"]
        assert dutch.question_after(QUESTIONS_BY_KEY["opleiding"]) == QUESTIONS_BY_KEY["ervaring"]

    def test_a_student_is_asked_what_and_which_year_they_study(self):
        student = Answers.from_query({"opleiding": "student", "studie": "mbo4", "studiejaar": "2"})
        assert (student.study, student.study_year) == ("mbo4", "2")
        assert [q.key for q in student.applicable_questions][:3] == ["opleiding", "studie", "studiejaar"]
        assert student.position_of(QUESTIONS_BY_KEY["studiejaar"]) == (1, 5)
        assert student.position_of(QUESTIONS_BY_KEY["rol"]) == (5, 5)
        assert Answers.from_query({"opleiding": "hbo", "studie": "wo"}).study is None

    def test_at_most_six_questions_and_the_role_is_the_last(self):
        foreign = Answers.from_query({"opleiding": "buitenland"})
        assert len(foreign.applicable_questions) == 6
        assert foreign.question_after(QUESTIONS_BY_KEY["rol"]) is None
        assert foreign.question_before(QUESTIONS_BY_KEY["opleiding"]) is None


class TestFacts:
    def test_entry_level_decides_who_a_route_is_open_to(self, finder_tree):
        route(finder_tree, title="Alleen hbo en wo", accepts_mbo4=False)
        route(finder_tree, title="Ook mbo-4", accepts_mbo4=True)
        result = result_for(finder_tree, opleiding="mbo4")
        assert titles(result.fits) == ["Ook mbo-4"]
        # A diploma one cannot change is no near miss, but it is not hidden either.
        assert titles(result.other_routes) == ["Alleen hbo en wo"]
        assert result.other_routes[0].why_not == "Deze route staat open voor mensen met hbo of wo."

    def test_a_student_and_a_foreign_diploma_get_a_way_in(self, finder_tree):
        route(finder_tree, title="Kopopleiding")
        student = result_for(finder_tree, opleiding="student", studie="hbo", studiejaar="3")
        # A future diploma is not a current one: the route fits once the diploma is there, and the reason says so.
        assert titles(student.fits) == ["Kopopleiding"]
        assert "als je je hbo-diploma hebt, kun je met deze route beginnen" in student.fits[0].reasons
        foreign = result_for(finder_tree, opleiding="buitenland", bevoegd="nee")
        assert "Laat je diploma eerst waarderen (bij Nuffic of SBB)" in foreign.near_misses[0].why_not

    def test_a_student_is_never_promised_a_diploma_they_will_not_get(self, finder_tree):
        route(finder_tree, title="Alleen hbo en wo")
        route(finder_tree, title="Ook mbo-4", accepts_mbo4=True)
        student = result_for(finder_tree, opleiding="student", studie="mbo4", studiejaar="2", ervaring="geen")
        assert titles(student.fits) == ["Ook mbo-4"]
        assert titles(student.other_routes) == ["Alleen hbo en wo"]
        assert "diploma op zak" not in student.other_routes[0].why_not
        assert student.other_routes[0].why_not == "Deze route staat open voor mensen met hbo of wo."
        assert student.fits[0].reasons.startswith(
            "Je studeert nog (mbo niveau 4, tweede jaar) en wilt overstappen naar het onderwijs: als je je "
            "mbo-4-diploma hebt, kun je met deze route beginnen."
        )

    def test_a_route_for_students_names_their_study_and_year(self, finder_tree):
        route(
            finder_tree,
            title="PAL",
            accepts_hbo=False,
            accepts_wo=False,
            accepts_students=True,
            student_study="wo",
            student_min_year=2,
            student_max_year=3,
        )
        assert titles(result_for(finder_tree, opleiding="student", studie="wo", studiejaar="2").fits) == ["PAL"]
        for study, year in (("wo", "1"), ("wo", "4"), ("hbo", "2"), ("mbo4", "2")):
            result = result_for(finder_tree, opleiding="student", studie=study, studiejaar=year)
            assert result.fits == [], (study, year)

    def test_new_diplomas(self, finder_tree):
        route(finder_tree, title="Ad", accepts_hbo=False, accepts_wo=False, accepts_mbo4=True, accepts_havo_vwo=True)
        route(finder_tree, title="Bachelor-route")
        assert titles(result_for(finder_tree, opleiding="havo-vwo").fits) == ["Ad"]
        # An Ad is at level 5, between mbo-4 and a bachelor: what mbo-4 opens, not what a bachelor opens.
        assert titles(result_for(finder_tree, opleiding="ad").fits) == ["Ad"]
        assert result_for(finder_tree, opleiding="mbo2-3").fits == []
        unsure = result_for(finder_tree, opleiding="weet-niet")
        assert unsure.fits == []
        assert "Het Onderwijsloket zoekt het gratis met je uit." in unsure.near_misses[0].why_not

    def test_required_work_experience_and_its_minimum_years(self, finder_tree):
        route(finder_tree, title="Drie jaar ervaring", work_experience=WorkExperience.REQUIRED, min_years_experience=3)
        route(finder_tree, title="Ervaring nodig", work_experience=WorkExperience.REQUIRED)
        route(finder_tree, title="Zonder ervaring", work_experience=WorkExperience.NOT_NEEDED)
        assert titles(result_for(finder_tree, ervaring="lang").fits) == [
            "Drie jaar ervaring",
            "Ervaring nodig",
            "Zonder ervaring",
        ]
        short = result_for(finder_tree, ervaring="kort")
        assert titles(short.fits) == ["Ervaring nodig", "Zonder ervaring"]
        assert short.near_misses[0].why_not == "Deze route vraagt minstens 3 jaar technische werkervaring."
        none = result_for(finder_tree, ervaring="geen")
        assert titles(none.fits) == ["Zonder ervaring"]
        assert set(titles(none.near_misses)) == {"Drie jaar ervaring", "Ervaring nodig"}
        assert "Deze route vraagt technische werkervaring, en die heb je nog niet." in [
            advice.why_not for advice in none.near_misses
        ]

    def test_keeping_a_job_rules_out_full_time_routes_only(self, finder_tree):
        route(finder_tree, title="Voltijd", combines_with_job=JobCombination.NO)
        route(finder_tree, title="Naast je baan", combines_with_job=JobCombination.YES)
        route(finder_tree, title="Deeltijd op school", combines_with_job=JobCombination.PART_TIME)
        keep = result_for(finder_tree, baan="ja")
        assert titles(keep.fits) == ["Naast je baan", "Deeltijd op school"]
        assert titles(keep.near_misses) == ["Voltijd"]
        assert "niet naast je huidige baan" in keep.near_misses[0].why_not
        assert len(result_for(finder_tree, baan="nee").fits) == 3
        assert len(result_for(finder_tree, baan="weet-niet").fits) == 3

    def test_sector(self, finder_tree):
        route(finder_tree, title="Alleen vmbo", for_mbo=False)
        route(finder_tree, title="Alleen mbo", for_vmbo=False)
        route(finder_tree, title="Allebei")
        mbo = result_for(finder_tree, sector="mbo")
        # A route made for exactly the chosen sector comes first.
        assert titles(mbo.fits) == ["Alleen mbo", "Allebei"]
        assert mbo.near_misses[0].why_not == "Met deze route geef je les in het vmbo, niet in het mbo."
        assert titles(result_for(finder_tree, sector="vmbo").fits) == ["Alleen vmbo", "Allebei"]
        assert titles(result_for(finder_tree, sector="geen-voorkeur").fits)[0] == "Allebei"

    def test_role_a_teacher_needs_a_qualification_a_supporter_gets_both(self, finder_tree):
        route(finder_tree, title="Instructeur", qualification=Qualification.SUPPORTING)
        route(finder_tree, title="Tweedegraads", qualification=Qualification.SECOND_DEGREE)
        teacher = result_for(finder_tree, rol="docent")
        assert titles(teacher.fits) == ["Tweedegraads"]
        assert titles(teacher.near_misses) == ["Instructeur"]
        assert "leidt niet tot een bevoegdheid" in teacher.near_misses[0].why_not
        supporter = result_for(finder_tree, rol="ondersteunend")
        assert titles(supporter.fits) == ["Instructeur", "Tweedegraads"]
        assert "meer dan een ondersteunende rol" in supporter.fits[1].reasons

    def test_foreign_teaching_qualification(self, finder_tree):
        route(
            finder_tree,
            title="Voor buitenlandse leraren",
            accepts_hbo=False,
            accepts_wo=False,
            accepts_foreign_diploma=True,
            requires_foreign_teaching_qualification=True,
        )
        assert titles(result_for(finder_tree, opleiding="buitenland", bevoegd="ja").fits) == [
            "Voor buitenlandse leraren"
        ]
        without = result_for(finder_tree, opleiding="buitenland", bevoegd="nee")
        assert titles(without.other_routes) == ["Voor buitenlandse leraren"]
        assert without.other_routes[0].why_not == (
            "Deze route is alleen voor wie in het buitenland al bevoegd leraar was."
        )
        assert titles(result_for(finder_tree, opleiding="hbo").other_routes) == ["Voor buitenlandse leraren"]

    def test_a_route_without_entry_levels_never_fits(self, finder_tree):
        route(finder_tree, title="Nog niet ingevuld", accepts_hbo=False, accepts_wo=False)
        result = result_for(finder_tree)
        assert result.fits == []
        assert result.other_routes[0].why_not == "Voor deze route is nog geen instapniveau bekend."


class TestRanking:
    def test_a_route_that_builds_on_experience_comes_before_a_shorter_one(self, finder_tree):
        route(finder_tree, title="Kort", work_experience=WorkExperience.NOT_NEEDED, duration_months=12)
        route(finder_tree, title="Bouwt op ervaring", work_experience=WorkExperience.REQUIRED, duration_months=18)
        assert titles(result_for(finder_tree).fits) == ["Bouwt op ervaring", "Kort"]
        # Without experience both are equal on that score: the shorter one first.
        assert titles(result_for(finder_tree, ervaring="geen").fits) == ["Kort"]

    def test_a_route_made_for_ones_diploma_comes_first(self, finder_tree):
        route(finder_tree, title="Voor iedereen", accepts_mbo4=True, accepts_foreign_diploma=True, duration_months=12)
        route(
            finder_tree,
            title="Voor buitenlandse diploma's",
            accepts_hbo=False,
            accepts_wo=False,
            accepts_foreign_diploma=True,
            duration_months=24,
        )
        given = {"opleiding": "buitenland", "bevoegd": "ja"}
        assert titles(result_for(finder_tree, **given).fits) == ["Voor buitenlandse diploma's", "Voor iedereen"]

    def test_keeping_a_job_prefers_a_route_beside_it(self, finder_tree):
        route(finder_tree, title="Deeltijd op school", combines_with_job=JobCombination.PART_TIME)
        route(finder_tree, title="Naast je baan", combines_with_job=JobCombination.YES)
        assert titles(result_for(finder_tree, baan="ja").fits) == ["Naast je baan", "Deeltijd op school"]
        assert titles(result_for(finder_tree, baan="nee").fits) == ["Deeltijd op school", "Naast je baan"]

    def test_the_best_three_are_recommended(self, finder_tree):
        for months in (6, 12, 18, 24):
            route(finder_tree, title=f"{months} maanden", duration_months=months)
        result = result_for(finder_tree)
        assert [r.title for r in result.recommended] == ["6 maanden", "12 maanden", "18 maanden"]


class TestTwoExperienceRules:
    """The PDG asks graduates for several years of relevant experience (S6), and people without an hbo or wo diploma
    for at least 3 years and a capaciteitentest (S8): the finder and the route page say the same."""

    def pdg(self, finder_tree):
        return route(
            finder_tree,
            title="PDG",
            accepts_mbo4=True,
            work_experience=WorkExperience.REQUIRED,
            experience_note="meerdere jaren relevante werkervaring",
            min_years_experience_without_degree=3,
            capacity_test_without_degree=True,
            for_vmbo=False,
            qualification=Qualification.PDG,
        )

    def test_the_finder(self, finder_tree):
        self.pdg(finder_tree)
        graduate = result_for(finder_tree, ervaring="kort")
        assert titles(graduate.fits) == ["PDG"]
        assert "(meerdere jaren relevante werkervaring)" in graduate.fits[0].reasons
        without = result_for(finder_tree, opleiding="mbo4", ervaring="kort")
        assert without.near_misses[0].why_not == (
            "Zonder hbo- of wo-diploma vraagt deze route minstens 3 jaar relevante werkervaring en een "
            "capaciteitentest."
        )
        fits = result_for(finder_tree, opleiding="mbo4", ervaring="lang").fits[0]
        assert "(minstens 3 jaar relevante werkervaring en een capaciteitentest)" in fits.reasons

    def test_the_route_page(self, finder_tree, client):
        page = self.pdg(finder_tree)
        html = client.get(page.url).content.decode()
        assert "Met een hbo- of wo-diploma: meerdere jaren relevante werkervaring." in html
        assert "Zonder hbo- of wo-diploma: minstens 3 jaar relevante werkervaring en een capaciteitentest." in html


class TestReasons:
    def test_reasons_are_built_from_the_answers_and_the_facts(self, finder_tree):
        route(
            finder_tree,
            title="PDG",
            accepts_mbo4=True,
            work_experience=WorkExperience.REQUIRED,
            min_years_experience=3,
            needs_school_job=True,
            for_vmbo=False,
            qualification=Qualification.PDG,
        )
        advice = result_for(finder_tree, baan="ja").fits[0]
        assert advice.reasons == (
            "Je hebt een hbo-diploma en wilt je baan houden: je gaat daarnaast een deel van de week op een school "
            "werken, en die baan heb je nodig om te beginnen. Je technische werkervaring is hier een voorwaarde "
            "(minstens 3 jaar werkervaring), en de route leidt tot een pedagogisch didactisch getuigschrift (docent "
            "in het mbo)."
        )

    def test_reasons_for_someone_without_experience_who_switches(self, finder_tree):
        route(
            finder_tree,
            title="Kopopleiding",
            work_experience=WorkExperience.NOT_NEEDED,
            combines_with_job=JobCombination.NO,
        )
        advice = result_for(finder_tree, opleiding="wo", ervaring="geen", sector="vmbo").fits[0]
        assert advice.reasons == (
            "Je hebt een wo-diploma en wilt overstappen naar het onderwijs: met jouw opleiding kun je deze route "
            "volgen. Werkervaring is niet nodig, en de route leidt tot een tweedegraads bevoegdheid (vmbo en mbo)."
        )

    def test_reasons_name_a_route_made_for_the_visitor(self, finder_tree):
        route(
            finder_tree,
            title="Statushouders",
            accepts_hbo=False,
            accepts_wo=False,
            accepts_foreign_diploma=True,
            requires_foreign_teaching_qualification=True,
            combines_with_job=JobCombination.NO,
        )
        advice = result_for(finder_tree, opleiding="buitenland", bevoegd="ja", baan="weet-niet").fits[0]
        assert advice.reasons.startswith(
            "Je was in het buitenland al bevoegd leraar: deze route is speciaal voor mensen zoals jij."
        )

    def test_a_route_without_a_qualification(self, finder_tree):
        route(
            finder_tree,
            title="Gastdocent",
            qualification=Qualification.NONE,
            combines_with_job=JobCombination.YES,
            work_experience=WorkExperience.REQUIRED,
        )
        advice = result_for(finder_tree, rol="ondersteunend", baan="ja").fits[0]
        assert advice.reasons == (
            "Je hebt een hbo-diploma en wilt je baan houden: deze route doe je naast je werk. Je technische "
            "werkervaring is hier een voorwaarde, en de route leidt niet tot een bevoegdheid."
        )


class TestLiveRoutesOnly:
    def test_a_new_route_page_appears_and_a_draft_does_not(self, finder_tree, client):
        finder_url = finder_tree["finder"].url + "resultaat/?" + answers().querystring()
        assert "Gloednieuwe route" not in client.get(finder_url).content.decode()

        draft = route(finder_tree, title="Gloednieuwe route", live=False)
        assert "Gloednieuwe route" not in client.get(finder_url).content.decode()

        draft.save_revision().publish()
        assert "Gloednieuwe route" in client.get(finder_url).content.decode()

    def test_a_private_route_is_left_out(self, finder_tree, client):
        from wagtail.models import PageViewRestriction

        private = route(finder_tree, title="Besloten route")
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        finder_url = finder_tree["finder"].url + "resultaat/?" + answers().querystring()
        assert "Besloten route" not in client.get(finder_url).content.decode()
