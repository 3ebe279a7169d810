"""Route pages: the routes into technical teaching, with the structured facts the route finder matches on."""

from dataclasses import dataclass, field, replace

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Site
from wagtail.search import index

from content import fragments
from content.blocks import RouteStreamBlock
from content.models.base import BasePage

from .. import finder_views
from ..admin_forms import FACT_SOURCE_FIELDS, RoutePageForm
from ..choices import TEACHING_QUALIFICATIONS, JobCombination, Qualification, WorkExperience  # noqa: F401 (re-exported)
from ..entry_levels import entry_levels_of
from .snippets import Region, Source


@dataclass(frozen=True)
class Fact:
    key: str
    label: str
    value: str
    notes: list = field(default_factory=list)
    route: object = None
    source_field: str = ""
    number: int | None = None  # the source's number in the route page's list of sources (numbered_facts)

    @property
    def source(self):
        """The Source snippet, read only when a template shows it (route cards don't, so they cost no query)."""
        return getattr(self.route, self.source_field) if self.route is not None else None


@dataclass(frozen=True)
class TimelineStep:
    step: object
    start: int | None
    end: int | None


def euro(amount):
    """€ 6.650 or € 2.550,50: Dutch thousands and decimal separators, without a locale on the server; in English
    (an English page, the active language) € 6,650 or € 2,550.50."""
    whole, cents = divmod(round(amount * 100), 100)
    thousands, decimal = (",", ".") if get_language() == "en" else (".", ",")
    text = f"{int(whole):,}".replace(",", thousands)
    return f"€ {text}{decimal}{int(cents):02d}" if cents else f"€ {text}"


def source_field(verbose_name):
    """A fact's source: a snippet shared by the routes that rely on it (SET_NULL: a deleted source shows as missing
    and puts the route on the list of routes due for a check, it never deletes a route)."""
    return models.ForeignKey(
        "routes.Source", verbose_name=verbose_name, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )


class RouteIndexPage(BasePage):
    """Lists every route, with a filter on sector (plain GET, works without script)."""

    parent_page_types = ["content.HomePage"]
    subpage_types = ["routes.RoutePage"]
    max_count = 1
    template = "pages/route_index_page.html"

    class Meta:
        verbose_name = _("routes (overzicht)")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The route cards show the facts from the route's own fields: nothing to prefetch.
        routes = fragments.public(RoutePage.objects.child_of(self).live(), request)
        sector = request.GET.get("sector", "")
        if sector == "vmbo":
            routes = routes.filter(for_vmbo=True)
        elif sector == "mbo":
            routes = routes.filter(for_mbo=True)
        else:
            sector = ""
        context.update(routes=routes, selected_sector=sector)
        return context


