"""Connecting to an execution backend. The rules never know which one runs them.

DuckDB is embedded and the default: it works out of core with a memory ceiling
and a spill directory. Spark (PySpark) runs the same Ibis expressions in local
mode or on a cluster. This module only connects; it holds no detection logic.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
from ibis.backends import BaseBackend

BACKENDS: tuple[str, ...] = ("duckdb", "spark")


class BackendUnavailableError(RuntimeError):
    """The requested backend cannot start (e.g. PySpark or Java missing)."""


@dataclass(frozen=True)
class BackendOptions:
    """How to start a backend."""

    name: str = "duckdb"
    memory_limit: str = "3GB"
    threads: int | None = None
    temp_directory: Path | None = None
    spark_master: str | None = None


def backend_connect(options: BackendOptions) -> BaseBackend:
    """Return a connected Ibis backend named by ``options.name``."""
    if options.name == "duckdb":
        return _duckdb_connect(options)
    if options.name == "spark":
        return _spark_connect(options)
    raise ValueError(f"unknown backend {options.name!r}; choose one of {', '.join(BACKENDS)}")


def _duckdb_connect(options: BackendOptions) -> BaseBackend:
    config: dict[str, Any] = {
        "memory_limit": options.memory_limit,
        # Order of rows never matters to the rules; not preserving it lets
        # DuckDB stream and spill with less memory.
        "preserve_insertion_order": False,
    }
    if options.threads:
        config["threads"] = options.threads
    if options.temp_directory is not None:
        # Past the memory limit, DuckDB spills operators and in-memory tables here.
        options.temp_directory.mkdir(parents=True, exist_ok=True)
        config["temp_directory"] = str(options.temp_directory / "spill")
    return ibis.duckdb.connect(":memory:", **config)


def spark_available() -> bool:
    """True when PySpark is importable and a Java runtime is on the PATH."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return False
    return shutil.which("java") is not None or bool(os.environ.get("JAVA_HOME"))


def _spark_connect(options: BackendOptions) -> BaseBackend:
    if not spark_available():
        raise BackendUnavailableError(
            "the spark backend needs PySpark (pip install 'lantern[spark]') and Java 17+"
        )
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.appName("lantern-scan")
        .master(options.spark_master or "local[2]")
        # Every timestamp in the clean data is UTC; the session must not shift them.
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.ansi.enabled", "true")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", os.environ.get("LANTERN_SPARK_PARTITIONS", "8"))
    )
    if options.temp_directory is not None:
        builder = builder.config("spark.local.dir", str(options.temp_directory))
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    logging.getLogger("py4j").setLevel(logging.WARNING)
    return ibis.pyspark.connect(session)


def table_materialise(con: BaseBackend, expr: ir.Table, name: str) -> ir.Table:
    """Compute ``expr`` once and keep the result on the backend under ``name``.

    Spark keeps a local checkpoint; DuckDB writes an in-memory table, which its
    buffer manager spills to the temporary directory past the memory limit.
    """
    if con.name == "pyspark":
        return _spark_checkpoint(con, expr, name)
    return con.create_table(name, expr)


def _spark_checkpoint(con: BaseBackend, expr: ir.Table, name: str) -> ir.Table:
    """Compute ``expr`` now and keep it without its lineage.

    A cached Spark DataFrame keeps its whole logical plan; each step built on
    it analyses every earlier step again, until the driver runs out of heap.
    A local checkpoint stores the rows and cuts the plan.
    """
    session = con._session
    frame = session.sql(con.compile(expr)).localCheckpoint(eager=True)
    frame.createOrReplaceTempView(name)
    return con.table(name)


def table_release(con: BaseBackend, table: ir.Table, name: str) -> None:
    """Free what ``table_materialise`` kept."""
    if con.name == "pyspark":
        con._session.catalog.dropTempView(name)
        return
    # Plain SQL: ibis 12's drop_table renders an empty DROP with sqlglot >= 30.
    con.raw_sql(f'DROP TABLE IF EXISTS "{name}"')
