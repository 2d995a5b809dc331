#!/usr/bin/env bash
# Builds the libFuzzer targets (address sanitizer + fuzzer instrumentation) and runs one.
#   Fuzz/run.sh TARGET SECONDS [libFuzzer options...]
# TARGET: html | extract | rules | verify | jsonlines. Seeds come from Fixtures/ (see
# Fuzz/seeds.sh); the growing corpus is kept in Fuzz/.corpus/TARGET, crashes in
# Fuzz/.crashes/TARGET. The summary line gives runs, executions and coverage.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: Fuzz/run.sh TARGET SECONDS}
seconds=${2:?usage: Fuzz/run.sh TARGET SECONDS}
shift 2
case "$target" in
    html) product=FuzzHTML ;;
    extract) product=FuzzExtract ;;
    rules) product=FuzzRules ;;
    verify) product=FuzzVerify ;;
    jsonlines) product=FuzzJSONLines ;;
    *) echo "unknown target $target (html, extract, rules, verify, jsonlines)" >&2; exit 2 ;;
esac

./build.sh "$product"
binary=".build/debug/$product"

./seeds.sh "$target" ".corpus/$target"
mkdir -p ".crashes/$target"
# Swift's own crash backtracer trips over ASan's shadow memory after an abort: leave the report to ASan.
export SWIFT_BACKTRACE=enable=no
# -rss_limit_mb: a document may be up to a few MiB; ASan shadow memory counts too.
"$binary" ".corpus/$target" -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=25 \
    -artifact_prefix=".crashes/$target/" -print_final_stats=1 "$@"
