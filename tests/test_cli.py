"""The editors' command-line tool, run as editors run it, in a temporary copy of the repo."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.site import COMMAND_TIMEOUT, copy_project

COPIED = ("mkdocs.yml", "docs", "data", "hooks", "portal", "scripts", "overrides")


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path, COPIED)


def cli(repo: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scripts", *args], cwd=repo, capture_output=True,
                          text=True, check=False, env={**os.environ, **(env or {})}, timeout=COMMAND_TIMEOUT)


def git(repo: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, timeout=COMMAND_TIMEOUT)


def test_help_is_in_spanish(repo_copy: Path) -> None:
    result = cli(repo_copy, "--help")
    assert result.returncode == 0
    assert "uso:" in result.stdout and "comandos" in result.stdout
    for command in ("revisar", "nueva-pagina", "estado-traducciones"):
        assert command in result.stdout
        assert "muestra esta ayuda" in cli(repo_copy, command, "--help").stdout


def test_missing_argument_error_is_in_spanish(repo_copy: Path) -> None:
    result = cli(repo_copy, "nueva-pagina", "--nombre", "x")
    assert result.returncode == 2
    assert "faltan estos datos" in result.stderr


def test_revisar_passes_on_the_real_content(repo_copy: Path) -> None:
    result = cli(repo_copy, "revisar")
    assert result.returncode == 0, result.stdout
    assert "Todo el contenido está correcto." in result.stdout


def test_revisar_reports_file_line_and_fix(repo_copy: Path) -> None:
    page = repo_copy / "docs" / "en" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("description:", "descripton:", 1), encoding="utf-8")
    (repo_copy / "data" / "contactos.yml").write_text("lines: []\n", encoding="utf-8")
    result = cli(repo_copy, "revisar")
    assert result.returncode == 1
    assert "docs/en/index.md:3 — campo 'descripton': campo desconocido. ¿Quiso decir 'description'?" in result.stdout
    assert "data/contactos.yml" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_nueva_pagina_creates_a_valid_page_and_never_overwrites(repo_copy: Path) -> None:
    args = ["nueva-pagina", "--nombre", "trata-laboral", "--titulo", "¿Qué es la trata laboral?",
            "--descripcion", "Qué es, cómo reconocerla y dónde pedir ayuda.", "--con-fuentes"]
    first = cli(repo_copy, *args)
    assert first.returncode == 0, first.stderr
    created = repo_copy / "docs" / "es" / "trata-laboral.md"
    assert created.exists()
    assert cli(repo_copy, "revisar").returncode == 0  # the new page is valid as created
    before = created.read_text(encoding="utf-8")
    second = cli(repo_copy, *args)
    assert second.returncode == 1 and "ya existe" in second.stderr
    assert created.read_text(encoding="utf-8") == before


def test_nueva_pagina_translation_needs_the_spanish_original(repo_copy: Path) -> None:
    result = cli(repo_copy, "nueva-pagina", "--nombre", "no-existe", "--titulo", "Missing page",
                 "--descripcion", "A translation whose Spanish page does not exist.", "--idioma", "en")
    assert result.returncode == 1
    assert "no existe la página original en español" in result.stderr


@pytest.fixture
def translation_repo(repo_copy: Path) -> Path:
    """A fixture repo with one up-to-date, one outdated and one missing translation."""
    shutil.rmtree(repo_copy / "docs")
    page = "---\ntitle: {t}\ndescription: Una página de prueba para el estado de traducciones.\n---\n\n# {t}\n\nTexto.\n"
    docs = repo_copy / "docs"
    for lang in ("es", "en", "qu"):
        (docs / lang).mkdir(parents=True)
    for name in ("al-dia", "desactualizada", "falta"):
        (docs / "es" / f"{name}.md").write_text(page.format(t=name), encoding="utf-8")
    git(repo_copy, "init", "-q")
    git(repo_copy, "add", "-A")
    git(repo_copy, "commit", "-qm", "es", when="2026-01-01T10:00:00")
    for lang in ("en", "qu"):
        for name in ("al-dia", "desactualizada"):
            (docs / lang / f"{name}.md").write_text(page.format(t=name + " " + lang), encoding="utf-8")
    git(repo_copy, "add", "-A")
    git(repo_copy, "commit", "-qm", "translations", when="2026-02-01T10:00:00")
    source = docs / "es" / "desactualizada.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nUn párrafo nuevo.\n", encoding="utf-8")
    git(repo_copy, "commit", "-qam", "es changed", when="2026-03-01T10:00:00")
    return repo_copy


def test_translation_status_json(translation_repo: Path) -> None:
    result = cli(translation_repo, "estado-traducciones", "--format", "json")
    assert result.returncode == 1
    status = {(e["page"], e["language"]): e["status"] for e in json.loads(result.stdout)}
    assert status == {
        ("al-dia.md", "en"): "up_to_date", ("al-dia.md", "qu"): "up_to_date",
        ("desactualizada.md", "en"): "outdated", ("desactualizada.md", "qu"): "outdated",
        ("falta.md", "en"): "missing", ("falta.md", "qu"): "missing",
    }


def test_translation_status_table_and_exit_code_when_all_up_to_date(translation_repo: Path) -> None:
    table = cli(translation_repo, "estado-traducciones").stdout
    assert "desactualizada" in table and "falta" in table and "al día (borrador)" in table
    docs = translation_repo / "docs"
    (docs / "es" / "falta.md").unlink()
    for lang in ("en", "qu"):
        translated = docs / lang / "desactualizada.md"
        translated.write_text(translated.read_text(encoding="utf-8") + "\nNuevo.\n", encoding="utf-8")
    git(translation_repo, "commit", "-qam", "update", when="2026-04-01T10:00:00")
    result = cli(translation_repo, "estado-traducciones")
    assert result.returncode == 0, result.stdout
    assert "Total: 4 al día, 0 desactualizadas, 0 faltan." in result.stdout


def test_uncommitted_edit_to_the_source_makes_translations_outdated(translation_repo: Path) -> None:
    source = translation_repo / "docs" / "es" / "al-dia.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nCambio sin guardar en git.\n", encoding="utf-8")
    status = {(e["page"], e["language"]): e["status"] for e in
              json.loads(cli(translation_repo, "estado-traducciones", "--format", "json").stdout)}
    assert status[("al-dia.md", "en")] == "outdated"


EVENT_ARGS = ["nuevo-evento", "--nombre", "cine-foro-quito", "--titulo", "Cine foro sobre la trata",
              "--descripcion", "Película y conversación para estudiantes de colegio.", "--tipo", "proyeccion",
              "--inicio", "2027-07-30 10:00:00-05:00", "--fin", "2027-07-30 12:00:00-05:00",
              "--local", "Casa de la Cultura", "--ciudad", "Quito", "--provincia", "Pichincha",
              "--organiza", "Ministerio del Interior", "--publico", "Estudiantes",
              "--fuente", "Invitación del Ministerio del Interior"]


def test_nuevo_evento_creates_a_valid_event_and_never_overwrites(repo_copy: Path) -> None:
    result = cli(repo_copy, *EVENT_ARGS)
    assert result.returncode == 0, result.stderr
    created = repo_copy / "docs" / "es" / "eventos" / "cine-foro-quito.md"
    text = created.read_text(encoding="utf-8")
    assert "start: 2027-07-30 10:00:00-05:00" in text and "province: Pichincha" in text
    assert cli(repo_copy, "revisar").returncode == 0
    again = cli(repo_copy, *EVENT_ARGS)
    assert again.returncode == 1 and "ya existe" in again.stderr
    assert created.read_text(encoding="utf-8") == text


def test_nuevo_evento_explains_a_wrong_date_and_province(repo_copy: Path) -> None:
    args = list(EVENT_ARGS)
    args[args.index("--inicio") + 1] = "30/07/2027"
    args[args.index("--provincia") + 1] = "Pichinca"
    result = cli(repo_copy, *args)
    assert result.returncode == 1
    assert "campo 'start': valor no válido ('30/07/2027')" in result.stderr
    assert "¿Quiso decir 'Pichincha'?" in result.stderr
    assert not (repo_copy / "docs" / "es" / "eventos" / "cine-foro-quito.md").exists()


def test_translation_status_without_git_history_says_it_cannot_tell(repo_copy: Path) -> None:
    """A copy without .git (a downloaded zip) has no dates: nothing is reported up to date."""
    assert not (repo_copy / ".git").exists()
    result = cli(repo_copy, "estado-traducciones", "--format", "json")
    assert result.returncode == 1, result.stdout
    entries = json.loads(result.stdout)
    translated = [e for e in entries if (repo_copy / "docs" / e["language"] / e["page"]).exists()]
    assert translated, "the copy has translations to judge"
    assert {e["status"] for e in translated} == {"unknown"}
    table = cli(repo_copy, "estado-traducciones")
    assert table.returncode == 1
    assert "No se puede saber si las traducciones están al día" in table.stdout
    assert "no es un repositorio git" in table.stdout
    assert "Total: 0 al día" in table.stdout


def test_translation_status_in_a_shallow_clone_says_it_cannot_tell(translation_repo: Path, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", translation_repo.as_uri(), str(shallow)],
                   check=True, capture_output=True, timeout=60)
    result = cli(shallow, "estado-traducciones", "--format", "json")
    status = {(e["page"], e["language"]): e["status"] for e in json.loads(result.stdout)}
    assert status[("desactualizada.md", "en")] == "unknown" and status[("al-dia.md", "en")] == "unknown"
    assert status[("falta.md", "en")] == "missing"
    assert "recortada" in cli(shallow, "estado-traducciones").stdout
