"""Transfer packets: sanitised, signed, verified; tampering refused; lists checked; PSD told."""

from __future__ import annotations

import base64
import io
import json
from datetime import date

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from lantern.accounts.roles import Role
from lantern.audit.models import AuditRecord
from lantern.intelligence.services import intelligence_outcome_record, intelligence_report_create
from lantern.vetting import signing
from lantern.vetting.demo import neighbour_packet
from lantern.vetting.models import HrRecord, IncomingTransfer, PersonnelDetail
from lantern.vetting.signing import PacketRefused
from lantern.vetting.transfers import (
    SCHEMA_ID,
    list_matches,
    transfer_packet_export,
    transfer_packet_import,
    transfer_psd_record,
)
from tests.factories import account_make, clearance_make, client_signed_in, staff_make

pytestmark = pytest.mark.django_db


def _transferee():  # type: ignore[no-untyped-def]
    member = staff_make(name="Alex Morgan Reed")
    PersonnelDetail.objects.create(staff=member, date_of_birth=date(1990, 5, 17))
    clearance_make(member, "RV")
    HrRecord.objects.create(
        staff=member,
        kind="complaint",
        recorded_on=date(2024, 1, 2),
        summary="Complaint: incivility",
        outcome="Not upheld",
    )
    HrRecord.objects.create(
        staff=member,
        kind="sickness",
        recorded_on=date(2025, 1, 2),
        summary="Absence: 3 working days",
    )
    analyst = account_make(Role.ANALYST).user
    fields = {
        "categories": ["sexual_misconduct"],
        "source_type": "confidential_line",
        "source_evaluation": "2",
        "intelligence_assessment": "B",
        "handling": "P",
    }
    developed = intelligence_report_create(
        actor=analyst,
        subjects=[member],
        sanitised_text="Messaged a victim after a call.",
        restricted_source_details="Reporter: J. Smith",
        **fields,
    )
    intelligence_outcome_record(actor=analyst, report=developed, outcome="filed", note="Filed.")
    intelligence_report_create(
        actor=analyst, subjects=[member], sanitised_text="Open lead text.", **fields
    )
    return member


def _export(member):  # type: ignore[no-untyped-def]
    officer = account_make(Role.VETTING_OFFICER).user
    return transfer_packet_export(actor=officer, staff=member, receiving_force="Neighbouring Demo")


def _receive(envelope, actor=None):  # type: ignore[no-untyped-def]
    actor = actor or account_make(Role.VETTING_OFFICER).user
    return transfer_packet_import(
        actor=actor, file_name="p.json", content=json.dumps(envelope).encode()
    )


def test_export_is_signed_versioned_and_sanitised() -> None:
    packet = _export(_transferee())
    document = packet.envelope["document"]
    assert document["schema"] == SCHEMA_ID
    assert (
        document["subject"]["surname"] == "Reed"
        and document["subject"]["forenames"] == "Alex Morgan"
    )
    assert [c["summary"] for c in document["complaints"]] == ["Complaint: incivility"]
    assert document["vetting"][0]["level"] == "RV"
    text = json.dumps(packet.envelope)
    assert "J. Smith" not in text and "confidential_line" not in text  # no source details
    assert "Open lead text." not in text  # undeveloped intelligence: category and date only
    assert "Messaged a victim after a call." in text
    assert signing.verify(packet.envelope) == document
    assert AuditRecord.objects.get(event="vetting.transfer_exported").category == "disclosure"


def test_a_packet_moves_between_two_forces_and_psd_records_the_history() -> None:
    incoming = _receive(
        neighbour_packet(forenames="Robin", surname="Ash", date_of_birth="1991-01-01")
    )
    assert incoming.issuing_force == "NEIGHBOUR" and incoming.appointment_status == "may_proceed"
    assert incoming.psd_status == "awaiting"
    head = account_make(Role.HEAD_OF_PSD)
    page = client_signed_in(head).get("/vetting/psd/")
    assert b"Robin Ash" in page.content
    transfer_psd_record(actor=head.user, incoming=incoming, note="Complaint history noted.")
    incoming.refresh_from_db()
    assert incoming.psd_status == "recorded"
    own = _receive(_export(_transferee()).envelope)  # this force's own key is trusted too
    assert own.subject_name == "Alex Morgan Reed"


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda e: e["document"]["complaints"].clear(), "signature does not match"),
        (lambda e: e["document"]["subject"].update(surname="Other"), "signature does not match"),
        (lambda e: e["signature"].update(value="AAAA"), "signature does not match"),
        (
            lambda e: e["signature"].update(key_id="ELSEWHERE"),
            "does not belong to the issuing force",
        ),
        (lambda e: e.pop("signature"), "expected exactly"),
        (lambda e: e["signature"].update(algorithm="RS256"), "not Ed25519"),
    ],
)
def test_a_tampered_packet_is_refused_with_the_reason(change, reason) -> None:  # type: ignore[no-untyped-def]
    envelope = neighbour_packet(forenames="Robin", surname="Ash", date_of_birth="1991-01-01")
    change(envelope)
    with pytest.raises(PacketRefused, match=reason):
        _receive(envelope)
    assert not IncomingTransfer.objects.exists()
    assert AuditRecord.objects.filter(event="vetting.transfer_refused").count() == 1


