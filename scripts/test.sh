#!/usr/bin/env bash
# Install quotedrift with its test extras into .venv and run the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
# A registry download can break off mid-file; try an install again before failing the run.
pip_install() {
    local attempt
    for attempt in 1 2 3; do
        .venv/bin/pip install -q --retries 5 --timeout 60 "$@" && return 0
        echo "pip install $* failed (attempt $attempt of 3)" >&2
        sleep $((attempt * 10))
    done
    return 1
}
pip_install --upgrade pip
# The CPU build of torch; a plain install would pull a multi-GB CUDA build.
pip_install torch==2.13.0
# The Ray extra too, so the test that runs both engines on one corpus is not skipped.
pip_install -e '.[test,ray]'
export HF_HUB_OFFLINE=1
.venv/bin/python -m pytest -q "$@"
# Lint and types (settings in pyproject.toml).
.venv/bin/ruff check quotedrift tests benchmarks
.venv/bin/ruff format --check quotedrift tests benchmarks
.venv/bin/mypy quotedrift
