"""The `lantern` command: a thin dispatcher that owns no logic.

Each bounded context contributes its own sub-commands through a module that
exposes ``register(subparsers)``; the function a sub-command runs lives in that
context, so code can call it without the CLI. Modules are imported lazily, so
the engine's commands never load Django and the web's never load DuckDB.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Each entry: a module exposing ``register(subparsers: argparse._SubParsersAction) -> None``.
COMMAND_MODULES: tuple[str, ...] = (
    "lantern.synth.commands",
    "lantern.contract.commands",
    "lantern.engine.commands",
    "lantern.web.commands",
    "lantern.vetting.commands",
    "lantern.devices.commands",
    "lantern.governance.commands",
    "lantern.strategy.commands",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lantern", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # that context has no commands yet
                continue
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    result = args.run(args)
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())
