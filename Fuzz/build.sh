#!/usr/bin/env bash
# Builds the libFuzzer targets with the address sanitizer and coverage instrumentation.
#   Fuzz/build.sh [PRODUCT]    (all five targets when no product is given)
# Used by Fuzz/run.sh and .ci/sanitize.sh.
set -euo pipefail
cd "$(dirname "$0")"

# A path dependency takes its identity from its directory's name: link the package under test
# under the name the manifest expects, whatever this clone is called.
mkdir -p .root
ln -sfn ../.. .root/QuoteCheck

# Every module (the package under test, Yams, swift-crypto, the rule-embedding build tool) gets
# ASan and coverage; only the fuzz executables link libFuzzer (Package.swift). lld: gold fails
# on the sanitized debug info.
# (SwiftPM does not rebuild when only -Xswiftc flags change: delete Fuzz/.build after editing them.)
swift build ${1:+--product "$1"} -Xswiftc -sanitize=address \
    -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp -Xswiftc -use-ld=lld >&2
