"""Herramientas del portal: python -m scripts <comando>. Use --help para ver los comandos."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence


class _SpanishHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        return super().add_usage(usage, actions, groups, prefix or "uso: ")


def _bench(_: argparse.Namespace) -> int:
    from scripts.bench import run

    return run()


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="python -m scripts",
        description="Herramientas del Portal contra la Trata de Personas.",
        formatter_class=_SpanishHelp,
        add_help=False,
    )
    main.add_argument("-h", "--help", action="help", help="muestra esta ayuda y termina")
    main._positionals.title = "comandos"
    main._optionals.title = "opciones"
    commands = main.add_subparsers(dest="command", metavar="COMANDO", required=True)

    def command(name: str, summary: str, run: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, description=summary,
                                  formatter_class=_SpanishHelp, add_help=False)
        sub.add_argument("-h", "--help", action="help", help="muestra esta ayuda y termina")
        sub._optionals.title = "opciones"
        sub.set_defaults(run=run)
        return sub

    command("bench", "Mide el tiempo de construcción y los bytes que descarga un lector.", _bench)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    return int(arguments.run(arguments))


if __name__ == "__main__":
    sys.exit(main())
