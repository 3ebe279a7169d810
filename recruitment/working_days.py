"""Working days in the Netherlands: Monday to Friday, except the Dutch public holidays (the ``holidays`` library's
list for NL). Reminders to staff fall on working days; the coordinator's report counts contact within working days.
Times are local (Europe/Amsterdam): a reminder moved over a weekend keeps its wall-clock time."""

from datetime import datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

from django.conf import settings

# The longest run of days off in a row (Good Friday to Easter Monday), with room to spare: how far a moment can move.
MAX_SHIFT = timedelta(days=7)


@cache
def _holidays(year):
    return frozenset(holidays.country_holidays("NL", years=[year]))


def is_working_day(day):
    return day.weekday() < 5 and day not in _holidays(day.year)


def holiday_name(day):
    """The Dutch name of a public holiday, or ""."""
    return holidays.country_holidays("NL", years=[day.year], language="nl").get(day, "")


def _zone():
    return ZoneInfo(settings.TIME_ZONE)


def next_working_day(day):
    """This day when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def previous_working_day(day):
    """The last working day before this day."""
    day -= timedelta(days=1)
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def _on_day(moment, day):
    """The moment's local wall-clock time on another day."""
    local = moment.astimezone(_zone())
    return datetime.combine(day, local.time().replace(tzinfo=None)).replace(tzinfo=_zone())


def on_working_day(moment, *, before=None):
    """The moment, or the same local time on the next working day when it falls on a weekend or a public holiday.

    With ``before``: never at or after that moment (the contact deadline): when the next working day is too late, the
    same time on the last working day before the deadline's day (earlier rather than late, and never on a day off)."""
    local_day = moment.astimezone(_zone()).date()
    moved = moment if is_working_day(local_day) else _on_day(moment, next_working_day(local_day))
    if before is None or moved < before:
        return moved
    return _on_day(moment, previous_working_day(before.astimezone(_zone()).date()))


def add_working_days(moment, days):
    """The same local time, a number of working days later (counted from the next day on)."""
    day = moment.astimezone(_zone()).date()
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return _on_day(moment, day)


def working_days_between(start, end):
    """How many working days lie after ``start``'s local day up to and including ``end``'s."""
    first = start.astimezone(_zone()).date()
    last = end.astimezone(_zone()).date()
    count = 0
    day = first
    while day < last:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count
