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
# Records with their `check` objects: the passage and word diff are shown.
"$bin" check Fixtures/check/article.txt --against Fixtures/check/transcript.txt --json > "$work/checked.jsonl" 2>/dev/null || true
if [ -s "$work/checked.jsonl" ]; then
    "$bin" report "$work/checked.jsonl" -o "$work/checked.report.html"
    args+=(--case "$work/checked.report.html" "$work/checked.jsonl")
else
    echo "browser: WARNING: 'quotecheck check --json' wrote no records; the checked-report case is not run" >&2
fi
for fixture in Fixtures/report/hostile.txt Fixtures/report/hostile.html; do
    name="$(basename "$fixture")"
    "$bin" extract "$fixture" -o "$work/$name.jsonl"
    "$bin" report "$fixture" -o "$work/$name.report.html"
    args+=(--hostile "$work/$name.report.html" "$work/$name.jsonl")
done
if [ -n "${SCREENSHOT:-}" ]; then args+=(--screenshot "$SCREENSHOT"); fi

python3 Tests/Browser/report_test.py "$(command -v chromium)" "${args[@]}"
