"""The database itself refuses to change an append-only log table.

PostgreSQL: a row trigger refuses UPDATE and DELETE, a statement trigger refuses TRUNCATE.
SQLite: triggers refuse UPDATE and DELETE (SQLite has no TRUNCATE; ``DELETE FROM`` without a
condition fires the trigger too). The table owner can still drop or disable these triggers;
that is what the hash chain (:mod:`.keten`) and running as a role that does not own the table
(``docs/security.md``) are for.

Migrations call :func:`bescherm`; the test suite lifts the protection only around Django's
``flush`` between transactional tests (``src/conftest.py``).
"""

from __future__ import annotations

_FUNCTIE = "wmoregie_alleen_toevoegen"

_PG_FUNCTIE = f"""
CREATE OR REPLACE FUNCTION {_FUNCTIE}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'het log % is onveranderlijk (% geweigerd)', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;
"""


def _namen(tabel: str) -> dict[str, str]:
    return {
        "rij": f"{tabel}_alleen_toevoegen",
        "leeg": f"{tabel}_niet_legen",
        "update": f"{tabel}_geen_update",
        "delete": f"{tabel}_geen_delete",
    }


def _statements(vendor: str, tabel: str) -> list[str]:
    namen = _namen(tabel)
    if vendor == "postgresql":
        return [
            _PG_FUNCTIE,
            f"DROP TRIGGER IF EXISTS {namen['rij']} ON {tabel}",
            f"CREATE TRIGGER {namen['rij']} BEFORE UPDATE OR DELETE ON {tabel} "
            f"FOR EACH ROW EXECUTE FUNCTION {_FUNCTIE}()",
            f"DROP TRIGGER IF EXISTS {namen['leeg']} ON {tabel}",
            f"CREATE TRIGGER {namen['leeg']} BEFORE TRUNCATE ON {tabel} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {_FUNCTIE}()",
        ]
    if vendor == "sqlite":
        return [
            f"CREATE TRIGGER IF NOT EXISTS {namen[op]} BEFORE {op.upper()} ON {tabel} "
            f"BEGIN SELECT RAISE(ABORT, 'het log {tabel} is onveranderlijk "
            f"({op.upper()} geweigerd)'); END"
            for op in ("update", "delete")
        ]
    return []


def _opheffen(vendor: str, tabel: str) -> list[str]:
    namen = _namen(tabel)
    if vendor == "postgresql":
        return [
            f"DROP TRIGGER IF EXISTS {namen['rij']} ON {tabel}",
            f"DROP TRIGGER IF EXISTS {namen['leeg']} ON {tabel}",
        ]
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {namen[op]}" for op in ("update", "delete")]
    return []


def bescherm(connection, tabel: str) -> None:
    """Create (or renew) the triggers that make ``tabel`` append-only."""
    with connection.cursor() as cursor:
        for sql in _statements(connection.vendor, tabel):
            cursor.execute(sql)


def hef_op(connection, tabel: str) -> None:
    """Drop those triggers (migrations that rewrite the table; the tests' flush)."""
    with connection.cursor() as cursor:
        for sql in _opheffen(connection.vendor, tabel):
            cursor.execute(sql)


#: The protected log tables: the audit log and the procedures' status history.
BESCHERMDE_TABELLEN = ("audit_auditentry", "aanbestedingen_statuswijziging")
