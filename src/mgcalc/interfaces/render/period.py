"""The days of a tracker file as dose and plan say them: how many were used, left out, why."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape

from mgcalc.text import mg

if TYPE_CHECKING:
    from mgcalc.dietary.assembly import DietDay, DietFile

REASONS = {
    "not_completed": "not completed",
    "missing": "without a magnesium value",
    "outside_days": "outside --days",
}


def diet_file_lines(file: DietFile) -> list[str]:
    """Say how many of a tracker file's days were used and left out, and why."""
    app = f" ({escape(file.app)})" if file.app else ""
    lines = [
        f"[bold]Diet file:[/bold] {escape(file.path)}{app}: {file.days_used} of "
        f"{len(file.days)} day(s) used, mean {mg(file.mean_mg)} a day "
        f"({mg(file.min_mg)} to {mg(file.max_mg)})."
    ]
    left = left_out_text(file.days)
    if left:
        lines.append(f"Left out: {left}.")
    return lines


def left_out_text(days: tuple[DietDay, ...]) -> str:
    """Return the days left out by reason: 2 not completed, 5 outside --days."""
    counts = {reason: 0 for reason in REASONS}
    for day in days:
        if day.left_out is not None:
            counts[day.left_out] += 1
    return ", ".join(f"{count} {REASONS[reason]}" for reason, count in counts.items() if count)
