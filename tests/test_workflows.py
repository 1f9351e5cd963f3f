"""GitHub Actions workflows (issue #16, item 7): least privilege per job, third-party actions
pinned to a commit, the container image pinned by digest, never pull_request_target."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.site import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
SHA_PIN = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")
DIGEST_PIN = re.compile(r"^[\w./-]+:[\w.-]+@sha256:[0-9a-f]{64}$")
# Permissions that can change the repository or publish: only in jobs that run no project
# code (no pip, apt, npm, make, Chromium), i.e. no container and no `run:` that builds.
WRITE_SCOPES = {"contents", "pages", "id-token", "pull-requests", "statuses", "deployments", "actions", "packages"}
BUILD_COMMANDS = re.compile(r"\b(make|pip|apt-get|npm|python|mkdocs|chromium)\b")


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as true
        data["on"] = data.pop(True)
    return data


@pytest.fixture(params=WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def workflow(request: pytest.FixtureRequest) -> tuple[str, dict[str, Any], str]:
    path: Path = request.param
    return path.name, _load(path), path.read_text(encoding="utf-8")


def test_there_are_workflows() -> None:
    assert {p.name for p in WORKFLOWS} >= {"deploy.yml", "pull-request.yml", "preview.yml"}


def test_never_pull_request_target(workflow: tuple[str, dict[str, Any], str]) -> None:
    name, data, text = workflow
    triggers = data["on"] if isinstance(data["on"], dict) else {t: None for t in data["on"]}
    assert "pull_request_target" not in triggers and "workflow_run" not in triggers, name
    assert not re.search(r"^\s*-?\s*pull_request_target\b", text, re.M), name


def test_nothing_granted_by_default(workflow: tuple[str, dict[str, Any], str]) -> None:
    name, data, _ = workflow
    assert data.get("permissions") == {}, f"{name}: top-level permissions must be {{}}"
    for job_name, job in data["jobs"].items():
        assert "permissions" in job, f"{name}/{job_name}: say what the job needs"


def test_write_permissions_only_where_no_project_code_runs(workflow: tuple[str, dict[str, Any], str]) -> None:
    name, data, _ = workflow
    for job_name, job in data["jobs"].items():
        writes = {scope for scope, level in (job.get("permissions") or {}).items() if level == "write"}
        assert not writes - WRITE_SCOPES, f"{name}/{job_name}: unknown scope {writes}"
        if not writes:
            continue
        assert "container" not in job, f"{name}/{job_name}: writes and runs in the build container"
        runs = " ".join(step.get("run", "") for step in job["steps"])
        assert not BUILD_COMMANDS.search(runs), f"{name}/{job_name}: builds with a write token: {runs}"


def test_actions_pinned_to_a_commit_with_their_version(workflow: tuple[str, dict[str, Any], str]) -> None:
    name, data, text = workflow
    for job_name, job in data["jobs"].items():
        for step in job.get("steps", []):
            uses = step.get("uses")
            if uses is None or uses.startswith("./"):
                continue
            assert SHA_PIN.match(uses), f"{name}/{job_name}: '{uses}' is not pinned to a commit SHA"
            line = next(line for line in text.splitlines() if uses in line)
            assert re.search(r"# v\d+\.\d+\.\d+", line), f"{name}: say which tag {uses} is (# vX.Y.Z)"


def test_container_images_pinned_by_digest(workflow: tuple[str, dict[str, Any], str]) -> None:
    name, data, _ = workflow
    for job_name, job in data["jobs"].items():
        container = job.get("container")
        if container is None:
            continue
        image = container if isinstance(container, str) else container["image"]
        assert DIGEST_PIN.match(image), f"{name}/{job_name}: image '{image}' is not pinned by digest"


def test_checkout_keeps_no_token(workflow: tuple[str, dict[str, Any], str]) -> None:
    name, data, _ = workflow
    for job_name, job in data["jobs"].items():
        for step in job.get("steps", []):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert (step.get("with") or {}).get("persist-credentials") is False, f"{name}/{job_name}"


def test_preview_is_removed_when_the_pull_request_closes() -> None:
    data = _load(REPO / ".github" / "workflows" / "preview.yml")
    assert set(data["on"]["pull_request"]["types"]) == {"opened", "reopened", "synchronize", "closed"}
    remove = data["jobs"]["remove"]
    assert "closed" in remove["if"]
    assert any((s.get("with") or {}).get("action") == "remove" for s in remove["steps"])
    # The main deployment keeps the previews' folder.
    deploy = _load(REPO / ".github" / "workflows" / "deploy.yml")["jobs"]["deploy"]
    pages = next(s for s in deploy["steps"] if "github-pages-deploy-action" in s.get("uses", ""))
    assert pages["with"]["clean-exclude"].startswith("pr-preview")
