"""Benchmark: the triage queue's pages with 100,000 alerts (p50/p95 response times).

Run against PostgreSQL (the database a force would use at this size):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lantern_bench \\
        .venv/bin/python bench/queue_pages.py --alerts 100000 --repeat 40

It creates a throwaway database (dropped afterwards), fills it with alerts
spread over 2,000 staff, then requests each page as a signed-in analyst
through Django's full middleware stack and reports percentiles.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantern.config.settings.test")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

CATEGORIES = ("sexual_misconduct", "misusing_force_systems")
CODES = ("return_after_involvement", "off_duty_access", "device_contact_outside_involvement",
         "unexplained_vulnerable_access", "personal_connection_lookup")  # fmt: skip


def _fill(alerts: int) -> None:
    from lantern.alerts.models import Alert, AlertIndicator, ScanRun
    from lantern.force.models import Person, StaffMember

    staff = StaffMember.objects.bulk_create(
        StaffMember(staff_id=f"S{i:05d}", name=f"Officer {i}", role="response_officer",
                    rank="constable", team_id=f"T{i % 80}", area=f"area{i % 6}")
        for i in range(2000)
    )  # fmt: skip
    persons = Person.objects.bulk_create(
        Person(person_id=f"P{i:06d}", markers=["domestic_abuse_victim"]) for i in range(20000)
    )
    run = ScanRun.objects.create(source="bench")
    now = timezone.now()
    batch = 5000
    for start in range(0, alerts, batch):
        rows = [
            Alert(
                alert_id=f"A{i:07d}", run=run, staff=staff[i % len(staff)],
                person=persons[i % len(persons)], score=(i * 7919) % 10000 / 100,
                category=CATEGORIES[i % 2], indicators=[], summary="viewed her record 7 times",
                first_seen=now - timedelta(days=30 + i % 300),
                last_seen=now - timedelta(days=i % 300),
            )
            for i in range(start, min(start + batch, alerts))
        ]  # fmt: skip
        created = Alert.objects.bulk_create(rows)
        AlertIndicator.objects.bulk_create(
            AlertIndicator(alert=a, code=CODES[n % len(CODES)], weight=1.0)
            for n, a in enumerate(created)
        )


def _time(client, url: str, repeat: int) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    samples = []
    status = 0
    for _ in range(repeat):
        tick = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - tick) * 1000)
        status = response.status_code
    samples.sort()
    p95 = samples[max(0, int(len(samples) * 0.95) - 1)]
    return statistics.median(samples), p95, status


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--alerts", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    from django.test.utils import get_runner

    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        from lantern.accounts.roles import Role
        from tests.factories import account_make, client_signed_in

        tick = time.perf_counter()
        _fill(args.alerts)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # as autovacuum would after a bulk load
                cursor.execute("ANALYZE")
        fill_s = time.perf_counter() - tick
        client = client_signed_in(account_make(Role.ANALYST))
        pages = {
            "queue, first page": "/alerts/",
            "queue, page 200": "/alerts/?page=200",
            "queue, filtered (indicator + area)": "/alerts/?indicator=off_duty_access&area=area3",
            "queue, last page": f"/alerts/?page={args.alerts // 25}",
            "API, first 50": "/api/v1/alerts",
        }
        print(
            f"# Queue pages at {args.alerts:,} alerts on {connection.vendor} "
            f"({platform.machine()}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}); "
            f"fill {fill_s:.1f} s; {args.repeat} requests each"
        )
        print("| page | median ms | p95 ms |\n|---|---|---|")
        for name, url in pages.items():
            median, p95, status = _time(client, url, args.repeat)
            assert status == 200, (url, status)
            print(f"| {name} | {median:.0f} | {p95:.0f} |")
    finally:
        runner.teardown_databases(old)
    return 0


if __name__ == "__main__":
    sys.exit(main())
