"""Write (or check) the committed files that the landsdelen map build produces."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from . import geo, municipalities

#: The repository root: outputs are written relative to it, whatever the working directory.
ROOT = Path(__file__).resolve().parents[2]
FRAGMENT = Path("templates") / "includes" / "landsdelen_map.svg.html"


def outputs() -> dict[Path, Callable[[], str]]:
    """Each committed output (relative to the repository root) and the function that makes it."""
    return {
        FRAGMENT: geo.render_fragment,
        municipalities.TABLE: municipalities.render_table,
    }


def stale(root: Path = ROOT) -> list[Path]:
    """The outputs that are missing or differ from what the build makes now."""
    result = []
    for relative, make in outputs().items():
        path = root / relative
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != make():
            result.append(relative)
    return result


def write(root: Path = ROOT) -> list[Path]:
    """Write every output that changed; return those written."""
    written = []
    for relative, make in outputs().items():
        path = root / relative
        content = make()
        if path.exists() and path.read_text(encoding="utf-8") == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8", newline="\n")
        written.append(relative)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.landsdelen_map",
        description="Build the landsdelen map from the boundaries in tools/landsdelen_map/data.",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; fail if a committed output is missing or out of date",
    )
    args = parser.parse_args(argv)
    if args.check:
        out_of_date = stale()
        for relative in out_of_date:
            print(f"{relative} is out of date: run `make map` and commit it.", file=sys.stderr)
        if not out_of_date:
            print("All outputs are up to date.")
        return 1 if out_of_date else 0
    written = write()
    for relative in written:
        print(f"Wrote {relative}.")
    if not written:
        print("All outputs were already up to date.")
    return 0
