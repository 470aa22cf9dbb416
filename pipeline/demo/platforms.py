"""What each platform's exports keep and lose: the facts the writers and the truth share.

A real series loses information differently on every platform, and the
ground truth must lose exactly the same (DEFINITIONS.md counts only what the
data shows). ``truth.py`` reads these traits; each writer renders them in its
own format, and ``tests/test_demo_generator.py`` recounts the truth from the
written files, so a writer that drifts from its traits fails there. Sources
are export-formats.md's sections:

* Zoom (§1.1-1.2): attendee report lists no-shows (``Attended=No``) and every
  registration status, the registration form's answers, and Zoom's own
  geolocation (``Country/Region Name``) for everyone who joined.
* GoTo Webinar (§2): attendee report lists no-shows, the registrant report
  every status; the form's answers (``Country``, ``Organization``...) sit on
  both; there is no geolocation, and join/leave times are to the minute
  ('May 16, 2012 10:49 AM EDT').
* Webex Webinars (§3): the attendance report lists joiners only, with no
  country; the registration report lists every registrant and status with the
  form's answers.
* Teams webinars (§4.1, §4.5): the attendance report is the only export; it
  lists attendees only (registrants who never joined are in no file), with
  name, e-mail and registration time/status but none of the form's answers,
  and no country.
"""

from __future__ import annotations

from dataclasses import dataclass

ZOOM, GOTO, TEAMS, WEBEX = "zoom", "goto", "teams", "webex"


@dataclass(frozen=True, slots=True)
class Traits:
    """What one platform's exports show about a webinar's people."""

    lists_no_shows: bool  # approved registrants who never joined appear in some export
    registration_answers: bool  # country / organisation / sector / job title answers appear
    geolocation: bool  # the platform's own country for every row of someone who joined
    minute_clock: bool  # join and leave times are written to the minute, seconds dropped


TRAITS: dict[str, Traits] = {
    ZOOM: Traits(lists_no_shows=True, registration_answers=True, geolocation=True,
                 minute_clock=False),
    GOTO: Traits(lists_no_shows=True, registration_answers=True, geolocation=False,
                 minute_clock=True),
    WEBEX: Traits(lists_no_shows=True, registration_answers=True, geolocation=False,
                  minute_clock=False),
    TEAMS: Traits(lists_no_shows=False, registration_answers=False, geolocation=False,
                  minute_clock=False),
}  # fmt: skip
