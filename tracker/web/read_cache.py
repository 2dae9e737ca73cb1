"""Per-worker caches of the map's read models (search results, dossier, person and committee pages), keyed by the
commit-ordered data version (tracker.web.overview.data_version, migration 0018), as the lists, Te laat and Overzicht
already are: the same query or page asked by twenty people costs one set of queries until something is written, and
a page can never show a state older than the last commit anywhere (any server, any worker).

What is cached is shared by every request of the worker that asks the same thing: callers read it and never change
it (copy a row before changing it). The key holds only what the answer depends on: the reader's role and ministry
(never the user: two officers of one ministry read the same), the arguments and today.
"""
from __future__ import annotations

from functools import lru_cache, wraps

from markupsafe import Markup

from .. import db
from ..authz import Actor
from . import app_engine
from .overview import data_version

_caches = []


def reader(user) -> Actor | None:
    """The part of a user that decides what a search or a page shows them (tracker.authz: role and ministry)."""
    if user is None:
        return None
    return Actor("", user.role, getattr(user, "ministry_id", None), getattr(user, "ministry_code", None))


def by_data_version(maxsize: int):
    """fn(session, *args) → fn(*args), answered from this worker's cache while the data version stands. The args must
    be hashable; the session is the cache's own (its objects expunged, so they can be read after it closed)."""
    def decorate(fn):
        @lru_cache(maxsize=maxsize)
        def cached(engine, version, *args):
            with db.transaction(engine) as session:
                value = fn(session, *args)
                session.expunge_all()
            return value

        @wraps(fn)
        def call(*args):
            engine = app_engine()
            with db.reading(engine) as connection:
                version = data_version(connection)
            return cached(engine, version, *args)

        call.cache_clear = cached.cache_clear
        call.cache_info = cached.cache_info
        _caches.append(cached)
        return call
    return decorate


def clear_all() -> None:
    for cache in _caches:
        cache.cache_clear()


def fragment(model, key, render) -> Markup:
    """The HTML of a cached read model's rows, rendered once per model and key (the arguments the HTML shows beyond
    the model, e.g. the filters in the pager's links) and kept with the model: rendering many rows is most of a page's
    cost, the same for every reader of that model. render() → str; what it renders must not depend on the user."""
    kept = model.__dict__.setdefault("_fragments", {})
    if key not in kept:
        kept[key] = Markup(render())
    return kept[key]
