#!/usr/bin/env bash
# Regenerate docs/report.png (the README's picture) from the real HTML report of data/story.
# Needs Debian's chromium (apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
HF_HUB_OFFLINE=1 .venv/bin/quotedrift compare data/story --format html -o "$tmp/report.html"
chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$tmp/profile" \
    --hide-scrollbars --window-size=1280,1700 --screenshot="$PWD/docs/report.png" \
    "file://$tmp/report.html" 2>/dev/null
rm -rf "$tmp"
echo "wrote docs/report.png"
