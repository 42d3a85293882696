"""When a contact answers, in words: '24/7', 'Mon–Fri 08:00–18:00', 'Mo–Fr 19:30–07:30, Sa 08:00–14:00'.

Plain text (the site escapes it, the exports write it as it is); weekday names come from Babel in the
reader's language.
"""

from __future__ import annotations

from babel.dates import get_day_names

from ..labels import Labels
from ..model.contacts import Availability, AvailabilityKind, Shift, day_numbers


def _runs(numbers: list[int]) -> list[list[int]]:
    """Consecutive weekdays grouped: [0, 1, 2, 3, 4, 6] → [[0…4], [6]]; Sunday to Monday counts as consecutive."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and (runs[-1][-1] + 1) % 7 == number:
            runs[-1].append(number)
        else:
            runs.append([number])
    return runs


def days_words(days: str, labels: Labels) -> str:
    """'mon-fri' as 'Mon–Fri' (en), 'Mo–Fr' (de), 'mån–fre' (sv); 'mon,wed' as 'Mon, Wed'."""
    names = get_day_names("abbreviated", context="stand-alone", locale=labels.locale)
    parts = []
    for run in _runs(day_numbers(days)):
        # Two days in a row read better as a list than as a range ("Sat, Sun", not "Sat–Sun").
        if len(run) > 2:
            parts.append(f"{names[run[0]]}–{names[run[-1]]}")
        else:
            parts += [names[number] for number in run]
    return ", ".join(parts)


def shift_words(shift: Shift, labels: Labels) -> str:
    return f"{days_words(shift.days, labels)} {shift.start}–{shift.end}"


def availability_words(availability: Availability, labels: Labels) -> str:
    """The contact's hours as a person writes them, every shift, separated by semicolons."""
    if availability.kind is AvailabilityKind.always:
        return labels("contacts.always")
    return "; ".join(shift_words(shift, labels) for shift in availability.all_shifts())
