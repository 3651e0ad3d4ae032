"""A forked process leaves what it inherited out of its own garbage collections.

A child's collection writes to every object it looks at, and every page it writes to is copied out of
the memory it shares with the parent: the bench corpus's workers took 108 MB more PSS together, and the
report's fork copied much of the parent's heap once. Frozen as the child starts, the inherited objects
are left alone by its collections; what it allocates itself is collected as usual. The parent's own
collections are not touched (freezing there and unfreezing after the fork put the young generations'
garbage into the oldest one, which a scan collects seldom: a process that scanned again and again grew
by ~85 MB more per scan).
"""

from __future__ import annotations

import gc


def freeze_inherited() -> None:
    """First thing in a forked child: every object now alive came from the parent."""
    gc.freeze()
