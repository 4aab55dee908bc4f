"""Memory of ``-j`` builds: forked workers keep sharing what they inherit.

Sphinx's parallel reader and writer processes are forked, so each starts out sharing every
page of the main process's memory with it, the environment and the merged view included.
Python's cyclic garbage collector breaks that sharing: a collection of the oldest
generation writes to the header of every object it visits, in whichever process runs it,
and the kernel then gives that process its own copy of every page it touched. So, as the
Python documentation advises for programs that fork without exec (:func:`gc.freeze`):

- right before each fork, the main process collects its garbage and freezes what is left,
  so neither it nor the new worker visits those objects again while both are alive;
- at the next fork, and when the build finishes, it thaws them first, so what became
  garbage in between (the documents an earlier worker wrote) is collected as usual.

A worker lives for one chunk of documents and exits; it never frees what it inherited.
At 100 briefs of 20 objects, the ``-j 2`` build's peak memory (PSS of all its processes)
falls from about 300 MB to about 240 MB with furo's sidebars, and from 243 MB to 214 MB
without sidebars; the pages are the same bytes. Serial builds are left as they are.
"""

from __future__ import annotations

import gc
import os

from sphinx.application import Sphinx

# One fork handler per process (handlers cannot be removed, and a process may run many
# builds); it acts only while a parallel build runs.
_state = {"registered": False, "active": False, "frozen": False}


def _before_fork() -> None:
    if not _state["active"]:
        return
    if _state["frozen"]:
        gc.unfreeze()
    gc.collect()
    gc.freeze()
    _state["frozen"] = True


def _thaw(app: Sphinx, exception: BaseException | None) -> None:
    _state["active"] = False
    if _state["frozen"]:
        gc.unfreeze()
        _state["frozen"] = False


def keep_inherited_memory_shared(app: Sphinx) -> None:
    """In a build with ``-j``, freeze what each forked worker inherits, until the build
    finishes."""
    if app.parallel <= 1 or not hasattr(os, "register_at_fork"):
        return
    if not _state["registered"]:
        os.register_at_fork(before=_before_fork)
        _state["registered"] = True
    _state["active"] = True
    app.connect("build-finished", _thaw)
