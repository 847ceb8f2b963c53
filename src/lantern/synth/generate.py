"""``generate_force``: the synthetic force, streamed day by day to disk.

Memory stays bounded by one day of events: each day's access events are
written as their own Parquet partition and communications as one row group,
then dropped. Everything else (staff, persons, occurrences, assignments,
duties) is small enough to keep and is written at the end.
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from lantern.synth.activity import US, Comms, DayActivity, Events
from lantern.synth.columns import choice_column, id_column, ts_column
from lantern.synth.config import POPULATION_PER_STAFF, ForceConfig
from lantern.synth.devices import mdm_inventories_write
from lantern.synth.force import RANKS, ROLES, Roster, Staff, build_staff, day_roster, leave_masks
from lantern.synth.hr import hr_export_write
from lantern.synth.occurrences import (
    ASSIGNMENT_ROLES,
    CATEGORIES,
    DAY,
    OPEN,
    PERSON_ROLES,
    Duty,
    OccurrenceBook,
)
from lantern.synth.output import (
    STAFF_ID_BASE,
    CommsWriter,
    comms_table,
    events_table,
    occurrence_column,
    person_column,
    staff_column,
    write_csv,
    write_event_partition,
    write_jsonl,
)
from lantern.synth.population import MARKERS, SEXES, Population
from lantern.synth.scenarios import Planner

NO_OWNER = -(10**9)


@dataclass(frozen=True)
class GenerationSummary:
    """What was written, and how long it took."""

    dataset: Path
    truth: Path
    staff: int
    days: int
    access_events: int
    communications: int
    occurrences: int
    persons: int
    wrongdoers: int
    seconds: float


class _Progress:
    def __init__(self, total: int, enabled: bool) -> None:
        self.enabled = enabled
        self.progress: Any = None
        if enabled:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.progress = Progress(
                TextColumn("generating days"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[events]:,} events"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                transient=False,
            )
            self.progress.start()
            self.task = self.progress.add_task("days", total=total, events=0)

    def advance(self, events: int) -> None:
        if self.progress is not None:
            self.progress.update(self.task, advance=1, events=events)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def generate_force(out_dir: Path, config: ForceConfig) -> GenerationSummary:
    """Write ``out_dir/dataset`` (the force's export) and ``out_dir/truth.json``.

    ``out_dir/dataset`` is replaced if it exists. The truth file sits outside
    the dataset, so a scan of the dataset cannot see it.
    """
    started = time.monotonic()
    out_dir = Path(out_dir)
    dataset = out_dir / "dataset"
    if dataset.exists():
        shutil.rmtree(dataset)
    dataset.mkdir(parents=True)
    rng = np.random.default_rng(config.seed)
    staff = build_staff(config, rng)
    people = Population(rng=rng, areas=config.areas)
    _seed_population(config, staff, people, rng)
    book = OccurrenceBook(staff, people, rng, config.days)
    planner = Planner(config, staff, people, book, rng)
    activity = DayActivity(staff, book, people, rng)
    leave = leave_masks(staff, config.days)
    state = _Stream(dataset, config)
    progress = _Progress(config.days, config.progress)
    duties: list[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]] = []
    previous: Roster | None = None
    try:
        for day in range(config.days):
            weekday = (config.start + timedelta(days=day)).weekday()
            on_leave = np.zeros(staff.count, dtype=bool)
            on_leave[leave[day]] = True
            roster = day_roster(staff, day, weekday, on_leave)
            if previous is None:
                previous = Roster(np.zeros(staff.count, bool), roster.start, roster.end)
            duty = Duty(roster, previous, day)
            book.generate_day(day, weekday, duty, planner.attend_hook)
            planner.plan_day(day)
            extra_events, extra_comms = activity.after_hours(day, roster)
            events = Events.concat([activity.events(day, roster), extra_events])
            comms = Comms.concat([activity.comms(day, roster), extra_comms])
            p_events, e_owner, p_comms, c_owner = planner.emit(day, roster)
            state.add(day, events, p_events, e_owner, comms, p_comms, c_owner, planner)
            members = np.flatnonzero(roster.on)
            duties.append(
                (members, day * DAY + roster.start[members], day * DAY + roster.end[members])
            )
            previous = roster
            progress.advance(state.events_written)
        state.finish(planner)
    finally:
        progress.close()
    _write_tables(dataset, config, staff, people, book, duties)
    # The MDM app inventory is its own export: beside the dataset, not in it.
    mdm_inventories_write(out_dir, config, staff.has_phone, STAFF_ID_BASE)
    # The HR export (posts, postings, clearances...) for vetting: beside the dataset too.
    hr_export_write(out_dir, config, staff)
    truth = out_dir / "truth.json"
    truth.write_text(json.dumps(_truth(config, planner, state), indent=1))
    return GenerationSummary(
        dataset=dataset,
        truth=truth,
        staff=config.staff,
        days=config.days,
        access_events=state.events_written,
        communications=state.comms_written,
        occurrences=book.count,
        persons=people.size,
        wrongdoers=len(planner.wrongdoers),
        seconds=round(time.monotonic() - started, 1),
    )


def _seed_population(
    config: ForceConfig, staff: Staff, people: Population, rng: np.random.Generator
) -> None:
    """People already on record before the period, and staff's own records."""
    count = config.staff * POPULATION_PER_STAFF
    background = people.add(count, phone_share=0.5)
    historic = background[rng.random(count) < 0.06]
    for person in historic:
        people.markers[person] |= 1 << int(rng.integers(0, len(MARKERS)))
    matched = np.flatnonzero((rng.random(staff.count) < 0.6) & (staff.home_area >= 0))
    records = people.add(len(matched), area=staff.home_area[matched], phone_share=0.9)
    staff.person[matched] = records


class _Stream:
    """Day-by-day writing of access events and communications, with ids."""

    def __init__(self, dataset: Path, config: ForceConfig) -> None:
        self.dataset, self.config = dataset, config
        self.origin = _period_start_us(config)
        self.comms_writer = CommsWriter(dataset / "communications.parquet")
        self.events_written = 0
        self.comms_written = 0
        self.carry: tuple[Events, npt.NDArray[np.int64]] | None = None

    def add(
        self,
        day: int,
        events: Events,
        planted: Events,
        e_owner: npt.NDArray[np.int64],
        comms: Comms,
        p_comms: Comms,
        c_owner: npt.NDArray[np.int64],
        planner: Planner,
    ) -> None:
        parts = [events, planted]
        owners = [np.full(len(events.staff), NO_OWNER, dtype=np.int64), e_owner]
        if self.carry is not None:
            parts.append(self.carry[0])
            owners.append(self.carry[1])
        merged = Events.concat(parts)
        owner = np.concatenate(owners)
        order = np.argsort(merged.minute_us, kind="stable")
        merged = Events(*(getattr(merged, f)[order] for f in Events.FIELDS))
        owner = owner[order]
        cut = int(np.searchsorted(merged.minute_us, (day + 1) * DAY * US))
        today = Events(*(getattr(merged, f)[:cut] for f in Events.FIELDS))
        self.carry = (Events(*(getattr(merged, f)[cut:] for f in Events.FIELDS)), owner[cut:])
        self._write_events(day, today, owner[:cut], planner)
        all_comms = Comms.concat([comms, p_comms])
        comm_owner = np.concatenate([np.full(len(comms.staff), NO_OWNER, dtype=np.int64), c_owner])
        order = np.argsort(all_comms.ts_us, kind="stable")
        all_comms = Comms(
            all_comms.ts_us[order],
            all_comms.staff[order],
            all_comms.channel[order],
            all_comms.direction[order],
            [all_comms.counterpart[i] for i in order],
            all_comms.duration[order],
        )
        comm_owner = comm_owner[order]
        ids = id_column("C", np.arange(self.comms_written, self.comms_written + len(order)), 10)
        self.comms_writer.write(comms_table(all_comms, ids, self.origin))
        self._record(planner, comm_owner, ids, self.origin + all_comms.ts_us, comm=True)
        self.comms_written += len(order)

    def _write_events(
        self, day: int, events: Events, owner: npt.NDArray[np.int64], planner: Planner
    ) -> None:
        n = len(events.staff)
        ids = id_column("E", np.arange(self.events_written, self.events_written + n), 10)
        date = (self.config.start + timedelta(days=day)).isoformat()
        write_event_partition(self.dataset, date, events_table(events, ids, self.origin))
        self._record(planner, owner, ids, self.origin + events.minute_us, comm=False)
        self.events_written += n

    @staticmethod
    def _record(
        planner: Planner,
        owner: npt.NDArray[np.int64],
        ids: pa.Array,
        times: npt.NDArray[np.int64],
        *,
        comm: bool,
    ) -> None:
        rows = np.flatnonzero(owner != NO_OWNER)
        if len(rows):
            planner.record(owner[rows], ids.take(pa.array(rows)).to_pylist(), times[rows], comm)

    def finish(self, planner: Planner) -> None:
        if self.carry is not None and len(self.carry[0].staff):
            self._write_events(self.config.days, self.carry[0], self.carry[1], planner)
        self.comms_writer.close()


def _iso(micros: int | None) -> str | None:
    if micros is None:
        return None
    return datetime.fromtimestamp(micros / 1e6, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _period_start_us(config: ForceConfig) -> int:
    start = datetime(config.start.year, config.start.month, config.start.day, tzinfo=UTC)
    return int(start.timestamp()) * 1_000_000


def _write_tables(
    dataset: Path,
    config: ForceConfig,
    staff: Staff,
    people: Population,
    book: OccurrenceBook,
    duties: list[Any],
) -> None:
    origin = _period_start_us(config)

    def at(minutes: npt.NDArray[np.int64]) -> pa.Array:
        minutes = np.asarray(minutes, dtype=np.int64)
        column = ts_column(origin + np.maximum(minutes, 0) * US)
        return pa.compute.if_else(pa.array(minutes == OPEN), pa.scalar(None, column.type), column)

    n = staff.count
    joined = np.datetime64(config.start) - staff.joined_day.astype("timedelta64[D]")
    write_csv(
        dataset / "staff.csv",
        pa.table(
            {
                "staff_id": staff_column(np.arange(n)),
                "name": pa.array(staff.names),
                "role": choice_column(ROLES, staff.role),
                "rank": choice_column(RANKS, staff.rank),
                "team_id": pa.array([staff.team_names[t] for t in staff.team]),
                "area": pa.array([f"A{a + 1:02d}" for a in staff.area]),
                "joined_on": pa.array(joined.astype("datetime64[D]")),
                "left_on": pa.nulls(n, pa.date32()),
                "home_area": pa.array(
                    [f"A{a + 1:02d}" if a >= 0 else None for a in staff.home_area]
                ),
                "person_id": person_column(staff.person),
            }
        ),
    )
    size = people.size
    markers = [
        [MARKERS[b] for b in range(len(MARKERS)) if m >> b & 1] or None
        for m in people.markers[:size].tolist()
    ]
    write_jsonl(
        dataset / "persons.jsonl",
        pa.table(
            {
                "person_id": person_column(np.arange(size)),
                "sex": choice_column(SEXES, people.sex[:size]),
                "birth_year": pa.array(people.birth_year[:size]),
                "home_area": pa.array([f"A{a + 1:02d}" for a in people.home_area[:size]]),
                "markers": pa.array(markers, pa.list_(pa.string())),
            }
        ),
    )
    contact_people = [p for p, phones in people.phones.items() for _ in phones]
    contact_phones = [ph for phones in people.phones.values() for ph in phones]
    write_csv(
        dataset / "person_contacts.csv",
        pa.table(
            {
                "person_id": person_column(contact_people),
                "phone": pa.array(contact_phones, pa.string()),
            }
        ),
    )
    import pyarrow.parquet as pq

    pq.write_table(
        pa.table(
            {
                "occurrence_id": occurrence_column(np.arange(book.count)),
                "category": choice_column(CATEGORIES, book.category.values),
                "reported_at": at(book.reported.values),
                "closed_at": at(book.closed.values),
                "area": pa.array([f"A{a + 1:02d}" for a in book.area.values]),
            }
        ),
        dataset / "occurrences.parquet",
    )
    write_csv(
        dataset / "occurrence_persons.csv",
        pa.table(
            {
                "occurrence_id": occurrence_column(book.link_occurrence.values),
                "person_id": person_column(book.link_person.values),
                "role": choice_column(PERSON_ROLES, book.link_role.values),
            }
        ),
    )
    write_jsonl(
        dataset / "assignments.jsonl",
        pa.table(
            {
                "occurrence_id": occurrence_column(book.a_occurrence.values),
                "staff_id": staff_column(book.a_staff.values),
                "role": choice_column(ASSIGNMENT_ROLES, book.a_role.values),
                "assigned_at": at(book.a_assigned.values),
                "released_at": at(book.a_released.values),
            }
        ),
    )
    members = np.concatenate([d[0] for d in duties]) if duties else np.zeros(0, np.int64)
    write_csv(
        dataset / "duties.csv",
        pa.table(
            {
                "staff_id": staff_column(members),
                "start_at": at(np.concatenate([d[1] for d in duties])),
                "end_at": at(np.concatenate([d[2] for d in duties])),
            }
        ),
    )


def _truth(config: ForceConfig, planner: Planner, state: _Stream) -> dict[str, Any]:
    def staff_id(i: int) -> str:
        return f"S{STAFF_ID_BASE + i}"

    def planted(p: Any) -> dict[str, Any]:
        return {
            "staff_id": staff_id(p.staff),
            "scenario": p.scenario,
            "category": p.category,
            "persons": [f"P{x:07d}" for x in p.persons],
            "first_act": _iso(p.first_us),
            "last_act": _iso(p.last_us),
            "event_ids": p.event_ids,
            "comm_ids": p.comm_ids,
            "parameters": p.params,
        }

    wrongdoers = [planted(w) for w in planner.wrongdoers if w.event_ids or w.comm_ids]
    return {
        "generator": "lantern.synth",
        "seed": config.seed,
        "staff": config.staff,
        "days": config.days,
        "start": config.start.isoformat(),
        "wrongdoer_share": config.wrongdoer_share,
        "access_events": state.events_written,
        "communications": state.comms_written,
        "wrongdoers": wrongdoers,
        "unrealised": [
            {"staff_id": staff_id(w.staff), "scenario": w.scenario}
            for w in planner.wrongdoers
            if not (w.event_ids or w.comm_ids)
        ],
        "lookalikes": [planted(p) for p in planner.lookalikes if p.event_ids or p.comm_ids],
    }