class RoutePage(BasePage):
    """One route into technical teaching: its text, and the facts that the route finder matches on."""

    for_whom = models.TextField(_("voor wie"), help_text=_("Voor wie is deze route bedoeld? Eén of twee zinnen."))
    body = StreamField(RouteStreamBlock(), verbose_name=_("inhoud"), blank=True)

    # Entry levels: who may start this route.
    accepts_mbo4 = models.BooleanField(_("mbo-4"), default=False)
    accepts_hbo = models.BooleanField(_("hbo"), default=False)
    accepts_wo = models.BooleanField(_("wo"), default=False)
    accepts_havo_vwo = models.BooleanField(_("havo of vwo"), default=False)
    accepts_foreign_diploma = models.BooleanField(_("buitenlands diploma"), default=False)
    accepts_students = models.BooleanField(_("studenten (nog bezig met een opleiding)"), default=False)
    student_study = models.CharField(
        _("alleen voor studenten van"),
        max_length=10,
        blank=True,
        choices=[("mbo", "mbo"), ("hbo", "hbo"), ("wo", "wo (universiteit)")],
        help_text=_("Leeg: studenten van elke opleiding."),
    )
    student_min_year = models.PositiveSmallIntegerField(
        _("studenten vanaf studiejaar"), default=0, help_text=_("0: elk jaar.")
    )
    student_max_year = models.PositiveSmallIntegerField(
        _("studenten tot en met studiejaar"), default=0, help_text=_("0: elk jaar.")
    )
    only_for_group = models.CharField(
        _("alleen voor deze groep"),
        max_length=120,
        blank=True,
        help_text=_("Bijvoorbeeld: statushouders. De routewijzer noemt dit als voorwaarde."),
    )
    requires_foreign_teaching_qualification = models.BooleanField(
        _("alleen met een buitenlandse onderwijsbevoegdheid"),
        default=False,
        help_text=_("Aanvinken als deze route alleen past bij wie in het buitenland al leraar was."),
    )
    work_experience = models.CharField(
        _("technische werkervaring"), max_length=20, choices=WorkExperience.choices, default=WorkExperience.HELPFUL
    )
    min_years_experience = models.PositiveSmallIntegerField(_("minimaal aantal jaren werkervaring"), default=0)
    experience_note = models.CharField(
        _("werkervaring in woorden"),
        max_length=120,
        blank=True,
        help_text=_(
            "Zoals de bron het zegt, als die geen aantal jaren noemt. Bijvoorbeeld: meerdere jaren relevante "
            "werkervaring."
        ),
    )
    min_years_experience_without_degree = models.PositiveSmallIntegerField(
        _("zonder hbo- of wo-diploma: minimaal aantal jaren werkervaring"),
        default=0,
        help_text=_("0: dezelfde eis als voor iedereen."),
    )
    capacity_test_without_degree = models.BooleanField(_("zonder hbo- of wo-diploma: capaciteitentest"), default=False)

    combines_with_job = models.CharField(
        _("te combineren met je huidige baan"),
        max_length=20,
        choices=JobCombination.choices,
        default=JobCombination.PART_TIME,
    )
    needs_school_job = models.BooleanField(_("je hebt eerst een baan op een school nodig"), default=False)
    for_vmbo = models.BooleanField(_("vmbo"), default=False)
    for_mbo = models.BooleanField(_("mbo"), default=False)
    qualification = models.CharField(
        _("waar de route toe leidt"),
        max_length=30,
        choices=Qualification.choices,
        default=Qualification.SECOND_DEGREE,
    )
    qualification_note = models.CharField(
        _("toelichting bij waar de route toe leidt"),
        max_length=200,
        blank=True,
        help_text=_(
            "Als de route uit delen bestaat die tot iets anders leiden. Staat in het overzicht en bij de routewijzer."
        ),
    )
    qualification_only_for_foreign_teachers = models.BooleanField(
        _("leidt alleen tot deze bevoegdheid voor wie in het buitenland leraar was"),
        default=False,
        help_text=_("Voor anderen is de route een eerste stap (waardering van het diploma), geen bevoegdheid."),
    )
    duration = models.CharField(_("duur"), max_length=80, help_text=_("Bijvoorbeeld: maximaal 2 jaar."))
    duration_months = models.PositiveSmallIntegerField(
        _("duur in maanden"), default=12, help_text=_("Voor het sorteren en vergelijken van routes.")
    )
    study_load = models.CharField(
        _("studiebelasting"), max_length=160, blank=True, help_text=_("Bijvoorbeeld: één dag per week.")
    )
    needs_suitability_test = models.BooleanField(
        _("je doet eerst een geschiktheidsonderzoek"),
        default=False,
        help_text=_("Aanvinken als je pas met de opleiding begint na een positief geschiktheidsonderzoek."),
    )
    cost_amount = models.DecimalField(
        _("kosten (bedrag in euro)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leeg: de bron noemt geen bedrag. 0: de route kost jou niets."),
    )
    cost_provider = models.CharField(
        _("kosten volgens"),
        max_length=120,
        blank=True,
        help_text=_("De hogeschool of organisatie die dit bedrag noemt. Bijvoorbeeld: Hogeschool Utrecht."),
    )
    cost_year = models.PositiveSmallIntegerField(
        _("kosten in het jaar"), null=True, blank=True, help_text=_("Het jaar waarin de bron dit bedrag noemt.")
    )
    cost_note = models.CharField(
        _("wat het bedrag is"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: voor het geschiktheidsonderzoek. Of, zonder bedrag: wat je over de kosten weet."),
    )
    funding = models.CharField(
        _("financiering"),
        max_length=300,
        blank=True,
        help_text=_(
            "Wie betaalt of welke subsidie er is, en aan wie die gaat. Bijvoorbeeld: de subsidie "
            "zij-instroom vraagt het schoolbestuur aan, niet jij."
        ),
    )
    facts_checked_on = models.DateField(
        _("feiten laatst gecontroleerd op"),
        null=True,
        blank=True,
        help_text=_(
            "De datum waarop iemand de feiten op dit tabblad met de bronnen heeft vergeleken. Staat op de pagina."
        ),
    )
    facts_reminder_sent_on = models.DateField(
        _("herinnering voor controle gestuurd op"), null=True, blank=True, editable=False
    )
    entry_source = source_field(_("bron voor het instapniveau"))
    experience_source = source_field(_("bron voor de werkervaring"))
    combination_source = source_field(_("bron voor werk en studie"))
    qualification_source = source_field(_("bron voor waar de route toe leidt"))
    duration_source = source_field(_("bron voor de duur"))
    cost_source = source_field(_("bron voor de kosten"))
    funding_source = source_field(_("bron voor de financiering"))

    content_panels = BasePage.content_panels + [FieldPanel("for_whom"), FieldPanel("body")]
    facts_panels = [
        MultiFieldPanel(
            [FieldPanel("facts_checked_on")],
            heading=_("Controle"),
            help_text=_(
                "Geef bij elk onderdeel de bron. Vergelijk de feiten met de bronnen en zet dan de datum van "
                "vandaag hier."
            ),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("accepts_mbo4"),
                        FieldPanel("accepts_havo_vwo"),
                        FieldPanel("accepts_hbo"),
                        FieldPanel("accepts_wo"),
                    ]
                ),
                FieldRowPanel([FieldPanel("accepts_foreign_diploma"), FieldPanel("accepts_students")]),
                FieldRowPanel(
                    [FieldPanel("student_study"), FieldPanel("student_min_year"), FieldPanel("student_max_year")]
                ),
                FieldPanel("requires_foreign_teaching_qualification"),
                FieldPanel("only_for_group"),
                FieldPanel("entry_source"),
            ],
            heading=_("Instapniveau"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("work_experience"),
                FieldPanel("min_years_experience"),
                FieldPanel("experience_note"),
                FieldRowPanel(
                    [FieldPanel("min_years_experience_without_degree"), FieldPanel("capacity_test_without_degree")]
                ),
                FieldPanel("experience_source"),
            ],
            heading=_("Werkervaring"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("combines_with_job"),
                FieldPanel("needs_school_job"),
                FieldPanel("needs_suitability_test"),
                FieldPanel("combination_source"),
            ],
            heading=_("Werk en studie"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("for_vmbo"), FieldPanel("for_mbo")]),
                FieldPanel("qualification"),
                FieldPanel("qualification_note"),
                FieldPanel("qualification_only_for_foreign_teachers"),
                FieldPanel("qualification_source"),
            ],
            heading=_("Waar je les kunt geven"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("duration"),
                FieldPanel("duration_months"),
                FieldPanel("study_load"),
                FieldPanel("duration_source"),
            ],
            heading=_("Duur"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("cost_amount"), FieldPanel("cost_year")]),
                FieldPanel("cost_provider"),
                FieldPanel("cost_note"),
                FieldPanel("cost_source"),
            ],
            heading=_("Kosten"),
        ),
        MultiFieldPanel([FieldPanel("funding"), FieldPanel("funding_source")], heading=_("Financiering")),
        InlinePanel("timeline", heading=_("Stappen, met de maanden die ze duren"), label=_("stap")),
        InlinePanel("programmes", heading=_("Opleidingen die deze route aanbieden"), label=_("opleiding")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhoud")),
            ObjectList(facts_panels, heading=_("Feiten voor de routewijzer")),
            ObjectList(BasePage.promote_panels, heading=_("Promotie")),
            ObjectList(BasePage.settings_panels, heading=_("Instellingen")),
        ]
    )
    search_fields = BasePage.search_fields + [
        index.SearchField("for_whom"),
        index.SearchField("body"),
        index.FilterField("for_vmbo"),
        index.FilterField("for_mbo"),
    ]

    parent_page_types = ["routes.RouteIndexPage"]
    subpage_types = []
    template = "pages/route_page.html"
    base_form_class = RoutePageForm

    class Meta:
        verbose_name = _("route")
        verbose_name_plural = _("routes")

    def with_content_json(self, content):
        """A revision carries the page's content, not the reminder bookkeeping: publishing an old draft must not
        bring back an old reminder date (and with it a second reminder)."""
        obj = super().with_content_json(content)
        if self.pk:
            # From the database: the instance a revision remembers may be older than the last reminder.
            obj.facts_reminder_sent_on = (
                RoutePage.objects.filter(pk=self.pk).values_list("facts_reminder_sent_on", flat=True).first()
            )
        return obj

    def get_context(self, request, *args, **kwargs):
        self.load_sources()
        if not getattr(request, "is_preview", False):  # a preview shows the draft's own programmes and steps
            prefetch_related_objects([self], programmes_with_institutions(), "timeline")
        return super().get_context(request, *args, **kwargs)

    def load_sources(self):
        """Every source of the fact box in one query, instead of one per fact group; once per instance (a served
        page is kept until the next publish, and a change to a source is one: content/fragments.py)."""
        if getattr(self, "_sources_loaded", False):
            return
        self._sources_loaded = True
        ids = {getattr(self, f"{name}_id") for name in FACT_SOURCE_FIELDS.values()} - {None}
        found = Source.objects.in_bulk(ids)
        for name in FACT_SOURCE_FIELDS.values():
            source = found.get(getattr(self, f"{name}_id"))
            if source is not None:
                setattr(self, name, source)

    def clean(self):
        """Refuse facts that cannot be true together, so the fact box and the finder never say them."""
        super().clean()
        errors = {}
        if self.qualification in TEACHING_QUALIFICATIONS and not (self.for_vmbo or self.for_mbo):
            errors["qualification"] = _(
                "Een route die tot een bevoegdheid leidt, geldt voor het vmbo, het mbo of "
                "allebei: vink aan waar je met deze bevoegdheid les mag geven."
            )
        if self.qualification == Qualification.PDG and self.for_vmbo:
            errors["for_vmbo"] = _("Een PDG geldt alleen in het mbo, niet in het vmbo.")
        if (
            self.min_years_experience or self.min_years_experience_without_degree or self.experience_note
        ) and self.work_experience != WorkExperience.REQUIRED:
            errors["min_years_experience"] = _(
                "Een minimaal aantal jaren werkervaring kan alleen als werkervaring vereist is."
            )
        if self.requires_foreign_teaching_qualification and not self.accepts_foreign_diploma:
            errors["requires_foreign_teaching_qualification"] = _(
                "Een route alleen voor wie in het buitenland leraar was, staat open voor een buitenlands diploma."
            )
        if self.qualification_only_for_foreign_teachers and (
            self.qualification not in TEACHING_QUALIFICATIONS or not self.accepts_foreign_diploma
        ):
            errors["qualification_only_for_foreign_teachers"] = _(
                "Dit kan alleen bij een route naar een bevoegdheid die openstaat voor een buitenlands diploma."
            )
        if self.needs_school_job and self.combines_with_job == JobCombination.ALONGSIDE:
            errors["needs_school_job"] = _(
                "Een route naast een baan buiten het onderwijs vraagt geen baan op een school om te beginnen."
            )
        if (self.student_study or self.student_min_year or self.student_max_year) and not self.accepts_students:
            errors["accepts_students"] = _("Je noemt voor welke studenten de route is: vink dan ook studenten aan.")
        if self.student_max_year and self.student_min_year > self.student_max_year:
            errors["student_max_year"] = _("Het laatste studiejaar ligt voor het eerste.")
        errors.update(self._cost_errors())
        if errors:
            raise ValidationError(errors)

    def _cost_errors(self):
        errors = {}
        if self.cost_amount is not None and self.cost_amount < 0:
            errors["cost_amount"] = _("Kosten kunnen niet negatief zijn.")
        elif self.cost_amount and not (self.cost_provider and self.cost_year):
            errors["cost_provider"] = _("Een bedrag staat er altijd met wie het noemt en in welk jaar: vul beide in.")
        if self.cost_year is not None and not 2000 <= self.cost_year <= timezone.localdate().year:
            errors["cost_year"] = _("Vul het jaar in waarin de bron het bedrag noemt (2000 tot en met dit jaar).")
        if (self.cost_provider or self.cost_year) and self.cost_amount is None:
            errors["cost_amount"] = _("Je noemt wie de kosten noemt of in welk jaar: vul dan ook het bedrag in.")
        return errors

    @property
    def has_separate_rule_without_degree(self):
        return bool(self.min_years_experience_without_degree or self.capacity_test_without_degree)

    def experience_condition(self, has_degree=True):
        """What the route asks in work experience, in words, for someone with or without an hbo or wo diploma: the
        same sentence on the route page and in the finder. Empty when it asks for nothing specific."""
        if not has_degree and self.has_separate_rule_without_degree:
            years = max(self.min_years_experience_without_degree, self.min_years_experience)
            parts = [gettext("minstens %(years)s jaar relevante werkervaring") % {"years": years}] if years else []
            if self.capacity_test_without_degree:
                parts.append(gettext("een capaciteitentest"))
            return gettext(" en ").join(parts)
        if self.experience_note:
            return self.experience_note
        if self.min_years_experience:
            return gettext("minstens %(years)s jaar werkervaring") % {"years": self.min_years_experience}
        return ""

    @property
    def experience_condition_without_degree(self):
        return self.experience_condition(has_degree=False)

    def min_years_for(self, has_degree=True):
        if not has_degree and self.min_years_experience_without_degree:
            return max(self.min_years_experience_without_degree, self.min_years_experience)
        return self.min_years_experience

    @property
    def cost_text(self):
        """ "€ 6.650 (Hogeschool Utrecht, 2023)": the amount always with who says so and when."""
        if self.cost_amount is None:
            return ""
        if self.cost_amount == 0:
            return gettext("Geen kosten voor jou")
        return f"{euro(self.cost_amount)} ({self.cost_provider}, {self.cost_year})"

    @property
    def first_needs(self):
        """What you need before the route can start, in the order you need it."""
        needs = []
        if self.requires_foreign_teaching_qualification:
            needs.append(gettext("een onderwijsbevoegdheid uit het buitenland"))
        if self.needs_school_job:
            needs.append(gettext("een baan op een school"))
        if self.needs_suitability_test:
            needs.append(gettext("een positief geschiktheidsonderzoek"))
        return needs

    def facts(self, keys=None):
        """The facts a visitor compares, generated from the structured fields only, each with its source. The fact
        box, the route cards and the route finder all show these, so they cannot disagree. With ``keys``, only those
        facts, in that order (a route card builds the four it shows, not all ten)."""
        builders = self._fact_builders()
        facts = (builders[key]() for key in (builders if keys is None else keys) if key in builders)
        return [fact for fact in facts if fact.value]

    def _fact_builders(self):
        return {
            "entry": lambda: self._fact(
                "entry",
                gettext("Instapniveau"),
                self.entry_levels_text or gettext("Vraag het de opleiding"),
                [
                    self.only_for_group and gettext("Alleen voor %(group)s.") % {"group": self.only_for_group},
                    self.requires_foreign_teaching_qualification
                    and gettext("Alleen als je in het buitenland al leraar was."),
                ],
            ),
            "first": lambda: self._fact(
                "first", gettext("Eerst nodig"), capfirst("; ".join(self.first_needs)), source_key="combination"
            ),
            "experience": lambda: self._fact(
                "experience", gettext("Werkervaring"), self.get_work_experience_display(), self._experience_notes()
            ),
            "combination": lambda: self._fact(
                "combination", gettext("Te combineren met je baan"), self.get_combines_with_job_display()
            ),
            "sectors": lambda: self._fact(
                "sectors",
                gettext("Waar je les kunt geven"),
                gettext(" en ").join(self.sectors),
                source_key="qualification",
            ),
            "qualification": lambda: self._fact(
                "qualification",
                gettext("Waar het toe leidt"),
                self.get_qualification_display(),
                [
                    self.qualification_note,
                    self.qualification_only_for_foreign_teachers
                    and gettext(
                        "Alleen als je in het buitenland al bevoegd leraar was. Anders is dit de eerste stap: je "
                        "laat je diploma waarderen en kiest daarna een Nederlandse route."
                    ),
                ],
            ),
            "duration": lambda: self._fact("duration", gettext("Duur"), self.duration),
            "study_load": lambda: self._fact(
                "study_load", gettext("Studiebelasting"), self.study_load, source_key="duration"
            ),
            "cost": lambda: self._fact(
                "cost", gettext("Kosten"), self.cost_text or self.cost_note, [self.cost_text and self.cost_note]
            ),
            "funding": lambda: self._fact("funding", gettext("Financiering"), self.funding),
        }

    def _fact(self, key, label, value, notes=(), source_key=None):
        return Fact(
            key=key,
            label=label,
            value=value,
            notes=[note for note in notes if note],
            route=self,
            source_field=FACT_SOURCE_FIELDS[source_key or key],
        )

    def _experience_notes(self):
        if self.has_separate_rule_without_degree:
            return [
                gettext("Met een hbo- of wo-diploma: %(condition)s.")
                % {"condition": self.experience_condition() or gettext("geen vast aantal jaren")},
                gettext("Zonder hbo- of wo-diploma: %(condition)s.")
                % {"condition": self.experience_condition_without_degree},
            ]
        condition = self.experience_condition()
        return [f"{condition[:1].upper()}{condition[1:]}."] if condition else []

    def numbered_facts(self):
        """The facts with the number of their source in ``sources``: the route page shows "bron 2" beside a fact and
        the sources once each, numbered, under the text."""
        numbers = {source.pk: number for number, source in enumerate(self.sources, start=1)}
        return [replace(fact, number=numbers.get(getattr(self, f"{fact.source_field}_id"))) for fact in self.facts()]

    def facts_for(self, *keys):
        """The facts with these keys, in the order given (a route without the fact leaves it out)."""
        return self.facts(keys)

    def card_facts(self):
        return self.facts_for("duration", "cost", "qualification", "combination")

    def advice_facts(self):
        """What the route finder shows per route: what the UK's and the Dutch anchors show, and what you need first."""
        return self.facts_for("first", "duration", "study_load", "cost", "funding", "qualification")

    @property
    def sources(self):
        """Every source the facts rely on, once each, in the order of the fact box."""
        seen = {}
        for name in FACT_SOURCE_FIELDS.values():
            source = getattr(self, name)
            if source is not None:
                seen.setdefault(source.pk, source)
        return list(seen.values())

    @property
    def missing_sources(self):
        """The fact groups that have no source yet (the admin form refuses them; old or imported pages may)."""
        return [key for key, name in FACT_SOURCE_FIELDS.items() if getattr(self, f"{name}_id") is None]

    def timeline_steps(self):
        """The steps with the months they fall in ("maand 1 tot 3"), counted while every earlier step has a known
        length; after a step whose length differs per person, only each step's own length is known."""
        steps, month, counting = [], 0, True
        for step in self.timeline.all():
            start = month + 1 if counting else None
            if step.months and counting:
                month += step.months
                end = month
            else:
                end = None
                counting = counting and bool(step.months)
            steps.append(TimelineStep(step=step, start=start if end else None, end=end))
        return steps

    @property
    def entry_levels_text(self):
        return ", ".join(str(label) for _key, label in self.entry_levels)

    @property
    def entry_levels(self):
        """The entry levels as (key, label) pairs, from the one vocabulary the finder and the form use too."""
        return entry_levels_of(self)

    @property
    def sectors(self):
        return [name for name, on in (("vmbo", self.for_vmbo), ("mbo", self.for_mbo)) if on]

    @property
    def leads_to_teaching_qualification(self):
        return self.qualification in TEACHING_QUALIFICATIONS


