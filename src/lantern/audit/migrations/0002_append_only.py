"""Make the audit trail append-only in the database itself, and create its head row.

Triggers refuse UPDATE and DELETE on audit records, so even code that bypasses
the model (raw SQL, a bulk update) cannot rewrite history. Someone with the
rights to drop the triggers can still tamper; the hash chain catches that.
"""

from django.db import migrations

SQLITE_UP = [
    """CREATE TRIGGER audit_record_no_update BEFORE UPDATE ON audit_auditrecord
       BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END""",
    """CREATE TRIGGER audit_record_no_delete BEFORE DELETE ON audit_auditrecord
       BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS audit_record_no_update",
    "DROP TRIGGER IF EXISTS audit_record_no_delete",
]
POSTGRES_UP = [
    """CREATE OR REPLACE FUNCTION audit_record_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit records are append-only'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON audit_auditrecord
       FOR EACH ROW EXECUTE FUNCTION audit_record_append_only()""",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS audit_record_append_only ON audit_auditrecord",
    "DROP FUNCTION IF EXISTS audit_record_append_only()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def head_create(apps, schema_editor):
    apps.get_model("audit", "AuditHead").objects.get_or_create(
        pk=1, defaults={"seq": 0, "hash": "0" * 64}
    )


def head_remove(apps, schema_editor):
    apps.get_model("audit", "AuditHead").objects.filter(pk=1).delete()


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_audit_trail")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        ),
        migrations.RunPython(head_create, head_remove),
    ]
