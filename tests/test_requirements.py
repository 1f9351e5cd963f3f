"""The pinned environment (requirements.txt): `make setup` installs exactly it."""

from __future__ import annotations

from tests.support.site import REPO


def test_requirements_txt_pins_every_package_its_packages_need() -> None:
    """requirements.txt is the whole environment: every dependency of every package it pins is
    pinned too (mypy 2.4's ast-serialize was missing, installed only because pip resolved it)."""
    from importlib.metadata import PackageNotFoundError, distribution

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    lines = (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()
    pinned = {canonicalize_name(Requirement(line).name) for line in lines if line and not line.startswith("#")}
    missing = set()
    for name in pinned:
        try:
            requires = distribution(name).requires or []
        except PackageNotFoundError:
            missing.add(f"{name} (pinned, not installed in this environment)")
            continue
        for text in requires:
            needed = Requirement(text)
            if needed.marker is None or needed.marker.evaluate({"extra": ""}):
                if canonicalize_name(needed.name) not in pinned:
                    missing.add(f"{needed.name} (needed by {name})")
    assert not missing, f"requirements.txt: add, with the installed version, {sorted(missing)}"
