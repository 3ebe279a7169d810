"""The coordinators' report on the follow-up: per region and month of registering, how many registered, how soon
they were first contacted, who waits too long now, how far they got (the funnel), why they stopped and where they
came from. No personal data: only counts, shares and medians.

Everything is aggregated in PostgreSQL, in a constant number of queries however many registrations there are: the
counts per region and month (added up here for each region, each month and in total: counts add up), the median wait
at every level (GROUPING SETS: medians do not add up), and the reasons to stop per region and month. The
registrations counted are chosen by the ORM (``Registration.objects.for_user``), so the report shows exactly the
regions the registrations list shows.

"Contact within 2 working days" uses the Dutch working days of ``working_days.py``: for each local day of the period
the first day that is too late (the third working day after it) is computed here and handed to the query as an
array, looked up by day number."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models.functions import TruncMonth
from django.utils import timezone

from routes.models import Region

from .models import FUNNEL_PHASES, Channel, Phase, RegionAssignment, Registration, Status
from .working_days import is_working_day

# The shares of registrations contacted within a time: (key, what staff read).
WITHIN_WORKING_DAYS = 2
WITHIN_DAYS = (7, 30)
THRESHOLDS = (
    ("working_days", f"Binnen {WITHIN_WORKING_DAYS} werkdagen"),
    *((f"days_{days}", f"Binnen {days} dagen") for days in WITHIN_DAYS),
)
MAX_MONTHS = 60
WORK_MEM = "64MB"


def month_start(day):
    return day.replace(day=1)


def add_months(month, count):
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def months_between(first, last):
    months, month = [], first
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


@dataclass(frozen=True)
class Period:
    """Whole months of registering, from ``first`` up to and including ``last`` (the 1st of each)."""

    first: date
    last: date

    @classmethod
    def last_twelve_months(cls, today=None):
        current = month_start(today or timezone.localdate())
        return cls(add_months(current, -11), current)

    @property
    def months(self):
        return months_between(self.first, self.last)

    @property
    def start(self):
        return datetime.combine(self.first, datetime.min.time(), tzinfo=zone())

    @property
    def end(self):
        return datetime.combine(add_months(self.last, 1), datetime.min.time(), tzinfo=zone())


def zone():
    return ZoneInfo(settings.TIME_ZONE)


def too_late_from(day):
    """The first local day on which contact no longer counts as within 2 working days of registering on ``day``
    (the third working day after it): ``working_days_between(day, contact) <= 2`` exactly when contact came before."""
    remaining = WITHIN_WORKING_DAYS + 1
    while remaining:
        day += timedelta(days=1)
        remaining -= is_working_day(day)
    return day


@dataclass
class Share:
    """Of the registrations whose time is up (or who were contacted), how many were contacted within it."""

    met: int = 0
    missed: int = 0

    @property
    def decided(self):
        return self.met + self.missed

    @property
    def percentage(self):
        return 100 * self.met / self.decided if self.decided else None


@dataclass
class Figures:
    registrations: int = 0
    contacted: int = 0
    median_wait: timedelta | None = None
    within: dict = field(default_factory=lambda: {key: Share() for key, _label in THRESHOLDS})
    overdue: int = 0
    funnel: dict = field(default_factory=lambda: dict.fromkeys(FUNNEL_PHASES, 0))
    stopped: int = 0
    channels: dict = field(default_factory=lambda: dict.fromkeys(Channel, 0))
    stop_reasons: dict = field(default_factory=dict)  # reason name (or "") -> count

    def add(self, other):
        """Count ``other`` in too (not the median: the database computes it at every level)."""
        self.registrations += other.registrations
        self.contacted += other.contacted
        for key, share in other.within.items():
            self.within[key].met += share.met
            self.within[key].missed += share.missed
        self.overdue += other.overdue
        self.stopped += other.stopped
        for counts, more in ((self.funnel, other.funnel), (self.channels, other.channels)):
            for key, count in more.items():
                counts[key] += count
        for name, count in other.stop_reasons.items():
            self.stop_reasons[name] = self.stop_reasons.get(name, 0) + count


@dataclass
class Report:
    period: Period
    regions: list  # the regions counted: [(id or None, name)], None = registrations without a region
    by_region_month: dict  # (region id, month) -> Figures
    by_region: dict  # region id -> Figures
    by_month: dict  # month -> Figures
    total: Figures
    stop_reason_names: list  # every reason that occurs, in the admin's order

    def month_rows(self):
        return [(month, self.by_month.get(month) or Figures()) for month in self.period.months]

    def region_rows(self):
        return [(name, self.by_region.get(pk) or Figures()) for pk, name in self.regions]


NO_REGION = "Zonder regio"


def visible_regions(user):
    """The regions the user may report on, as [(id, name)] by name, and whether they see every region (and so
    also the registrations without one)."""
    region_ids = RegionAssignment.region_ids_for(user)
    regions = Region.objects.order_by("name")
    if region_ids is not None:
        regions = regions.filter(pk__in=region_ids)
    return list(regions.values_list("pk", "name")), region_ids is None


def registrations_for(user, period, region_id=None):
    """The registrations counted: those the user may see, registered in the period (and in one region)."""
    registrations = Registration.objects.for_user(user).filter(created_at__gte=period.start, created_at__lt=period.end)
    if region_id is not None:
        registrations = registrations.filter(region_id=region_id)
    return registrations


# Three layers: each registration with its local times (converted once), then its yes/no facts, then the counts per
# region and month. OFFSET 0 keeps PostgreSQL from folding the layers together (and so from computing a row's
# expressions again for every count). "Within N days" compares local wall-clock times, as the contact deadline does
# (the same time N days later, also across a change to or from summer time).
COUNTS_SQL = """
SELECT
    region_id,
    month::date,
    count(*) AS registrations,
    count(wait) AS contacted,
    {fact_counts},
    {funnel_counts},
    count(*) FILTER (WHERE phase = %(stopped)s) AS stopped,
    {channel_counts}
