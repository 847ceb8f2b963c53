"""The demo seed: a partner organisation linked to the demo partner, and realistic reports."""

from __future__ import annotations

import pytest

from lantern.accounts.demo import demo_accounts_ensure
from lantern.partners.models import Membership
from lantern.reporting.demo import DEMO_ORGANISATION, reporting_demo_seed
from lantern.reporting.models import Report
from lantern.reporting.selectors import conversation_for_reporter

pytestmark = pytest.mark.django_db


def test_demo_seed_is_complete_and_idempotent() -> None:
    demo_accounts_ensure()
    created = reporting_demo_seed()
    assert len(created) == 2
    membership = Membership.objects.get(user__username="partner")
    assert membership.organisation.name == DEMO_ORGANISATION
    assert Report.objects.count() == 3
    assert Report.objects.filter(urgent=True).count() == 2
    assert Report.objects.filter(partner_organisation__isnull=False).count() == 1
    view = conversation_for_reporter(receipt_text=created[1].receipt)
    assert view is not None and any(m.kind == "question" for m in view.messages)
    assert reporting_demo_seed() == []
    assert Report.objects.count() == 3
