"""Transfer packets: sanitised, signed, verified; tampering refused; lists checked; PSD told."""

from __future__ import annotations

import base64
import io
import json
import re
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
    return transfer_packet_export(actor=officer, staff=member, receiving_force="Neighbouring-Demo")


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


def test_sickness_travels_as_date_and_duration_only() -> None:
    member = _transferee()
    HrRecord.objects.create(
        staff=member,
        kind="sickness",
        recorded_on=date(2025, 3, 4),
        summary="Absence: 12 working days, depression",
        outcome="Referred to occupational health for anxiety",
    )
    HrRecord.objects.create(
        staff=member, kind="sickness", recorded_on=date(2025, 6, 7), summary="Back injury"
    )
    document = _export(member).envelope["document"]
    assert [(r["date"], r["summary"], r["outcome"]) for r in document["sickness"]] == [
        ("2025-01-02", "Absence: 3 working days", ""),
        ("2025-03-04", "Absence: 12 working days", ""),
        ("2025-06-07", "Absence (details withheld)", ""),
    ]
    text = json.dumps(document).lower()
    assert "depression" not in text and "anxiety" not in text and "back injury" not in text


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
    # This force's own key is trusted too: a packet it addressed to itself (a returning
    # officer) is received; one it addressed to the neighbour is not this force's to receive.
    home = transfer_packet_export(
        actor=account_make(Role.VETTING_OFFICER).user, staff=_transferee(), receiving_force="demo"
    )
    assert home.receiving_force == "DEMO"
    own = _receive(home.envelope)
    assert own.subject_name == "Alex Morgan Reed" and own.appointment_status == "may_proceed"


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


def test_a_packet_addressed_to_another_force_is_refused_and_audited() -> None:
    packet = _export(_transferee())
    assert packet.envelope["document"]["receiving_force"] == "NEIGHBOURING-DEMO"
    with pytest.raises(PacketRefused, match="addressed to 'NEIGHBOURING-DEMO', not to this force"):
        _receive(packet.envelope)
    elsewhere = neighbour_packet(
        forenames="A", surname="B", date_of_birth="1990-01-01", receiving_force="THIRD"
    )
    with pytest.raises(PacketRefused, match="addressed to 'THIRD'"):
        _receive(elsewhere)
    assert not IncomingTransfer.objects.exists()
    refusals = AuditRecord.objects.filter(event="vetting.transfer_refused").order_by("seq")
    assert [r.detail["receiving_force"] for r in refusals] == ["NEIGHBOURING-DEMO", "THIRD"]
    received = _receive(neighbour_packet(forenames="A", surname="B", date_of_birth="1990-01-01"))
    audit = AuditRecord.objects.get(event="vetting.transfer_received")
    assert audit.object_id == str(received.pk) and audit.detail["receiving_force"] == "DEMO"


def test_export_names_the_receiving_force_by_code() -> None:
    from django.core.exceptions import ValidationError

    officer = account_make(Role.VETTING_OFFICER).user
    with pytest.raises(ValidationError, match="receiving force's code"):
        transfer_packet_export(actor=officer, staff=_transferee(), receiving_force="West Yorks")
    with pytest.raises(ValidationError, match="one name only"):
        transfer_packet_export(actor=officer, staff=staff_make(name="Mononym"), receiving_force="X")


def _signed(change):  # type: ignore[no-untyped-def]
    envelope = neighbour_packet(forenames="Robin", surname="Ash", date_of_birth="1991-01-01")
    change(envelope["document"])
    return signing.sign(envelope["document"], signing.DEMO_NEIGHBOUR.private_key, "NEIGHBOUR")


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d["subject"].update(forenames=None), "'subject.forenames' must be non-empty"),
        (lambda d: d["subject"].update(forenames=["Robin"]), "'subject.forenames' must be"),
        (lambda d: d["subject"].update(forenames="  "), "'subject.forenames' must be"),
        (lambda d: d["subject"].update(staff_id=""), "'subject.staff_id' must be"),
        (lambda d: d["subject"].update(surname=7), "'subject.surname' must be"),
        (lambda d: d["subject"].update(date_of_birth=19910101), "'subject.date_of_birth' must"),
        (lambda d: d["subject"].update(joined_on="soon"), "'subject.joined_on' must"),
        (lambda d: d["complaints"][0].pop("outcome"), "'complaints' item 1: 'outcome' is missing"),
        (
            lambda d: d["complaints"][0].update(date="18/06/2024"),
            "'complaints' item 1: 'date' must be date",
        ),
        (
            lambda d: d["vetting"][1].update(expires_on=None),
            "'vetting' item 2: 'expires_on' must be date",
        ),
        (
            lambda d: d["corruption_intelligence"].append({"reference": "X"}),
            "'corruption_intelligence' item 1: 'recorded_on' is missing",
        ),
        (lambda d: d["sickness"].append("text"), "'sickness' item 2 must be an object"),
        (lambda d: d["withheld"].append(3), "'withheld' must be a list of text"),
        (lambda d: d.update(receiving_force=None), "'receiving_force' must be a force code"),
    ],
)
def test_a_packet_with_bad_subject_or_section_fields_is_refused(change, reason) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PacketRefused, match=re.escape(reason)):
        _receive(_signed(change))
    assert not IncomingTransfer.objects.exists()


