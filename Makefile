PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Ralph, the LRS that the xAPI tests send to, lives in a tools venv of its own:
# its pins are not ours. LRS_PIP_OPTS adds pip options (a mirror, a proxy).
LRS_VENV := .venv-lrs
LRS_REQUIREMENTS := tests/lrs/requirements.txt
LRS_STAMP := $(LRS_VENV)/.installed
LRS_PIP_OPTS ?=

.PHONY: study test bench setup lrs-tools clean

study: $(STAMP)
	$(BIN)/tutor

test: $(STAMP) $(LRS_STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q

bench: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[bench]'
	$(BIN)/python bench/startup_bench.py
	$(BIN)/python bench/answer_bench.py
	$(BIN)/python bench/ask_bench.py
	$(BIN)/python bench/progress_bench.py
	$(BIN)/python bench/bank_check_bench.py
	$(BIN)/python bench/editor_bench.py
	$(BIN)/python bench/stats_bench.py
	$(BIN)/python bench/class_bench.py

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

lrs-tools: $(LRS_STAMP)

# A failed install does not fail the build: it leaves its reason in
# $(LRS_VENV)/FAILED, the LRS tests skip showing it, and the next run tries again.
$(LRS_STAMP): $(LRS_REQUIREMENTS)
	@rm -rf $(LRS_VENV) && mkdir -p $(LRS_VENV)
	@echo "Making Ralph's tools venv $(LRS_VENV)/ (log: $(LRS_VENV)/install.log)"
	@start=$$(date +%s); \
	if { $(PYTHON) -m venv $(LRS_VENV) && \
	     $(LRS_VENV)/bin/python -m pip install -q $(LRS_PIP_OPTS) --upgrade pip && \
	     $(LRS_VENV)/bin/python -m pip install -q $(LRS_PIP_OPTS) -r $(LRS_REQUIREMENTS); \
	   } > $(LRS_VENV)/install.log 2>&1; then \
		touch $@; \
		echo "Ralph's tools venv made in $$(( $$(date +%s) - start )) s"; \
	else \
		{ grep '^ERROR' $(LRS_VENV)/install.log || tail -n 3 $(LRS_VENV)/install.log; } \
			| tail -n 3 > $(LRS_VENV)/FAILED; \
		echo "WARNING: Ralph's tools venv could not be made; the LRS tests will skip:"; \
		cat $(LRS_VENV)/FAILED; \
	fi

clean:
	rm -rf $(VENV) $(LRS_VENV) .pytest_cache