class RouteStep(Orderable):
    """One step of a route, with how many months it takes: the route page and the finder show them as a timeline."""

    route = ParentalKey(RoutePage, on_delete=models.CASCADE, related_name="timeline")
    title = models.CharField(_("stap"), max_length=120, help_text=_("Bijvoorbeeld: Geschiktheidsonderzoek."))
    months = models.PositiveSmallIntegerField(
        _("maanden"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Hoeveel maanden deze stap hoogstens duurt, volgens de bron. Leeg: verschilt per persoon."),
    )
    description = models.CharField(_("toelichting"), max_length=240, blank=True)

    panels = [FieldRowPanel([FieldPanel("title"), FieldPanel("months")]), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("stap")
        verbose_name_plural = _("stappen")

    def __str__(self):
        return self.title


class RouteProgramme(Orderable):
    """Which college offers this route, under which name: the route page lists these, and only these."""

    route = ParentalKey(RoutePage, on_delete=models.CASCADE, related_name="programmes")
    institution = models.ForeignKey(
        "routes.Institution", on_delete=models.CASCADE, related_name="route_programmes", verbose_name=_("hogeschool")
    )
    name = models.CharField(
        _("naam van de opleiding"), max_length=160, help_text=_("Zoals de hogeschool deze route noemt.")
    )
    url = models.URLField(_("link naar de opleiding"), blank=True, help_text=_("Leeg: de website van de hogeschool."))

    panels = [FieldPanel("institution"), FieldPanel("name"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("opleiding bij deze route")
        verbose_name_plural = _("opleidingen bij deze route")

    def __str__(self):
        return f"{self.institution} – {self.name}"

    @property
    def link(self):
        return self.url or self.institution.website


class RouteFinderPage(RoutablePageMixin, BasePage):
    """ "Welke route past bij mij?": a few questions, then the routes that fit and why.

    The questions are served at the page's own URL, the result at ``resultaat/``; both read the answers from the
    query string (see routes/finder_views.py and routes/finder/). The views get the routes and regions from the page
    (``live_routes``, ``regions``), so routes/finder_views.py imports no model and this page can call it directly.
    """

    parent_page_types = ["content.HomePage"]
    subpage_types = []
    max_count = 1
    template = "pages/route_finder_page.html"

    class Meta:
        verbose_name = _("routewijzer")

    @path("", name="questions")
    def questions(self, request):
        return finder_views.question_view(request, self)

    @path("resultaat/", name="result")
    def result(self, request):
        return finder_views.result_view(request, self)

    def live_routes(self, request):
        """Every live, public route on this site, with its colleges, sources and steps: read once per publish (a
        change to a route, a college or a source is one, content/fragments.py), in a fixed number of queries."""

        def build():
            routes = fragments.public(RoutePage.objects.live(), request)
            site = Site.find_for_request(request)
            if site is not None:
                routes = routes.in_site(site)
            return list(
                routes.select_related(*FACT_SOURCE_FIELDS.values()).prefetch_related(
                    programmes_with_institutions(), "timeline"
                )
            )

        return fragments.cached(request, ("finder_routes", self.pk), build)

    def regions(self, request=None):
        return fragments.cached(request, "regions", lambda: list(Region.objects.order_by("name")))


def programmes_with_institutions():
    """A route's programmes with their colleges, in one query."""
    return Prefetch("programmes", queryset=RouteProgramme.objects.select_related("institution"))