def test_without_a_date_of_birth_the_appointment_needs_a_human_check_never_may_proceed() -> None:
    from lantern.vetting.imports import hr_file_import

    hr_file_import(
        actor=None,
        kind="lists",
        file_name="lists.csv",
        content=(
            b"list,surname,forenames,date_of_birth,former_force,reason,listed_on\n"
            b"barred,HARTLEY,jordan,1988-04-12,Neighbouring,Dismissed,2024-02-01\n"
            b"advisory,Hart-ley,Sam,1975-01-01,Elsewhere,Under investigation,2025-01-01\n"
            b"barred,Other,Jordan,1988-04-12,Elsewhere,Dismissed,2024-02-01\n"
        ),
    )
    incoming = _receive(
        neighbour_packet(forenames="Jordan Lee", surname="Hartley", date_of_birth=None)
    )
    assert incoming.appointment_status == "check_required"
    assert incoming.list_matches == []
    assert sorted(c["name"] for c in incoming.list_candidates) == ["Sam Hart-ley", "jordan HARTLEY"]
    audit = AuditRecord.objects.get(event="vetting.appointment_check_required")
    assert audit.category == "security" and audit.detail["surname_candidates"] == 2
    officer = client_signed_in(account_make(Role.VETTING_OFFICER))
    page = officer.get(f"/vetting/transfers/in/{incoming.pk}/").content.decode()
    assert 'data-testid="check-required"' in page and 'data-testid="clear"' not in page
    assert "Sam Hart-ley" in page
    psd = client_signed_in(account_make(Role.HEAD_OF_PSD)).get("/vetting/psd/").content.decode()
    assert "1 appointment needs a check by hand" in psd and "May proceed" not in psd
    # Nobody on the lists with that surname: still a human check, never "may proceed".
    nobody = _receive(neighbour_packet(forenames="Robin", surname="Ash", date_of_birth=None))
    assert nobody.appointment_status == "check_required" and nobody.list_candidates == []


def test_this_forces_own_packet_without_personnel_detail_is_checked_by_hand() -> None:
    member = staff_make(name="Nadia Noborn")  # no PersonnelDetail: the export writes null
    packet = transfer_packet_export(
        actor=account_make(Role.VETTING_OFFICER).user, staff=member, receiving_force="DEMO"
    )
    assert packet.envelope["document"]["subject"]["date_of_birth"] is None
    assert _receive(packet.envelope).appointment_status == "check_required"


def test_dates_in_a_packet_are_the_force_local_day(settings) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from lantern.vetting.models import Declaration

    member = _transferee()
    late = datetime(2025, 7, 1, 23, 30, tzinfo=UTC)  # 00:30 on 2 July in London
    Declaration.objects.create(
        staff=member, kind="business_interest", description="Café", submitted_at=late
    )
    document = _export(member).envelope["document"]
    assert document["business_interests"][0]["declared_on"] == "2025-07-02"


def test_a_vetting_officer_cannot_open_a_packet_about_themselves() -> None:
    account = account_make(Role.VETTING_OFFICER)
    own = _transferee()
    own.account = account.user
    own.save(update_fields=["account"])
    packet = _export(own)
    client = client_signed_in(account)
    for suffix in ("", "packet.json", "packet.pdf"):
        assert client.get(f"/vetting/transfers/out/{packet.pk}/{suffix}").status_code == 404
    page = client.get("/vetting/transfers/").content.decode()
    assert own.name not in page
    assert not AuditRecord.objects.filter(event="vetting.transfer_downloaded").exists()


def test_the_list_of_packets_sent_is_audited() -> None:
    _export(_transferee())
    client = client_signed_in(account_make(Role.VETTING_OFFICER))
    assert "Alex Morgan Reed" in client.get("/vetting/transfers/").content.decode()
    assert AuditRecord.objects.filter(event="vetting.transfer_packets_listed").count() == 1


def test_the_neighbouring_demo_force_accepts_what_this_force_exported(settings) -> None:  # type: ignore[no-untyped-def]
    from lantern.vetting.demo import receive_as_neighbour

    officer = account_make(Role.VETTING_OFFICER).user
    packet = transfer_packet_export(actor=officer, staff=_transferee(), receiving_force="NEIGHBOUR")
    content = json.dumps(packet.envelope).encode()
    with pytest.raises(PermissionError, match="LANTERN_FORCE_CODE=NEIGHBOUR"):
        receive_as_neighbour(file_name="p.json", content=content)  # this force is DEMO
    settings.LANTERN_FORCE_CODE = "NEIGHBOUR"
    incoming = receive_as_neighbour(file_name="p.json", content=content)
    assert incoming.issuing_force == "DEMO" and incoming.appointment_status == "may_proceed"
    assert incoming.received_by.username == "vetting"
    # and the neighbour signs its own exports with its own demo key
    assert signing.public_key_b64(signing.signing_key()) == signing.public_key_b64(  # type: ignore[arg-type]
        signing.DEMO_NEIGHBOUR.private_key
    )
