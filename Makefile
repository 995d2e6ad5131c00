# Two commands on a fresh Debian/Ubuntu machine with Swift 6:
#   make demo   solve a bundled seed plan and print the report
#   make test   run every test (the glpsol cross-checks included)
# Both install GLPK (libglpk-dev), glpsol (glpk-utils) and valgrind with apt-get when they are missing.

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO_PLAN ?= Models/plans/tinh-bien-2024.yaml
PYTHON ?= python3
# A case "hangs" when it runs past cofund's own time limit (60 s for all the solves of a plan) plus the
# time to read a large file in a debug build: 90 s.
FUZZ_ARGS ?= --cases 20000 --jobs 2 --regressions --timeout 90
# The short fixed fuzz run `make test` ends with (a few hundred cases and the kept regressions).
FUZZ_TEST_ARGS ?= --cases 300 --seed 1 --jobs 2 --regressions --timeout 90

.PHONY: all deps build demo test bench bench-scale bench-whatif bench-distribute bench-ranging-c clean readme-example fuzz

all: build

deps:
	@if [ ! -f /usr/include/glpk.h ] || ! command -v glpsol >/dev/null 2>&1 || ! command -v valgrind >/dev/null 2>&1; then \
		echo "Installing libglpk-dev, glpk-utils and valgrind with apt-get..."; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libglpk-dev glpk-utils valgrind binutils >/dev/null; \
	fi
	@if ! command -v $(PYTHON) >/dev/null 2>&1; then \
		echo "Installing python3 with apt-get (for the fuzz harness)..."; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 >/dev/null; \
	fi
	@if ! command -v chromium >/dev/null 2>&1; then \
		echo "Installing chromium with apt-get (the SVG chart test renders in it)..."; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

build: deps
	$(SWIFT) build --product cofund

demo: build
	$(SWIFT) run --skip-build cofund solve $(DEMO_PLAN) --lang en

test: deps
	$(SWIFT) test
	$(SWIFT) build --product cofund
	$(PYTHON) Fuzz/fuzz.py --cofund "$$($(SWIFT) build --show-bin-path)/cofund" $(FUZZ_TEST_ARGS)

# The seeded mutation fuzzer (Fuzz/README.md): 20,000 cases by default, the kept regressions first.
# Pass options with FUZZ_ARGS, e.g. make fuzz FUZZ_ARGS="--cases 1000 --seed 7 --time-budget 600".
fuzz: build
	$(PYTHON) Fuzz/fuzz.py --cofund "$$($(SWIFT) build --show-bin-path)/cofund" $(FUZZ_ARGS)

# Performance against glpsol on the same problems; prints ratios. Not part of `make test`.
# Pass options with BENCH_ARGS, e.g. make bench BENCH_ARGS="--sizes 1000,10000 --repetitions 3".
bench: deps
	$(SWIFT) run -c release CoFundBenchmarks $(BENCH_ARGS)

# Growth of load, prepare, solve and report with the plan's size (1k, 10k, 50k leaves), glpsol beside it.
# Pass options with SCALE_ARGS, e.g. make bench-scale SCALE_ARGS="--leaves 1000,10000".
bench-scale: deps
	$(SWIFT) run -c release CoFundScaleBenchmark $(SCALE_ARGS)

# What-if throughput: 1,000 scenarios of Tịnh Biên's plan and of a generated district plan, through glpsol
# (a sample, scaled), CoFund cold and CoFund's what-if path on 1 and 2 threads (Benchmarks/README.md).
# Pass options with WHATIF_ARGS, e.g. make bench-whatif WHATIF_ARGS="--scenarios 100".
bench-whatif: deps
	$(SWIFT) run -c release CoFundWhatIfBenchmark $(WHATIF_ARGS)

# National distribution: CoFund's hierarchical run (provinces, then communes) on 1 and 2 threads against the
# same distribution as one monolithic LP in glpsol and HiGHS (pip install highspy when it is missing), on
# generated figures for the real 34 provinces and 3,321 communes (Benchmarks/README.md).
# Pass options with DISTRIBUTE_ARGS, e.g. make bench-distribute DISTRIBUTE_ARGS="--provinces 3 --communes 40".
bench-distribute: deps
	$(SWIFT) run -c release CoFundDistributionBenchmark $(DISTRIBUTE_ARGS)

# GLPK's own ranging of a kept benchmark problem, in C (see Benchmarks/c/glpk-ranging.c).
bench-ranging-c: deps
	@[ -n "$(MPS)" ] || { echo "usage: make bench-ranging-c MPS=FILE.mps (keep one with: swift run -c release CoFundBenchmarks --keep DIR)"; exit 2; }
	mkdir -p .build && $(CC) -O2 -o .build/glpk-ranging Benchmarks/c/glpk-ranging.c -lglpk
	.build/glpk-ranging $(MPS)

clean:
	rm -rf .build

# Refresh the README's worked examples from the tool's output (a test checks they agree).
readme-example: build
	$(call readme-block,demo-output,solve,Models/plans/tinh-bien-2024.yaml)
	$(call readme-block,diagnosis-output,solve,Models/examples/tinh-bien-2024-at-15-percent.yaml)
	$(call readme-block,check-tinh-bien,check,Models/plans/tinh-bien-2024.yaml)
	$(call readme-block,check-trung-khanh,check,Models/plans/trung-khanh-2023.yaml)
	$(call readme-block,check-tan-bien,check,Models/plans/tan-bien-2023.yaml)
	$(call readme-block,check-kim-bang,check,Models/plans/kim-bang-2023.yaml)
	$(call readme-block,check-tan-phu,check,Models/plans/tan-phu-2024.yaml)
	$(call readme-block,whatif-tinh-bien,whatif,Models/plans/tinh-bien-2024.yaml --scenarios Models/examples/tinh-bien-2024-scenarios.yaml)
	$(call readme-block,sweep-tinh-bien,sweep,Models/plans/tinh-bien-2024.yaml --vary central=4000..6000 --steps 8)
	$(call readme-block,distribute-tinh-bien,distribute,Models/examples/tinh-bien-2024-da2-communes.yaml)

# $(1): the marker name in README.md; $(2): the command; $(3): the plan it runs on (in English), whose
# report fills the block between the markers. Exit codes up to 4 are reports (infeasible, missing
# inputs, errors found), not failures.
define readme-block
	$(SWIFT) run --skip-build cofund $(2) $(3) --lang en > .readme-example.txt || [ $$? -le 4 ]
	awk -v marker="$(1)" 'BEGIN { while ((getline line < ".readme-example.txt") > 0) example = example line "\n" } \
	     $$0 == "<!-- " marker ":begin -->" { print; print "```text"; printf "%s", example; print "```"; skip = 1; next } \
	     $$0 == "<!-- " marker ":end -->" { skip = 0 } !skip { print }' README.md > README.md.new && mv README.md.new README.md
	rm -f .readme-example.txt
endef
