"""A text dump of every table, on SQLite (iterdump) and PostgreSQL (every row, bytes as hex)."""

from __future__ import annotations

from django.db import connection


def database_dump() -> str:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        return "\n".join(connection.connection.iterdump())
    lines = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')
            for row in cursor.fetchall():
                lines.append(
                    table
                    + " "
                    + repr(
                        [bytes(v).hex() if isinstance(v, bytes | memoryview) else v for v in row]
                    )
                )
    return "\n".join(lines)


def holds(dump: str, text: str) -> bool:
    """Whether the dump holds ``text`` as text or as the hex of its UTF-8 bytes (a BLOB)."""
    hexed = text.encode().hex()
    return text in dump or hexed in dump.lower()
