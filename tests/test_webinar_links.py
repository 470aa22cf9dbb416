"""A report that names no platform ID joins the webinar of the same platform, day and title.

The end-to-end case (Webex attendance without a meeting number, its registration
report with one) is a twin in tests/test_platform_equivalence.py.
"""

from __future__ import annotations

from datetime import datetime

from pipeline.adapters.base import webinar_key
from pipeline.webinar_links import Link, Report, webinar_links

DAY = datetime(2025, 3, 22)


def report(ident: str | None, title: str | None, hour: int = 14, platform: str = "webex") -> Report:
    start = DAY.replace(hour=hour)
    return Report(webinar_key(platform, ident, title, start.date()), platform, ident, title, start)


def links(*reports: Report) -> list[tuple[str, str, str | None]]:
    return [
        (k.from_webinar_id, k.to_webinar_id, k.platform_webinar_id) for k in webinar_links(reports)
    ]


def test_a_report_without_an_id_joins_the_one_webinar_of_its_title_that_day() -> None:
    assert links(
        report(None, "Open budgets clinic"), report("2634 123 4567", "Open budgets clinic")
    ) == [
        (
            "webex:open budgets clinic:2025-03-22",
            "webex:26341234567:2025-03-22",
            "2634 123 4567",
        )
    ]


def test_titles_are_compared_as_folded_text() -> None:
    without, with_id = report(None, "Presupuestos  ABIERTOS:"), report("1", "Presupuestos abiertos")
    assert webinar_links([without, with_id]) == [
        Link(without.webinar_key, with_id.webinar_key, "1")
    ]


def test_reports_that_all_have_ids_or_all_lack_them_are_left_as_they_are() -> None:
    assert links(report("1", "Clinic"), report("2", "Clinic")) == []
    assert links(report(None, "Clinic"), report(None, "Clinic", hour=18)) == []


def test_another_platform_another_day_or_another_title_is_another_webinar() -> None:
    assert links(report(None, "Clinic"), report("1", "Clinic", platform="zoom")) == []
    other_day = Report(
        webinar_key("webex", "1", "Clinic", datetime(2025, 3, 23).date()),
        "webex",
        "1",
        "Clinic",
        datetime(2025, 3, 23, 14),
    )
    assert links(report(None, "Clinic"), other_day) == []
    assert links(report(None, "Clinic"), report("1", "Clinic II")) == []


def test_a_report_without_a_title_is_linked_to_nothing() -> None:
    assert links(report(None, None), report("1", None)) == []


def test_of_two_sessions_of_one_title_the_one_starting_within_an_hour_is_chosen() -> None:
    morning, evening = report("1", "Clinic", hour=8), report("2", "Clinic", hour=18)
    assert [
        k.to_webinar_id for k in webinar_links([report(None, "Clinic", hour=18), morning, evening])
    ] == [evening.webinar_key]


def test_two_sessions_both_near_or_none_near_leave_the_report_unlinked() -> None:
    near = [report("1", "Clinic", hour=14), report("2", "Clinic", hour=15)]
    assert links(report(None, "Clinic", hour=14), *near) == []
    far = [report("1", "Clinic", hour=8), report("2", "Clinic", hour=20)]
    assert links(report(None, "Clinic", hour=14), *far) == []


def test_reports_without_a_date_are_linked_to_nothing() -> None:
    # 'undated' is no day: two such reports may be years apart.
    without, with_id = (
        Report(webinar_key("webex", ident, "Clinic", None), "webex", ident, "Clinic", None)
        for ident in (None, "1")
    )
    assert webinar_links([without, with_id]) == []
