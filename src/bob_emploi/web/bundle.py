"""The read-only data bundle and the indexes built from it, loaded once per process.

This is the only state the web app keeps in memory: it never changes while the process
lives, so any number of gunicorn workers on any number of machines give the same answers.
"""

from __future__ import annotations

import functools
from pathlib import Path

from django.conf import settings

from bob_emploi.data.paths import resolve_bundle_path
from bob_emploi.data.referential import Referential
from bob_emploi.jobsuggest.cities import CityIndex
from bob_emploi.jobsuggest.index import JobIndex


@functools.cache
def referential() -> Referential:
    """The bundle named by settings.BOB_BUNDLE (from $BOB_BUNDLE), else the default build path."""
    option = Path(settings.BOB_BUNDLE) if settings.BOB_BUNDLE else None
    return Referential.load(resolve_bundle_path(option))


@functools.cache
def job_index() -> JobIndex:
    return JobIndex.from_referential(referential())


@functools.cache
def city_index() -> CityIndex:
    return CityIndex.from_referential(referential())


def warm_up() -> None:
    """Loads the bundle and builds the indexes now, so that the first request is as fast as any."""
    job_index()
    city_index()
