# Portal contra la Trata de Personas — developer commands.
# Every target sets up .venv from the pinned requirements.txt on first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# Test processes (pytest-xdist): one more than the CPUs, since many tests wait (on late
# scripts, a server, a key press). On 2 cores `make test` took 8 min 05 s with 2 processes,
# 7 min 24 s and 7 min 20 s with 3, and 8 min 26 s with 4 (the page sweep, on the longest path,
# then lost too much CPU to the others).
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))
# The tests' temporary sites (~400 MB a run) go to memory (/dev/shm) when it has 2 GB free and
# TMPDIR is not set: on a freshly set-up machine the disk is still writing out .venv and
# node_modules, and a build test waited on it (15.8 s with TMPDIR=/tmp, 8.1 s in memory).
TEST_TMPDIR := $(or $(TMPDIR),$(shell d=/dev/shm; test -w $$d && test $$(df -Pk $$d | awk 'NR==2{print $$4}') -gt 2097152 && echo $$d),/tmp)
STAMP  := $(VENV)/.installed-$(shell sha1sum requirements.txt | cut -c1-12)
HOST   ?= 127.0.0.1
PORT   ?= 8000

CMS_LOCK  := tools/cms/package-lock.json
CMS_STAMP := tools/cms/node_modules/.installed-$(shell sha1sum $(CMS_LOCK) | cut -c1-12)

.PHONY: setup cms serve build editar offline check lint test test-rapido bench clean

# The Python packages and the editor's npm packages install at once on a clean clone.
setup:
	@$(MAKE) --no-print-directory -j2 $(STAMP) $(CMS_STAMP)

# The browser editor (Sveltia CMS), pinned in tools/cms/package-lock.json; the build copies its
# bundle into site/admin/ (portal/publish/editor_files.py). npm comes from Debian if missing.
cms: $(CMS_STAMP)

$(CMS_STAMP): $(CMS_LOCK)
	@command -v npm >/dev/null || (apt-get update -q && apt-get install -y -q --no-install-recommends npm)
	npm ci --prefix tools/cms --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@rm -f $(VENV)/.installed-* && touch $@

serve: $(STAMP)
	$(PY) -m mkdocs serve --livereload --dev-addr $(HOST):$(PORT)

# Built into site.tmp/ and swapped in only when the build succeeds: a failed build never
# leaves site/ half-written.
build: $(STAMP) $(CMS_STAMP)
	@rm -rf site.tmp
	PORTAL_PDF=1 PORTAL_EDITOR=1 NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs build --strict --site-dir site.tmp
	@rm -rf site && mv site.tmp site

# The browser editor on this working copy (local-repository mode, Chrome or Edge):
# http://$(HOST):$(PORT)/admin/ (builds the site first if it has no editor).
editar: $(STAMP) $(CMS_STAMP)
	@test -f site/admin/index.html || $(MAKE) build
	$(PY) -m scripts editar --host $(HOST) --puerto $(PORT)

# The offline copy (zip). Run before `make build` so the site links it with its size.
offline: $(STAMP)
	$(PY) -m scripts sin-conexion

check: $(STAMP)
	$(PY) -m scripts revisar

# Quality gates (configured in pyproject.toml): ruff lint + format check, mypy --strict.
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# The quality gates run beside the tests (they take a core for ~30 s while the tests set up);
# their report is printed after pytest's, and either failing fails `make test`.
LINT_LOG := .cache/lint.log
test: setup
	@mkdir -p $(dir $(LINT_LOG))
	@($(MAKE) --no-print-directory lint > $(LINT_LOG) 2>&1; echo $$? > $(LINT_LOG).rc) & \
	TMPDIR=$(TEST_TMPDIR) $(PY) -m pytest -n $(TEST_WORKERS); tests=$$?; wait; \
	echo "--- make lint (ruff, mypy) ---"; cat $(LINT_LOG); linted=$$(cat $(LINT_LOG).rc); \
	rm -f $(LINT_LOG) $(LINT_LOG).rc; test $$tests -eq 0 && test $$linted -eq 0

# The quick loop for editors and reviewers (under a minute on 2 cores): the content, the
# build and the built site's files, without the browser tests and without the tests that make
# builds, servers or generated cases of their own (marked slow; make test runs everything).
test-rapido: $(STAMP) $(CMS_STAMP)
	TMPDIR=$(TEST_TMPDIR) $(PY) -m pytest -m "not browser and not slow" -q -n $(TEST_WORKERS)

bench: $(STAMP)
	$(PY) -m scripts bench

clean:
	rm -rf site site.tmp dist .pytest_cache tests/.artifacts .cache/portal .cache/portal-tests
