#!/usr/bin/env bash
# Fills a fuzz corpus directory with seeds from Fixtures/ and Rules/ (only when it is empty).
#   Fuzz/seeds.sh TARGET DIR
set -euo pipefail
cd "$(dirname "$0")/.."
target=$1
directory=Fuzz/$2
mkdir -p "$directory"
[ -z "$(ls -A "$directory")" ] || exit 0
copy() { for file in "$@"; do cp "$file" "$directory/$(echo "$file" | tr '/' '_')"; done; }
case "$target" in
    html) copy Fixtures/html/*.html Fixtures/articles/*.html Fuzz/Seeds/html/* ;;
    extract) copy Fixtures/articles/*.txt Fixtures/check/*.txt Fixtures/eval/mini/text/*.txt ;;
    rules) copy Rules/en/*.yml Rules/en/attribution/*.yml ;;
    verify | jsonlines) copy Fixtures/verify/*.jsonl Fixtures/articles/*.jsonl Fixtures/check/*.jsonl ;;
esac
# Inputs over a few hundred KiB only slow the fuzzer down.
find "$directory" -type f -size +200k -delete
