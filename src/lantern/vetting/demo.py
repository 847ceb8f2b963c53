"""The neighbouring demo force: so a packet can move between two forces in the demo.

Its key is a published demo key (``signing.DEMO_NEIGHBOUR``), trusted only under
the demo and test settings. The packet follows the same schema and is signed the
same way as this force's own exports.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.utils import timezone

from lantern.vetting import signing
from lantern.vetting.models import IncomingTransfer
from lantern.vetting.transfers import SCHEMA_ID, WITHHELD, transfer_packet_import


def neighbour_packet(
    *,
    forenames: str,
    surname: str,
    date_of_birth: str | None,
    receiving_force: str | None = None,
) -> dict[str, Any]:
    """A packet from the neighbouring force, addressed to this force unless told otherwise."""
    if not signing.demo_allowed():
        raise PermissionError("The neighbouring demo force exists only in the demo and tests.")
    force = signing.DEMO_NEIGHBOUR
    document = {
        "schema": SCHEMA_ID,
        "packet_id": str(uuid.uuid4()),
        "issued_at": timezone.now().isoformat(timespec="seconds"),
        "issuing_force": {"code": force.code, "name": force.name},
        "receiving_force": receiving_force or settings.LANTERN_FORCE_CODE,
        "subject": {
            "staff_id": "N-40211",
            "forenames": forenames,
            "surname": surname,
            "date_of_birth": date_of_birth,
            "rank": "constable",
            "role": "response_officer",
            "joined_on": "2015-09-01",
        },
        "performance": [
            {
                "kind": "performance",
                "date": "2025-04-01",
                "summary": "Annual appraisal: meets expectations",
                "outcome": "",
            }
        ],
        "sickness": [
            {
                "kind": "sickness",
                "date": "2025-11-03",
                "summary": "Absence: 4 working days",
                "outcome": "Returned to work",
            }
        ],
        "complaints": [
            {
                "kind": "complaint",
                "date": "2024-06-18",
                "summary": "Complaint: incivility during a stop",
                "outcome": "Not upheld",
            }
        ],
        "business_interests": [],
        "notifiable_associations": [],
        "corruption_intelligence": [],
        "vetting": [
            {
                "level": "RV",
                "granted_on": "2015-06-01",
                "expires_on": "2025-06-01",
                "status": "superseded",
                "conditions": "",
            },
            {
                "level": "RV",
                "granted_on": "2025-05-20",
                "expires_on": "2035-05-20",
                "status": "active",
                "conditions": "",
            },
        ],
        "withheld": list(WITHHELD),
    }
    return signing.sign(document, force.private_key, force.code)


def receive_as_neighbour(*, file_name: str, content: bytes) -> IncomingTransfer:
    """Receive a packet as the neighbouring demo force does, in its own database.

    Runs only under the demo or test settings with LANTERN_FORCE_CODE=NEIGHBOUR (a second
    instance with its own LANTERN_DATA_DIR), so what this force exported can be seen
    accepted by the force it was addressed to: the same verification, schema and list
    checks, received by the neighbour's demo vetting officer."""
    from lantern.accounts.demo import demo_accounts_ensure
    from lantern.accounts.models import User

    if not signing.demo_allowed() or signing.DEMO_NEIGHBOUR.code != settings.LANTERN_FORCE_CODE:
        raise PermissionError(
            "Receiving as the neighbouring demo force needs the demo settings and "
            f"LANTERN_FORCE_CODE={signing.DEMO_NEIGHBOUR.code} (with its own LANTERN_DATA_DIR)."
        )
    demo_accounts_ensure()
    officer = User.objects.get(username="vetting")
    return transfer_packet_import(actor=officer, file_name=file_name, content=content)