FROM (
    SELECT
        region_id,
        month,
        phase,
        channel,
        wait,
        step,
        contacted::date < too_late_day AS working_days_met,
        contacted::date >= too_late_day
            OR (contacted IS NULL AND %(today)s::date >= too_late_day
                AND (withdrawn IS NULL OR withdrawn::date >= too_late_day)) AS working_days_missed,
        {day_facts},
        status = %(awaiting)s AND contact_due_at < %(now)s AS overdue
    FROM (
        SELECT
            base.region_id,
            base.month,
            base.phase,
            base.channel,
            base.status,
            base.contact_due_at,
            base.contacted_at - base.created_at AS wait,
            base.created_at AT TIME ZONE %(zone)s AS created,
            base.contacted_at AT TIME ZONE %(zone)s AS contacted,
            base.withdrawn_at AT TIME ZONE %(zone)s AS withdrawn,
            (%(too_late_from)s::date[])[(base.created_at AT TIME ZONE %(zone)s)::date - %(first_day)s::date + 1]
                AS too_late_day,
            GREATEST(1, array_position(%(funnel)s::text[], base.phase::text), furthest.step) AS step
        FROM ({base}) base
        LEFT JOIN (
            -- How far each registration got by its logged steps, where they went further than its phase now (a
            -- step back, or a stop): other steps cannot change how far it got.
            SELECT change.registration_id, max(array_position(%(funnel)s::text[], change.phase::text)) AS step
            FROM recruitment_phasechange change
            JOIN ({base}) counted ON counted.id = change.registration_id
            WHERE array_position(%(funnel)s::text[], change.phase::text)
                > COALESCE(array_position(%(funnel)s::text[], counted.phase::text), 0)
            GROUP BY change.registration_id
        ) furthest ON furthest.registration_id = base.id
        OFFSET 0
    ) local
    OFFSET 0
) facts
GROUP BY region_id, month
"""

MEDIANS_SQL = """
SELECT region_id, month::date, GROUPING(region_id, month) AS level,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY contacted_at - created_at)
FROM ({base}) base
WHERE contacted_at IS NOT NULL
GROUP BY GROUPING SETS ((region_id, month), (region_id), (month), ())
"""


STOP_REASONS_SQL = """
SELECT region_id, month::date, min(reason.name), count(*)
FROM ({base}) base LEFT JOIN recruitment_stopreason reason ON reason.id = base.stop_reason_id
WHERE base.phase = %(stopped)s
GROUP BY region_id, month, stop_reason_id
ORDER BY min(reason.sort_order), min(reason.name)
"""

# GROUPING(region_id, month): which of the two the row is summed over.
LEVEL_REGION_MONTH, LEVEL_REGION, LEVEL_MONTH, LEVEL_TOTAL = 0, 1, 2, 3


def _base_sql(registrations):
    base = registrations.order_by().values(
        "id",
        "region_id",
        "created_at",
        "contacted_at",
        "contact_due_at",
        "withdrawn_at",
        "status",
        "phase",
        "channel",
        "stop_reason_id",
        month=TruncMonth("created_at", tzinfo=zone()),
    )
    return base.query.sql_with_params()


def _named(sql, params):
    """Turn the ORM's positional %s into named parameters, so the SQL around it can use names."""
    names = {f"base_{index}": value for index, value in enumerate(params)}
    return sql.replace("%%", "%%%%") % tuple(f"%({name})s" for name in names), names


