#!/usr/bin/env bash
# Byte-identity check for refactors that must not change output (docs/performance.md).
#
#   Benchmarks/identity/identity.sh record   # write reference.sha256 from the current tree
#   Benchmarks/identity/identity.sh check    # compare the current tree with reference.sha256
#
# Each input set is run through `quotecheck extract` (release build) as one invocation; its
# stdout, stderr and exit status are hashed. The full outputs of the last run stay in
# $IDENTITY_OUT (default /var/tmp/quotecheck-identity/<mode>) so a mismatch can be diffed
# against the outputs of a `record` run on the reference commit.
set -euo pipefail
cd "$(dirname "$0")/../.."
mode=${1:-check}
shared=${SHARED:-../shared}
here=Benchmarks/identity
out=${IDENTITY_OUT:-/var/tmp/quotecheck-identity/$mode}
[ -d "$shared/data/polnear/train/text" ] || { echo "identity: $shared/data/polnear not found (set SHARED)" >&2; exit 2; }

# IDENTITY_CONFIG=debug reuses a debug build (slower to run, no second compile of the package).
# IDENTITY_BIN=path runs that binary instead (e.g. a released one, to record its outputs).
config=${IDENTITY_CONFIG:-release}
if [ -n "${IDENTITY_BIN:-}" ]; then
    bin=$IDENTITY_BIN
else
    swift build -c "$config" --product quotecheck >&2
    bin=.build/$config/quotecheck
fi
rm -rf "$out" && mkdir -p "$out"

# name|inputs: every set runs as one extract over its files, in a fixed (sorted) order. The
# inputs are separated by tabs, as page names hold spaces (and one a word starting with "-",
# which split on spaces ended every run of the webpages set at argument parsing).
sets() {
    echo "polnear-train|$(ls "$shared"/data/polnear/train/text/*.txt | LC_ALL=C sort | tr '\n' '\t')"
    echo "polnear-dev|$(ls "$shared"/data/polnear/dev/text/*.txt | LC_ALL=C sort | tr '\n' '\t')"
    echo "webpages|$(ls "$shared"/data/webpages/pages/* | LC_ALL=C sort | tr '\n' '\t')"
    echo "news-pages|$(find "$shared"/data/news-pages -type f \( -name '*.htm*' -o -name '*.txt' \) | LC_ALL=C sort | tr '\n' '\t')"
    # Every fixture a user or a test feeds to extract, each on its own (some are refused on purpose).
    find Fixtures -type f \( -name '*.txt' -o -name '*.html' -o -name '*.htm' \) | LC_ALL=C sort | while read -r f; do
        echo "fixture:$f|$f"
    done
}

sums=$(mktemp)
while IFS='|' read -r name inputs; do
    file=$(echo "$name" | tr '/:' '__')
    IFS=$'\t' read -r -a files <<<"$inputs"
    set +e
    "$bin" extract --language en "${files[@]}" >"$out/$file.jsonl" 2>"$out/$file.stderr"
    echo $? >"$out/$file.status"
    set -e
    for part in jsonl stderr status; do
        printf '%s  %s.%s\n' "$(sha256sum <"$out/$file.$part" | cut -d' ' -f1)" "$name" "$part" >>"$sums"
    done
done < <(sets)

case "$mode" in
record)
    mv "$sums" "$here/reference.sha256"
    echo "identity: recorded $(wc -l <"$here/reference.sha256") hashes from $(git rev-parse --short HEAD) (outputs in $out)"
    ;;
check)
    # A fixture added since the reference was recorded has nothing to compare with: it is named,
    # not failed (`record` on the reference commit cannot run it). A fixture removed still fails.
    awk 'NR == FNR { known[$2] = 1; next } !($2 in known) { print $2 }' "$here/reference.sha256" "$sums" >"$out/added"
    awk 'NR == FNR { known[$2] = 1; next } ($2 in known)' "$here/reference.sha256" "$sums" >"$sums.known"
    mv "$sums.known" "$sums"
    if [ -s "$out/added" ]; then
        echo "identity: $(wc -l <"$out/added") outputs of inputs added since the reference, not compared:" >&2
        sed 's/^/  /' "$out/added" >&2
    fi
    if diff -u "$here/reference.sha256" "$sums" >"$out/hashes.diff"; then
        echo "identity: byte-identical ($(wc -l <"$sums") outputs)"
        rm -f "$sums"
    else
        echo "identity: DIFFERENT outputs (see $out/hashes.diff; diff against a 'record' run's outputs):" >&2
        grep '^+[0-9a-f]' "$out/hashes.diff" | cut -c67- | head -20 >&2
        rm -f "$sums"
        exit 1
    fi
    ;;
*) echo "usage: $0 record|check" >&2; exit 2 ;;
esac
