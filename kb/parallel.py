"""Checking many files in two processes: the validator's work is pure Python, so threads would wait
on each other; a forked process shares what the parent has loaded (schemas, vocabularies, patterns)."""
from __future__ import annotations

import multiprocessing
import os
import threading

PARALLEL_FROM = 300   # items to work on; below this, starting a second process costs more than it saves


def each(function, items: list, cheap) -> list:
    """function(item) for every item, in order: the items that are not `cheap` (whose files changed) in
    two processes when there are many, on a machine with more than one core and in the main thread
    (forking a process with threads is unsafe); the cheap ones, whose results are remembered, here."""
    costly = [i for i, item in enumerate(items) if not cheap(item)]
    if len(costly) < PARALLEL_FROM or (os.cpu_count() or 1) < 2 or threading.current_thread() is not threading.main_thread():
        return [function(item) for item in items]
    with multiprocessing.get_context("fork").Pool(2) as pool:
        done = dict(zip(costly, pool.map(function, [items[i] for i in costly], chunksize=max(1, len(costly) // 8))))
    return [done[i] if i in done else function(item) for i, item in enumerate(items)]
