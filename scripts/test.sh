#!/usr/bin/env bash
# Install quotedrift with its test extras into .venv and run the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
# The CPU build of torch; a plain install would pull a multi-GB CUDA build.
.venv/bin/pip install -q torch==2.13.0
# The Ray extra too, so the test that runs both engines on one corpus is not skipped.
.venv/bin/pip install -q -e '.[test,ray]'
export HF_HUB_OFFLINE=1
.venv/bin/python -m pytest -q "$@"
# Lint and types (settings in pyproject.toml).
.venv/bin/ruff check quotedrift tests benchmarks
.venv/bin/ruff format --check quotedrift tests benchmarks
.venv/bin/mypy quotedrift
