#!/usr/bin/env bash
# The HTML review report in a real browser: Debian's chromium, driven by Python Playwright (from
# PyPI; only its driver is used, no browser is downloaded). Generates reports for the seed
# article and the hostile fixtures and runs Tests/Browser/report_test.py on them.
# SCREENSHOT=path also saves a screenshot of the seed article's report there.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
    echo "browser: installing chromium"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi
if ! python3 -c "import playwright" >/dev/null 2>&1; then
    echo "browser: installing playwright"
    python3 -m pip install -q playwright
fi

swift build --product quotecheck
bin="$(swift build --show-bin-path)/quotecheck"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

args=()
for fixture in Fixtures/articles/sharaa-putin.html Fixtures/articles/sharaa-putin.txt; do
    name="$(basename "$fixture")"
    "$bin" extract "$fixture" -o "$work/$name.jsonl"
    "$bin" report "$work/$name.jsonl" -o "$work/$name.report.html"
    args+=(--case "$work/$name.report.html" "$work/$name.jsonl")
done
for fixture in Fixtures/report/hostile.txt Fixtures/report/hostile.html; do
    name="$(basename "$fixture")"
    "$bin" extract "$fixture" -o "$work/$name.jsonl"
    "$bin" report "$fixture" -o "$work/$name.report.html"
    args+=(--hostile "$work/$name.report.html" "$work/$name.jsonl")
done
if [ -n "${SCREENSHOT:-}" ]; then args+=(--screenshot "$SCREENSHOT"); fi

python3 Tests/Browser/report_test.py "$(command -v chromium)" "${args[@]}"