def test_an_untrusted_force_a_bad_schema_and_junk_are_refused() -> None:
    stranger = Ed25519PrivateKey.generate()
    document = neighbour_packet(forenames="A", surname="B", date_of_birth="1990-01-01")["document"]
    document["issuing_force"]["code"] = "ROGUE"
    with pytest.raises(PacketRefused, match="not among the trusted"):
        _receive(signing.sign(document, stranger, "ROGUE"))
    wrong = neighbour_packet(forenames="A", surname="B", date_of_birth="1990-01-01")["document"]
    wrong["schema"] = "lantern.transfer-packet/9"
    del wrong["sickness"]
    with pytest.raises(PacketRefused, match="unknown schema"):
        _receive(signing.sign(wrong, signing.DEMO_NEIGHBOUR.private_key, "NEIGHBOUR"))
    wrong["schema"] = SCHEMA_ID
    with pytest.raises(PacketRefused, match="'sickness' is missing"):
        _receive(signing.sign(wrong, signing.DEMO_NEIGHBOUR.private_key, "NEIGHBOUR"))
    officer = account_make(Role.VETTING_OFFICER).user
    with pytest.raises(PacketRefused, match="Not a JSON document"):
        transfer_packet_import(actor=officer, file_name="x.json", content=b"{nope")
    envelope = neighbour_packet(forenames="A", surname="B", date_of_birth="1990-01-01")
    _receive(envelope)
    with pytest.raises(PacketRefused, match="already been received"):
        _receive(envelope)


def test_configured_keys_replace_the_demo_keys(settings) -> None:  # type: ignore[no-untyped-def]
    key = Ed25519PrivateKey.generate()
    raw = key.private_bytes_raw()
    settings.LANTERN_TRANSFER_SIGNING_KEY = base64.b64encode(raw).decode()
    settings.LANTERN_TRANSFER_TRUSTED_KEYS = {"DEMO": signing.public_key_b64(key)}
    packet = _export(staff_make())
    assert signing.verify(packet.envelope)["issuing_force"]["code"] == "DEMO"
    with pytest.raises(PacketRefused, match="not among the trusted"):  # demo neighbour no longer
        _receive(neighbour_packet(forenames="A", surname="B", date_of_birth="1990-01-01"))


def test_a_barred_list_match_stops_the_appointment_and_escalates() -> None:
    from lantern.vetting.imports import hr_file_import

    hr_file_import(
        actor=None,
        kind="lists",
        file_name="lists.csv",
        content=(
            b"list,surname,forenames,date_of_birth,former_force,reason,listed_on\n"
            b"barred,HARTLEY,jordan,1988-04-12,Neighbouring,Dismissed,2024-02-01\n"
        ),
    )
    assert list_matches("Jordan", "Hartley", date(1988, 4, 13)) == []
    assert list_matches("Jordan", "Hart-ley", date(1988, 4, 12))[0]["list"] == "barred"
    incoming = _receive(
        neighbour_packet(forenames="Jordan Lee", surname="Hartley", date_of_birth="1988-04-12")
    )
    assert incoming.appointment_status == "stopped"
    assert AuditRecord.objects.filter(event="vetting.appointment_stopped").count() == 1
    page = client_signed_in(account_make(Role.HEAD_OF_PSD)).get("/vetting/psd/")
    assert b"1 appointment stopped" in page.content


def test_the_pdf_is_readable(client) -> None:  # type: ignore[no-untyped-def]
    import pypdfium2

    packet = _export(_transferee())
    officer = account_make(Role.VETTING_OFFICER)
    response = client_signed_in(officer).get(f"/vetting/transfers/out/{packet.pk}/packet.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(io.BytesIO(response.content))
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "Alex Morgan Reed" in text and "Complaint: incivility" in text
    assert "J. Smith" not in text
    assert (
        AuditRecord.objects.filter(
            event="vetting.transfer_downloaded", detail__format="pdf"
        ).count()
        == 1
    )
