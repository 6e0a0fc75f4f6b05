"""The study day: it turns over at 04:00 local time, not at midnight."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone, tzinfo

TURNOVER = time(4, 0)


def study_date(now: datetime, tz: tzinfo | None) -> date:
    """The study day `now` falls in: a review at 02:00 still counts for the evening before."""
    local = now.astimezone(tz) if tz is not None else now.astimezone()
    return (local - timedelta(hours=TURNOVER.hour, minutes=TURNOVER.minute)).date()


def day_start(day: date, tz: tzinfo | None) -> datetime:
    """When the study day `day` begins, in UTC."""
    naive = datetime.combine(day, TURNOVER)
    # A naive datetime's astimezone() reads it as the system's local time, DST included.
    local = naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()
    return local.astimezone(timezone.utc)


def day_bounds(now: datetime, tz: tzinfo | None) -> tuple[datetime, datetime]:
    """Start and end (both UTC) of the study day that contains `now`."""
    day = study_date(now, tz)
    return day_start(day, tz), day_start(day + timedelta(days=1), tz)


def day_before(start: datetime, tz: tzinfo | None) -> datetime:
    """When the study day before the one beginning at `start` began (23 to 25 hours earlier across DST)."""
    return day_start(study_date(start, tz) - timedelta(days=1), tz)


def as_utc(moment: datetime) -> datetime:
    """`moment` in `timezone.utc`, as fsrs requires; a naive datetime is a bug."""
    if moment.tzinfo is None:
        raise ValueError(f"{moment.isoformat()} has no time zone")
    return moment.astimezone(timezone.utc)
