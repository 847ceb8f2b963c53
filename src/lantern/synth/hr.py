"""The synthetic force's HR export: posts, postings, clearances, records, declarations, leavers.

Written to ``<force>/hr/`` beside the dataset (not inside it: the dataset
follows the data contract; HR is a separate export the vetting unit imports
with ``lantern vetting import-hr``). Deterministic per seed. Dated as of the end
of the generated period; ``manifest.json`` names the export and that date, so
``lantern vetting import-hr DIR --as-of-today`` (what ``make demo`` runs) can move
every date to read as taken today, whatever day the demo runs. Realistic gaps:

* about 6% of people hold a clearance that expired before that date, and about
  4% hold none at all (the inspectorate found over 10% without up-to-date vetting);
* about 1 in 6 of those in posts with high contact with vulnerable people
  (public protection, custody) hold only RV where the post needs MV;
* a handful of bad rows (an unknown post, an impossible date, a duplicate
  person, an unknown level), so the loss-free import has something to report;
* a barred-list extract with one entry that the demo's neighbouring force's
  transferee matches.

And the ordinary texture of a vetting record: a counter-terrorism liaison post
needing Security Check (SC, on top of force vetting), a few clearances granted
with conditions, a few renewed (the earlier clearance superseded in HR's
history), and appraisals, sickness and declarations for everyone, cleared or not.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from lantern.synth.config import ForceConfig
from lantern.synth.force import RANKS, ROLES, Staff, staff_id

# role -> (unit, post title, required level, high contact with vulnerable people)
ROLE_POSTS: dict[str, tuple[str, str, str, bool]] = {
    "response_officer": ("Response", "Response officer", "RV", False),
    "neighbourhood_officer": ("Neighbourhood policing", "Neighbourhood officer", "RV", False),
    "pcso": ("Neighbourhood policing", "Police community support officer", "NPPV2F", False),
    "detective": ("CID", "Detective", "RV", False),
    "public_protection": (
        "Public protection (DA, child protection)",
        "Public protection officer",
        "MV",
        True,
    ),
    "custody_officer": ("Custody", "Custody officer", "MV", True),
    "call_handler": ("Contact centre", "Call handler", "NPPV2F", False),
    "dispatcher": ("Contact centre", "Dispatcher", "NPPV2F", False),
    "intelligence_analyst": ("Intelligence", "Intelligence analyst", "MV", False),
    "supervisor": ("Supervision", "Supervisor", "MV", False),
    "police_staff": ("Support services", "Support officer", "NPPV2A", False),
    "it_staff": ("IT", "Systems engineer", "NPPV3", False),
    "professional_standards": ("Professional standards", "Counter-corruption officer", "MV", False),
}
# A post that needs national security vetting: a few detectives hold it.
CT_POST = ("Counter-terrorism liaison", "Counter-terrorism liaison officer", "SC", False)
CT_HOLDERS = 3
CONDITIONS = (
    "No access to the custody CCTV system without a supervisor present",
    "Declared financial position to be reviewed in 12 months",
    "Not to be deployed to the area where a close relative lives",
    "Annual review of the declared association",
)
# Commonly cited renewal periods (HR records the expiry it was given; RV's 10 years is the
# only confirmed one, the rest are the force's configured policy).
RENEWAL_YEARS = {"RV": 10, "MV": 7, "NPPV1": 3, "NPPV2A": 3, "NPPV2F": 3, "NPPV3": 5, "SC": 10}
BUSINESS_INTERESTS = (
    "Director of a family-run holiday let company",
    "Part-time personal trainer at a local gym",
    "Shareholder in a security consultancy",
    "Self-employed wedding photographer at weekends",
    "Partner's car repair business: I do the bookkeeping",
)
ASSOCIATIONS = (
    "My brother was convicted of a drugs offence in 2019",
    "A close friend from school is a known associate of an organised crime group",
    "My partner's father is subject to a current investigation by another force",
    "I am in a relationship with a journalist at a regional paper",
)
# The neighbouring demo force's transferee (lantern.vetting.demo) is on the barred list.
BARRED = (
    (
        "barred",
        "Hartley",
        "Jordan Lee",
        "1988-04-12",
        "Neighbouring Demo Police",
        "Dismissed: gross misconduct (abuse of position for a sexual purpose)",
        "2024-02-01",
    ),
    (
        "barred",
        "Pryce",
        "Daniel",
        "1979-11-30",
        "Another Force",
        "Dismissed: gross misconduct (dishonesty)",
        "2021-07-15",
    ),
    (
        "advisory",
        "Okafor",
        "Samuel",
        "1985-02-09",
        "Another Force",
        "Resigned while under investigation",
        "2023-03-20",
    ),
)


@dataclass(frozen=True)
class HrSummary:
    directory: Path
    posts: int
    people: int
    clearances: int
    bad_rows: int


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def hr_export_write(out_dir: Path, config: ForceConfig, staff: Staff) -> HrSummary:
    """Write ``out_dir/hr/*.csv`` for this synthetic force."""
    rng = np.random.default_rng([config.seed, 7])
    as_of = config.start + timedelta(days=config.days)
    directory = Path(out_dir) / "hr"
    directory.mkdir(parents=True, exist_ok=True)
    n = staff.count
    ids = [staff_id(i) for i in range(n)]
    areas = [f"A{a + 1:02d}" for a in staff.area]
    roles = [ROLES[r] for r in staff.role]
    joined = [config.start - timedelta(days=int(d)) for d in staff.joined_day]
    ages = rng.integers(21, 60, n)
    born = [
        _add_years(joined[i], -int(max(18, ages[i] - (as_of - joined[i]).days // 365)))
        - timedelta(days=int(rng.integers(0, 365)))
        for i in range(n)
    ]

    def post_of(i: int) -> str:
        return f"{roles[i].upper()[:6]}-{areas[i]}"

    extra = np.random.default_rng([config.seed, 8])  # the texture, on its own stream
    ct_holders = [i for i in range(n) if roles[i] == "detective"][:CT_HOLDERS]
    ct_post = f"CTLIAISON-{areas[ct_holders[0]]}" if ct_holders else ""

    posts: dict[str, list[str]] = {}
    if ct_holders:
        unit, title, level, _ = CT_POST
        area = areas[ct_holders[0]]
        posts[ct_post] = [ct_post, f"{title}, {area}", unit, area, "no", level]
    for i in range(n):
        unit, title, level, contact = ROLE_POSTS[roles[i]]
        if roles[i] == "supervisor" and RANKS[staff.rank[i]] == "constable":
            level = "RV"
        posts.setdefault(
            post_of(i),
            [post_of(i), f"{title}, {areas[i]}", unit, areas[i], "yes" if contact else "no", level],
        )
    people = [
        [
            ids[i],
            staff.names[i],
            born[i].isoformat(),
            roles[i],
            RANKS[staff.rank[i]],
            staff.team_names[staff.team[i]],
            areas[i],
            joined[i].isoformat(),
        ]
        for i in range(n)
    ]

    postings, clearances, records, declarations = [], [], [], []
    draw = rng.random((n, 6))
    for i in range(n):
        post = posts[ct_post if i in ct_holders else post_of(i)]
        tenure = (as_of - joined[i]).days
        started = joined[i] if tenure < 400 else as_of - timedelta(days=int(rng.integers(30, 1500)))
        started = max(started, joined[i])
        if started > joined[i] + timedelta(days=60):  # an earlier posting, now ended
            earlier = posts[post_of(int(rng.integers(0, n)))][0]
            postings.append(
                [ids[i], earlier, joined[i].isoformat(), (started - timedelta(days=1)).isoformat()]
            )
        postings.append([ids[i], post[0], started.isoformat(), ""])
        level = post[5]
        if draw[i, 0] >= 0.04:  # else: no clearance on record
            if post[4] == "yes" and draw[i, 1] < 0.17:
                level = "RV"  # under-vetted for a high-contact post
            years = RENEWAL_YEARS.get(level, 5)
            if draw[i, 2] < 0.06:  # expired before the export was taken
                expires = as_of - timedelta(days=int(rng.integers(1, 400)))
            else:
                expires = as_of + timedelta(days=int(rng.integers(1, years * 365)))
            granted = max(_add_years(expires, -years), joined[i] - timedelta(days=60))
            if granted >= as_of:
                granted = as_of - timedelta(days=1)
            texture = extra.random(2)
            conditions = str(extra.choice(CONDITIONS)) if texture[0] < 0.03 else ""
            previous = _add_years(granted, -years)
            if texture[1] < 0.08 and previous >= joined[i] - timedelta(days=60):
                # renewed on time: HR keeps the earlier clearance, which the renewal superseded
                clearances.append(
                    [ids[i], level, previous.isoformat(), granted.isoformat(), "",
                     "Vetting unit (legacy HR system)", ""]
                )  # fmt: skip
            if level == "SC":  # national security vetting rests on force vetting
                clearances.append(
                    [ids[i], "RV", granted.isoformat(), _add_years(granted, 10).isoformat(), "",
                     "Vetting unit (legacy HR system)", ""]
                )  # fmt: skip
            clearances.append(
                [
                    ids[i],
                    level,
                    granted.isoformat(),
                    expires.isoformat(),
                    conditions,
                    "Vetting unit (legacy HR system)",
                    "Granted with conditions after a vetting interview." if conditions else "",
                ]
            )
        records.append(
            [
                ids[i],
                "performance",
                (as_of - timedelta(days=int(rng.integers(30, 300)))).isoformat(),
                "Annual appraisal",
                str(
                    rng.choice(
                        [
                            "Exceeds expectations",
                            "Meets expectations",
                            "Meets expectations",
                            "Development needed",
                        ]
                    )
                ),
            ]
        )
        if draw[i, 3] < 0.3:
            records.append(
                [
                    ids[i],
                    "sickness",
                    (as_of - timedelta(days=int(rng.integers(10, 700)))).isoformat(),
                    f"Absence: {int(rng.integers(1, 20))} working days",
                    "Returned to work",
                ]
            )
        if draw[i, 4] < 0.08:
            records.append(
                [
                    ids[i],
                    "complaint",
                    (as_of - timedelta(days=int(rng.integers(10, 1500)))).isoformat(),
                    str(
                        rng.choice(
                            [
                                "Complaint: incivility",
                                "Complaint: failure to investigate",
                                "Complaint: use of force",
                            ]
                        )
                    ),
                    str(rng.choice(["Not upheld", "Upheld: reflective practice", "Withdrawn"])),
                ]
            )
        if draw[i, 5] < 0.08:
            kind = "business_interest" if draw[i, 5] < 0.05 else "notifiable_association"
            text = str(
                rng.choice(BUSINESS_INTERESTS if kind == "business_interest" else ASSOCIATIONS)
            )
            submitted = as_of - timedelta(days=int(rng.integers(1, 700)))
            decided = rng.random() < 0.6
            declarations.append(
                [
                    ids[i],
                    kind,
                    text,
                    submitted.isoformat(),
                    "approved" if decided else "pending",
                    "",
                    "Reviewed by the vetting unit: no conflict with duties." if decided else "",
                    "Vetting unit" if decided else "",
                ]
            )
    # Bad rows, as real HR exports have them.
    bad = [
        ("postings", [ids[0], "NO-SUCH-POST", as_of.isoformat(), ""]),
        ("postings", [ids[1], posts[post_of(1)][0], "2025-02-30", ""]),
        ("people", people[2]),
        ("clearances", [ids[3], "NPPV9", (as_of - timedelta(days=10)).isoformat(), "", "", "", ""]),
    ]
    for kind, row in bad:
        {"postings": postings, "people": people, "clearances": clearances}[kind].append(list(row))
    leavers = [
        [
            ids[i],
            (as_of - timedelta(days=int(rng.integers(1, 30)))).isoformat(),
            str(rng.choice(["Resigned", "Retired", "Transferred to another force"])),
        ]
        for i in rng.choice(np.arange(10, n), size=max(1, n // 100), replace=False)
    ]

    _write(
        directory / "people.csv",
        ["staff_id", "name", "date_of_birth", "role", "rank", "team_id", "area", "joined_on"],
        people,
    )
    _write(
        directory / "posts.csv",
        ["post_id", "title", "unit", "area", "high_contact", "required_level"],
        sorted(posts.values()),
    )
    _write(directory / "postings.csv", ["staff_id", "post_id", "started_on", "ended_on"], postings)
    _write(
        directory / "clearances.csv",
        ["staff_id", "level", "granted_on", "expires_on", "conditions", "decided_by", "rationale"],
        clearances,
    )
    _write(
        directory / "records.csv",
        ["staff_id", "kind", "recorded_on", "summary", "outcome"],
        records,
    )
    _write(
        directory / "declarations.csv",
        [
            "staff_id",
            "kind",
            "description",
            "submitted_on",
            "decision",
            "conditions",
            "rationale",
            "decided_by",
        ],
        declarations,
    )
    _write(directory / "leavers.csv", ["staff_id", "left_on", "reason"], leavers)
    manifest = {
        "export_id": f"synth-seed{config.seed}-staff{n}-{config.start.isoformat()}-{config.days}d",
        "as_of": as_of.isoformat(),
        "note": "Synthetic HR export. Every date is relative to as_of: "
        "`lantern vetting import-hr DIR --as-of-today` moves them to read as taken today.",
    }
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    _write(
        directory / "lists.csv",
        ["list", "surname", "forenames", "date_of_birth", "former_force", "reason", "listed_on"],
        [list(b) for b in BARRED],
    )
    return HrSummary(directory, len(posts), n, len(clearances), len(bad))
