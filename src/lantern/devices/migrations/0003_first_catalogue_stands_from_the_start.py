"""The first catalogue, shipped with Lantern, stands for every review, however early.

A review is classified with the catalogue as it stood on its date. The shipped
version 1 was written when the database was created, which would leave a review
dated before installation (an inventory imported afterwards) with no catalogue at
all; it is dated 1 January 2000 instead. Versions the unit saved keep their time.
"""

from datetime import UTC, datetime

from django.db import migrations

from lantern.devices.seed_catalogue import SEED_CATALOGUE

SHIPPED_AT = datetime(2000, 1, 1, tzinfo=UTC)
SHIPPED_REASON = "First catalogue, shipped with Lantern."


def backdate(apps, schema_editor):
    version_model = apps.get_model("devices", "CatalogueVersion")
    version_model.objects.filter(
        version=1, changed_by__isnull=True, reason=SHIPPED_REASON,
        entry__app_id__in=[row[0] for row in SEED_CATALOGUE],
    ).update(changed_at=SHIPPED_AT)  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("devices", "0002_seed_catalogue")]
    operations = [migrations.RunPython(backdate, migrations.RunPython.noop)]
