"""The app catalogue's first version: real apps by their store identifiers."""

from django.db import migrations

from lantern.devices.seed_catalogue import SEED_CATALOGUE


def seed(apps, schema_editor):
    entry_model = apps.get_model("devices", "CatalogueEntry")
    version_model = apps.get_model("devices", "CatalogueVersion")
    for app_id, name, platform, risk_class, notes in SEED_CATALOGUE:
        if entry_model.objects.filter(app_id=app_id).exists():
            continue
        entry = entry_model.objects.create(
            app_id=app_id, name=name, platform=platform, risk_class=risk_class, notes=notes
        )
        version_model.objects.create(
            entry=entry,
            version=1,
            name=name,
            platform=platform,
            risk_class=risk_class,
            notes=notes,
            reason="First catalogue, shipped with Lantern.",
        )


def unseed(apps, schema_editor):
    entry_model = apps.get_model("devices", "CatalogueEntry")
    ids = [row[0] for row in SEED_CATALOGUE]
    entry_model.objects.filter(app_id__in=ids, version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("devices", "0001_catalogue_and_reviews")]
    operations = [migrations.RunPython(seed, unseed)]
