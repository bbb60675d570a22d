# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# Machines of this workplace keep the CPU build of torch in /opt/wheels; elsewhere pip's index serves.
FIND_LINKS := $(if $(wildcard /opt/wheels),--find-links /opt/wheels,)

.PHONY: run test bench clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	# constraints.txt pins torch to the CPU build (an unpinned torch pulls GB of CUDA wheels)
	$(PY) -m pip install --quiet $(FIND_LINKS) -c constraints.txt -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/gradlab

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: $(STAMP)
	# every script runs (a missed target exits 1); the status is 1 if any missed
	status=0; for f in bench/*.py; do echo "== $$f"; QT_QPA_PLATFORM=offscreen $(PY) $$f || status=1; done; exit $$status

clean:
	rm -rf $(VENV) build *.egg-info
