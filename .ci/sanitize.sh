#!/usr/bin/env bash
# CI: the address sanitizer over the hostile-input paths (issue #18; docs/fuzzing.md, "Sanitizers
# in CI"). The five libFuzzer targets, built with ASan, run once over their seed corpora: every
# HTML, text, rule and record fixture and every former fuzz finding (Fuzz/Seeds), each input
# checked against the targets' invariants. QUOTECHECK_ASAN_TESTS=1 adds the address-sanitized
# ReliabilityTests, which needs a second sanitized build (of the package and its tests).
# Idempotent: its own build folders, nothing installed beyond what .ci/run installs.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
Fuzz/build.sh
# Swift's crash backtracer trips over ASan's shadow memory after an abort: leave it to ASan.
export SWIFT_BACKTRACE=enable=no
for target in html extract rules verify jsonlines; do
    case "$target" in
        html) product=FuzzHTML ;; extract) product=FuzzExtract ;; rules) product=FuzzRules ;;
        verify) product=FuzzVerify ;; jsonlines) product=FuzzJSONLines ;;
    esac
    seeds=Fuzz/.ci-seeds/$target
    rm -rf "$seeds" "Fuzz/.ci-crashes/$target"
    Fuzz/seeds.sh "$target" ".ci-seeds/$target"
    mkdir -p "Fuzz/.ci-crashes/$target"
    # -runs=0: every seed once, no mutation. A crash, a sanitizer report or a broken invariant
    # exits non-zero.
    "Fuzz/.build/debug/$product" "$seeds" -runs=0 -rss_limit_mb=4096 -timeout=60 \
        -artifact_prefix="Fuzz/.ci-crashes/$target/" 2>"Fuzz/.ci-crashes/$target.log" || {
        tail -40 "Fuzz/.ci-crashes/$target.log" >&2
        echo "sanitize: $target failed on a seed (log above, input in Fuzz/.ci-crashes/$target/)" >&2
        exit 1
    }
    echo "sanitize: $target: $(ls "$seeds" | wc -l) seeds, no finding"
done
if [ "${QUOTECHECK_ASAN_TESTS:-0}" = 1 ]; then
    # Leaks inside Foundation and XCTest themselves are suppressed (.ci/lsan.supp); any other fails.
    LSAN_OPTIONS=suppressions=$PWD/.ci/lsan.supp swift test --sanitize=address --scratch-path .build-asan --filter ReliabilityTests
fi
echo "sanitize: done in $((SECONDS - start)) s"
