#!/usr/bin/env bash
# Peak memory and CPU of `quotecheck extract` on one huge plain-text document (issues 18, 19).
#
# Builds documents of 4, 16, 60 and 200 MB from PolNeAR train texts joined and repeated, once as
# one line (every line break a space: windows must be cut at sentence ends) and once with the
# articles' own line breaks, then runs `extract --language en` on each with /usr/bin/time and
# prints user+sys CPU seconds, wall seconds and peak RSS (MB) per binary. With SHAPES the same
# documents also go in as UTF-16 (`utf16`: the lines document converted with iconv) and through
# a pipe on standard input (`stdin`: `cat lines | extract -`, spooled and read in windows), or
# as one JSON line on standard input (`jsonl`: `extract --jsonl-in`, the document's records
# streamed window by window).
#
# Usage: Benchmarks/memory/huge.sh [BINARY ...]
#   BINARY defaults to .build/release/quotecheck; give a baseline binary too to compare, e.g.
#   Benchmarks/memory/huge.sh /var/tmp/qc-base .build/release/quotecheck
# Environment:
#   SHARED   the shared data folder (default ../shared, then /work/shared)
#   SIZES    sizes in MB (default "4 16 60 200")
#   WORK     where the documents and outputs go (default /var/tmp/quotecheck-huge)
#   TIMEOUT  seconds a run may take before it is stopped and reported as such (default 900)
#   SHAPES   which inputs to run (default "oneline lines"; also "utf16", "stdin" and "jsonl")
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARED=${SHARED:-$( [ -d ../shared ] && echo ../shared || echo /work/shared )}
SIZES=${SIZES:-"4 16 60 200"}
WORK=${WORK:-/var/tmp/quotecheck-huge}
TIMEOUT=${TIMEOUT:-900}
SHAPES=${SHAPES:-"oneline lines"}
BINARIES=("$@")
[ ${#BINARIES[@]} -gt 0 ] || BINARIES=(.build/release/quotecheck)
TEXTS="$SHARED/data/polnear/train/text"
[ -d "$TEXTS" ] || { echo "huge.sh: $TEXTS not found (set SHARED)" >&2; exit 1; }
mkdir -p "$WORK"

# One copy of the corpus: articles separated by a blank line.
seed="$WORK/seed-lines.txt"
if [ ! -s "$seed" ]; then
    for file in "$TEXTS"/*; do cat "$file"; printf '\n\n'; done > "$seed"
fi

make_document() { # size-in-MB shape -> path
    local megabytes=$1 shape=$2 path="$WORK/huge-$1MB-$2.txt"
    if [ ! -s "$path" ]; then
        local bytes=$((megabytes * 1000000))
        local copies=$((bytes / $(stat -c %s "$seed") + 1))
        if [ "$shape" = jsonl ]; then
            python3 -c 'import json, sys; print(json.dumps({"id": "huge", "text": open(sys.argv[1], encoding="utf-8").read()}))' \
                "$(make_document "$megabytes" lines)" > "$path"
        elif [ "$shape" = utf16 ]; then
            iconv -c -f UTF-8 -t UTF-16 "$(make_document "$megabytes" lines)" > "$path"
        elif [ "$shape" = oneline ]; then
            for _ in $(seq "$copies"); do tr '\n\r' '  ' < "$seed"; done 2>/dev/null | head -c "$bytes" > "$path" || true
        else
            for _ in $(seq "$copies"); do cat "$seed"; done 2>/dev/null | head -c "$bytes" > "$path" || true
        fi
    fi
    echo "$path"
}

printf '%-8s %-9s %-40s %10s %9s %10s %8s\n' size shape binary cpu_s wall_s peak_MB records
for megabytes in $SIZES; do
    for shape in $SHAPES; do
        document=$(make_document "$megabytes" "$([ "$shape" = stdin ] && echo lines || echo "$shape")")
        for binary in "${BINARIES[@]}"; do
            out="$WORK/out.jsonl"
            stats="$WORK/time.txt"
            status=0
            # time(1) is the binary's parent, so its figures hold even for a run stopped at
            # TIMEOUT (killed: its CPU and peak RSS so far are still reported).
            if [ "$shape" = jsonl ]; then
                /usr/bin/time -o "$stats" -f "%U %S %e %M" \
                    "$binary" extract --jsonl-in --language en --max-bytes 1000000000 > "$out" 2>/dev/null < <(cat "$document") &
            elif [ "$shape" = stdin ]; then
                # The pipe's writer is not timed: only extract's own CPU and memory count.
                /usr/bin/time -o "$stats" -f "%U %S %e %M" \
                    "$binary" extract - --language en --max-bytes 1000000000 -o "$out" 2>/dev/null < <(cat "$document") &
            else
                /usr/bin/time -o "$stats" -f "%U %S %e %M" \
                    "$binary" extract "$document" --language en --max-bytes 1000000000 -o "$out" 2>/dev/null &
            fi
            timer=$!
            started=$SECONDS
            while kill -0 "$timer" 2>/dev/null; do
                if [ $((SECONDS - started)) -ge "$TIMEOUT" ]; then
                    pkill -KILL -P "$timer" || true
                    break
                fi
                sleep 1
            done
            wait "$timer" || status=$?
            read -r user sys wall peak < <(tail -1 "$stats")
            records=$([ $status -eq 0 ] && wc -l < "$out" || echo "stopped")
            printf '%-8s %-9s %-40s %10.2f %9.2f %10.0f %8s\n' "${megabytes}MB" "$shape" "$binary" \
                "$(awk "BEGIN { print $user + $sys }")" "$wall" "$((peak / 1024))" "$records"
            rm -f "$out"
        done
    done
done
