#!/usr/bin/env bash
# CI: the address-sanitized run of the hostile-input suites (issue #18; docs/fuzzing.md).
# The whole suite under ASan takes several times the plain run; these suites cover the loaders
# (libxml2 callbacks, pointer-based text matching, iconv), verify and the bad-input paths.
# Idempotent: its own build folder, nothing installed beyond what .ci/run installs.
set -euo pipefail
cd "$(dirname "$0")/.."
swift test --sanitize=address --scratch-path .build-asan \
    --filter 'ReliabilityTests|PlainTextLoaderTests|HTMLLoaderTests|HTMLFastPathTests|VerifyTests|BadInputTests|RecordWriterTests' \
    2>&1 | tee /tmp/quotecheck-ci-asan.log
