"""What each platform's exports keep and lose: the facts the writers and the truth share.

A real series loses information differently on every platform, and the
ground truth must lose exactly the same (DEFINITIONS.md counts only what the
data shows). The writers render these traits; ``truth.py`` reads them, so the
two cannot drift apart. Sources are export-formats.md's sections:

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
    lists_unapproved: bool  # cancelled, denied and pending registrations appear
    registration_answers: bool  # country / organisation / sector / job title answers appear
    geolocation: bool  # the platform's own country for every row of someone who joined
    minute_clock: bool  # join and leave times are written to the minute, seconds dropped
    has_registration_report: bool  # a separate registration export exists


TRAITS: dict[str, Traits] = {
    ZOOM: Traits(True, True, True, True, False, True),
    GOTO: Traits(True, True, True, False, True, True),
    WEBEX: Traits(True, True, True, False, False, True),
    TEAMS: Traits(False, False, False, False, False, False),
}