def counts_sql(registrations, period, now):
    """The counts query and its parameters (also used by the benchmark to EXPLAIN it)."""
    base, params = _named(*_base_sql(registrations))
    days = [period.first + timedelta(days=offset) for offset in range((period.end.date() - period.first).days + 1)]
    day_facts = ",\n        ".join(
        f"contacted <= created + interval '{days} days' AS days_{days}_met, "
        f"contacted > created + interval '{days} days' OR (contacted IS NULL "
        f"AND %(local_now)s >= created + interval '{days} days' "
        f"AND (withdrawn IS NULL OR withdrawn >= created + interval '{days} days')) AS days_{days}_missed"
        for days in WITHIN_DAYS
    )
    facts = [f"{key}_{outcome}" for key, _label in THRESHOLDS for outcome in ("met", "missed")] + ["overdue"]
    fact_counts = ",\n    ".join(f"count(*) FILTER (WHERE {fact}) AS {fact}" for fact in facts)
    funnel_counts = ",\n    ".join(
        f"count(*) FILTER (WHERE step >= {step}) AS funnel_{step}" for step in range(1, len(FUNNEL_PHASES) + 1)
    )
    channel_counts = ",\n    ".join(
        f"count(*) FILTER (WHERE channel = %(channel_{index})s) AS channel_{index}" for index in range(len(Channel))
    )
    sql = COUNTS_SQL.format(
        base=base,
        day_facts=day_facts,
        fact_counts=fact_counts,
        funnel_counts=funnel_counts,
        channel_counts=channel_counts,
    )
    params.update(
        funnel=[str(phase) for phase in FUNNEL_PHASES],
        zone=settings.TIME_ZONE,
        too_late_from=[too_late_from(day) for day in days],
        first_day=period.first,
        today=timezone.localdate(now),
        now=now,
        local_now=now.astimezone(zone()).replace(tzinfo=None),
        awaiting=str(Status.NEW),
        stopped=str(Phase.STOPPED),
        **{f"channel_{index}": str(channel) for index, channel in enumerate(Channel)},
    )
    return sql, params


def _figures_from(row):
    (_region, _month, registrations, contacted, *counts) = row
    figures = Figures(registrations=registrations, contacted=contacted)
    for key, _label in THRESHOLDS:
        figures.within[key] = Share(met=counts.pop(0), missed=counts.pop(0))
    figures.overdue = counts.pop(0)
    for phase in FUNNEL_PHASES:
        figures.funnel[phase] = counts.pop(0)
    figures.stopped = counts.pop(0)
    for channel in Channel:
        figures.channels[channel] = counts.pop(0)
    # A blank or retired channel counts as "direct or unknown".
    figures.channels[Channel.DIRECT] += registrations - sum(figures.channels.values())
    return figures


def _level_key(level, region, month):
    """Where a row of a grouping level goes: {level: {key: Figures}}."""
    return {LEVEL_REGION_MONTH: (region, month), LEVEL_REGION: region, LEVEL_MONTH: month, LEVEL_TOTAL: None}[level]


def tune_transaction(cursor):
    """For the rest of the transaction: room to sort the period's registrations in memory, and no JIT compilation
    (which costs more than it saves on a query that runs once in a while)."""
    cursor.execute("SELECT set_config('work_mem', %s, true), set_config('jit', 'off', true)", [WORK_MEM])


def build_report(user, period, region_id=None, now=None):
    """The report for what ``user`` may see: all their regions, or the one region asked for (which must be one of
    them: the caller checks that against ``visible_regions``)."""
    now = now or timezone.now()
    regions, sees_all = visible_regions(user)
    registrations = registrations_for(user, period, region_id)
    base, base_params = _named(*_base_sql(registrations))
    with transaction.atomic(), connection.cursor() as cursor:
        tune_transaction(cursor)
        cursor.execute(*counts_sql(registrations, period, now))
        count_rows = cursor.fetchall()
        cursor.execute(MEDIANS_SQL.format(base=base), base_params)
        median_rows = cursor.fetchall()
        cursor.execute(STOP_REASONS_SQL.format(base=base), {**base_params, "stopped": str(Phase.STOPPED)})
        stop_rows = cursor.fetchall()

    by_region_month = {(row[0], row[1]): _figures_from(row) for row in count_rows}
    stop_reason_names = []
    for region, month, name, count in stop_rows:
        name = name or ""  # stopped without a reason recorded
        by_region_month[(region, month)].stop_reasons[name] = count
        if name not in stop_reason_names:
            stop_reason_names.append(name)
    levels = {LEVEL_REGION_MONTH: by_region_month, LEVEL_REGION: {}, LEVEL_MONTH: {}, LEVEL_TOTAL: {}}
    for (region, month), figures in sorted(by_region_month.items(), key=lambda item: item[0][1]):
        for level in (LEVEL_REGION, LEVEL_MONTH, LEVEL_TOTAL):
            levels[level].setdefault(_level_key(level, region, month), Figures()).add(figures)
    total = levels[LEVEL_TOTAL].setdefault(None, Figures())
    for region, month, level, median_wait in median_rows:
        if median_wait is not None:  # the total's row is there even when nobody was contacted
            levels[level][_level_key(level, region, month)].median_wait = median_wait

    by_region_month = levels[LEVEL_REGION_MONTH]
    if region_id is not None:
        regions = [(pk, name) for pk, name in regions if pk == region_id]
    elif sees_all and any(region is None for region, _month in by_region_month):
        regions = [*regions, (None, NO_REGION)]
    return Report(
        period=period,
        regions=regions,
        by_region_month=by_region_month,
        by_region=levels[LEVEL_REGION],
        by_month=levels[LEVEL_MONTH],
        total=total,
        stop_reason_names=stop_reason_names,
    )
