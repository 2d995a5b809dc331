#!/usr/bin/env bash
# Runs `quotecheck corpus --jobs 8` over the HTML fixtures RUNS times (default 300), each under
# a timeout, and counts the runs that hung (issue #18: libxml2 deadlocked about 1 run in 20
# before xmlInitParser() was called). Exit status 1 when any run hung or failed.
#   Fuzz/stress-corpus.sh [RUNS] [BINARY]
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-300}
binary=${2:-.build/debug/quotecheck}
[ -x "$binary" ] || swift build --product quotecheck >/dev/null
inputs=(Fixtures/html Fixtures/articles/sharaa-putin.html Fixtures/articles/sharaa-putin-1252.html)
hangs=0
failures=0
for ((run = 1; run <= runs; run++)); do
    timeout 30 "$binary" corpus --jobs 8 "${inputs[@]}" >/dev/null 2>/tmp/stress-corpus.err
    status=$?
    if [ $status -eq 124 ]; then
        hangs=$((hangs + 1))
        echo "run $run: hung (killed after 30 s)"
    elif [ $status -ne 0 ]; then
        failures=$((failures + 1))
        echo "run $run: exit $status: $(head -1 /tmp/stress-corpus.err)"
    fi
done
echo "$runs runs of corpus --jobs 8: $hangs hung, $failures failed"
[ $hangs -eq 0 ] && [ $failures -eq 0 ]
