# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# Machines of this workplace keep the CPU build of torch in /opt/wheels; elsewhere pip's index serves.
FIND_LINKS := $(if $(wildcard /opt/wheels),--find-links /opt/wheels,)

# The interface's translations: each .ts (kept in git) compiled to the .qm Qt loads (not
# kept in git). The app compiles a missing or older one itself (gui/i18n.py), so a wheel
# or a plain `pip install` needs no build step; here it is done once, up front.
QM := $(patsubst %.ts,%.qm,$(wildcard resources/i18n/*.ts))

.PHONY: run test bench clean translations

resources/i18n/%.qm: resources/i18n/%.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

# After changing texts in the code: new source texts enter the .ts (unfinished), vanished
# ones leave it; translate them in `pyside6-linguist resources/i18n/gradlab_zh_CN.ts`.
translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -extensions py gui resources -locations none -no-obsolete \
		-source-language en -target-language zh_CN -ts resources/i18n/gradlab_zh_CN.ts

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	# constraints.txt pins torch to the CPU build (an unpinned torch pulls GB of CUDA wheels)
	$(PY) -m pip install --quiet $(FIND_LINKS) -c constraints.txt -e '.[test]'
	touch $(STAMP)

run: $(STAMP) $(QM)
	$(VENV)/bin/gradlab

test: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: $(STAMP)
	# every script runs (a missed target exits 1); the status is 1 if any missed
	status=0; for f in bench/*.py; do echo "== $$f"; QT_QPA_PLATFORM=offscreen $(PY) $$f || status=1; done; exit $$status

clean:
	rm -rf $(VENV) build *.egg-info $(QM)
