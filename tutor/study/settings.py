"""A learner's study settings, read and changed as one: the settings screen and `tutor settings` share it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from progress.store import Store
from progress.studyday import study_date


@dataclass(frozen=True)
class StudySettings:
    """What a learner can change of how they study."""

    new_per_day: int
    reviews_per_day: int
    desired_retention: float  # 0.70-0.99: how likely a card should still be known when it comes back
    topics: tuple[str, ...]  # the topics to study; empty: all of them
    extra_new_today: int  # new cards allowed today beyond new_per_day


# Ranges a learner may choose from; outside them scheduling stops making sense.
RETENTION_RANGE = (0.70, 0.99)
MOST_PER_DAY = 9999


def read_settings(store: Store, learner_id: int, now: datetime) -> StudySettings:
    learner = store.get_learner(learner_id)
    today = study_date(now, store.tz)
    extra = learner.extra_new if learner.extra_new_day == today else 0
    return StudySettings(learner.new_per_day, learner.reviews_per_day, learner.desired_retention,
                         tuple(learner.topics), extra)


def problems(settings: StudySettings, known_topics: set[str]) -> list[str]:
    """What is wrong with the settings, one line each (empty when they can be saved)."""
    out = []
    for name, value in (("new cards per day", settings.new_per_day), ("reviews per day", settings.reviews_per_day),
                        ("extra new cards today", settings.extra_new_today)):
        if not 0 <= value <= MOST_PER_DAY:
            out.append(f"{name} must be between 0 and {MOST_PER_DAY}, not {value}")
    low, high = RETENTION_RANGE
    if not low <= settings.desired_retention <= high:
        out.append(f"desired retention must be between {low:.2f} and {high:.2f} (e.g. 0.90), "
                   f"not {settings.desired_retention:g}")
    unknown = [t for t in settings.topics if t not in known_topics]
    if unknown:
        out.append(f"the course has no topic {unknown[0]!r}")
    return out


def save_settings(store: Store, learner_id: int, settings: StudySettings, now: datetime) -> None:
    """Store settings that `problems` found nothing wrong with."""
    store.update_settings(learner_id, desired_retention=settings.desired_retention, new_per_day=settings.new_per_day,
                          reviews_per_day=settings.reviews_per_day, topics=list(settings.topics))
    store.allow_extra_new(learner_id, settings.extra_new_today, now)
