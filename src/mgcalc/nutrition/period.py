"""A tracker file's period: its days and weeks, its foods, and the mean judged as dose does."""

# No `from __future__ import annotations` here: pydantic would compile every field's
# annotation string at each start (about 0.04 ms a field); see the README, "Speed".

import datetime
from collections import Counter, defaultdict

from pydantic import BaseModel, ConfigDict, Field

from mgcalc.dietary.assembly import DietDay, DietFile, TrackerLayout, make_diet
from mgcalc.dietary.exports import Export
from mgcalc.nutrition.assessment import Assessment, ReferenceUsed
from mgcalc.nutrition.profile import Profile
from mgcalc.result import ProfileSource, Result

TOP_FOODS = 10


class DietWeek(BaseModel):
    """An ISO week (Monday to Sunday) of the period, and the mean of its days used."""

    model_config = ConfigDict(frozen=True)

    week: str  # 2026-W45
    monday: str
    days_in_period: int = Field(description="the week's days in the period; under 7: partial")
    days_used: int
    mean_mg: float | None  # None: no day of the week was used


class FoodShare(BaseModel):
    """A food's magnesium over the days used, and its share of all foods' magnesium."""

    model_config = ConfigDict(frozen=True)

    name: str
    mg: float
    share: float  # a fraction of the period's total


class FoodUnknown(BaseModel):
    """A food logged without a magnesium value, and how many times."""

    model_config = ConfigDict(frozen=True)

    name: str
    times: int  # rows of the export


class DietSummary(BaseModel):
    """The period's figures: days in the file, used and left out, and the mean."""

    model_config = ConfigDict(frozen=True)

    days_in_file: int
    days_used: int
    not_completed: int
    missing: int
    outside_days: int
    first: str = Field(description="the period's first day: the file's, or --days's first")
    last: str = Field(description="the period's last day: the file's last day")
    calendar_days: int = Field(description="days from first to last, logged or not")
    days_at_least: int = Field(description="days used with foods of unknown magnesium")
    mean_mg: float
    min_mg: float
    max_mg: float


class DietReport(Result):
    """The period report of a tracker file (``mgcalc diet FILE``)."""

    path: str
    app: str | None  # the Apple Health app whose records were read
    layout: TrackerLayout
    days: tuple[DietDay, ...]
    weeks: tuple[DietWeek, ...]
    top_foods: tuple[FoodShare, ...]  # per-food exports only; the 10 largest
    foods_without_value: tuple[FoodUnknown, ...]
    summary: DietSummary
    profile: Profile
    profile_source: ProfileSource | None = None
    reference: ReferenceUsed
    assessment: Assessment  # the mean alone, judged as dose judges it (no supplements)
    notes: tuple[str, ...]


def diet_report(export: Export, profile: Profile, *, days: int | None = None) -> DietReport:
    """Report the period of *export*: the *days* latest days used, judged for *profile*."""
    from mgcalc.dietary.trackers import choose_days
    from mgcalc.nutrition.intake import dose

    file = choose_days(export, days)
    checked = dose([], make_diet(file=file), profile)
    used = [day.date for day in file.days if day.used]
    inside = {day.date for day in file.days if day.left_out != "outside_days"}
    top, unknown = _foods(export, set(used), inside)
    return DietReport(
        path=file.path,
        app=file.app,
        layout=file.layout,
        days=file.days,
        weeks=weeks(file),
        top_foods=top,
        foods_without_value=unknown,
        summary=_summary(file),
        profile=profile,
        reference=checked.reference,
        assessment=checked.assessment,
        notes=checked.notes,
    )


def period(file: DietFile) -> tuple[str, str]:
    """Return the period's first and last day: every day of the file not outside --days.

    Days left out as missing or not completed are in it (they were not logged, or not
    fully); so are the days the file skips between them.
    """
    dates = [day.date for day in file.days if day.left_out != "outside_days"]
    return min(dates), max(dates)


def weeks(file: DietFile) -> tuple[DietWeek, ...]:
    """Return the ISO weeks of the period, with the means of their days used."""
    used = {day.date: day.mg for day in file.days if day.used and day.mg is not None}
    first, last = (datetime.date.fromisoformat(date) for date in period(file))
    found: dict[datetime.date, list[float]] = defaultdict(list)
    inside: Counter[datetime.date] = Counter()
    day = first
    while day <= last:
        monday = day - datetime.timedelta(days=day.weekday())
        inside[monday] += 1
        value = used.get(day.isoformat())
        if value is not None:
            found[monday].append(value)
        day += datetime.timedelta(days=1)
    out = []
    for monday in sorted(inside):
        values = found.get(monday, [])
        year, week, _ = monday.isocalendar()
        out.append(
            DietWeek(
                week=f"{year}-W{week:02d}",
                monday=monday.isoformat(),
                days_in_period=inside[monday],
                days_used=len(values),
                mean_mg=sum(values) / len(values) if values else None,
            )
        )
    return tuple(out)


def _summary(file: DietFile) -> DietSummary:
    reasons = Counter(day.left_out for day in file.days)
    used = [day for day in file.days if day.used]
    first, last = period(file)
    span = datetime.date.fromisoformat(last) - datetime.date.fromisoformat(first)
    return DietSummary(
        days_in_file=len(file.days),
        days_used=file.days_used,
        not_completed=reasons["not_completed"],
        missing=reasons["missing"],
        outside_days=reasons["outside_days"],
        first=first,
        last=last,
        calendar_days=span.days + 1,
        days_at_least=sum(1 for day in used if day.unknown_foods),
        mean_mg=file.mean_mg,
        min_mg=file.min_mg,
        max_mg=file.max_mg,
    )


def _foods(
    export: Export, used: set[str], period: set[str]
) -> tuple[tuple[FoodShare, ...], tuple[FoodUnknown, ...]]:
    """Return the foods that gave the most over the days used, and those without a value."""
    totals: dict[str, float] = defaultdict(float)
    for date, foods in (export.foods or {}).items():
        if date in used:
            for name, value in foods.items():
                totals[name] += value
    whole = sum(totals.values())
    ranked = sorted(totals.items(), key=lambda pair: (-pair[1], pair[0]))[:TOP_FOODS]
    top = tuple(
        FoodShare(name=name, mg=value, share=value / whole if whole else 0.0)
        for name, value in ranked
    )
    rows: Counter[str] = Counter()
    for date, names in (export.unknown or {}).items():
        if date in period:
            rows.update(names)
    unknown = sorted(rows.items(), key=lambda pair: (-pair[1], pair[0]))
    return top, tuple(FoodUnknown(name=name, times=count) for name, count in unknown)
