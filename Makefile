# Two commands on a fresh Debian/Ubuntu machine with Swift 6:
#   make demo   solve a bundled seed plan and print the report
#   make test   run every test (the glpsol cross-checks included)
# Both install GLPK (libglpk-dev) and glpsol (glpk-utils) with apt-get when they are missing.

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO_PLAN ?= Models/plans/tinh-bien-2024.yaml

.PHONY: all deps build demo test bench clean

all: build

deps:
	@if [ ! -f /usr/include/glpk.h ] || ! command -v glpsol >/dev/null 2>&1; then \
		echo "Installing libglpk-dev and glpk-utils with apt-get..."; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libglpk-dev glpk-utils >/dev/null; \
	fi

build: deps
	$(SWIFT) build --product cofund

demo: build
	$(SWIFT) run --skip-build cofund solve $(DEMO_PLAN) --lang en

test: deps
	$(SWIFT) test

# Performance against glpsol on the same problems; prints ratios. Not part of `make test`.
bench: deps
	$(SWIFT) run -c release CoFundBenchmarks

clean:
	rm -rf .build
