"""The project's own exceptions: their messages are Dutch reasons meant to be shown as they are."""

from __future__ import annotations

# The exit codes of a run (the command line's, and scanner.audit.Audit.exit_code): nothing to do,
# violations that need action, could not start or write (an AvgscanError), incomplete (unreadable items).
EXIT_OK, EXIT_VIOLATIONS, EXIT_CANNOT_START, EXIT_INCOMPLETE = 0, 1, 2, 3


class AvgscanError(Exception):
    """A problem the school can mend (a config key, a record file, the triage file, a key file).

    The message names the file, row or key. The command line catches this one base class and exits
    with code 2; a library caller catches it to show the message."""


class Unreadable(Exception):
    """One item could not be read; the message is the reason shown in the report. The scan goes on."""


class ItemTimeout(Exception):
    """One item ran past the item time limit (raised by scanner.executor's alarm). Its own class here, not
    in the executor, so an extractor's catch-all can let it through: the report then says the item was
    stopped ("afgebroken: tijdslimiet ..."), not that the file is damaged."""
