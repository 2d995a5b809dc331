#!/usr/bin/env bash
# Peak memory and CPU of loading one big HTML page: `quotecheck text` and `extract` (issue 18).
#
# Builds pages of 4, 16 and 60 MB that are almost all article text: the PolNeAR train texts,
# each line a <p> paragraph inside one <article>, the body repeated to the size. Runs `text` and
# `extract --language en` on each with /usr/bin/time and prints user+sys CPU seconds, wall
# seconds, peak RSS (MB) and peak RSS over the page size, per binary.
#
# Usage: Benchmarks/memory/html.sh [BINARY ...]
#   BINARY defaults to .build/release/quotecheck; give a baseline binary too to compare, e.g.
#   Benchmarks/memory/html.sh /var/tmp/qc-base .build/release/quotecheck
# Environment:
#   SHARED    the shared data folder (default ../shared, then /work/shared)
#   SIZES     sizes in MB (default "4 16 60")
#   COMMANDS  subcommands to run (default "text extract")
#   WORK      where the pages and outputs go (default /var/tmp/quotecheck-html-memory)
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARED=${SHARED:-$( [ -d ../shared ] && echo ../shared || echo /work/shared )}
SIZES=${SIZES:-"4 16 60"}
COMMANDS=${COMMANDS:-"text extract"}
WORK=${WORK:-/var/tmp/quotecheck-html-memory}
BINARIES=("$@")
[ ${#BINARIES[@]} -gt 0 ] || BINARIES=(.build/release/quotecheck)
TEXTS="$SHARED/data/polnear/train/text"
[ -d "$TEXTS" ] || { echo "html.sh: $TEXTS not found (set SHARED)" >&2; exit 1; }
mkdir -p "$WORK"

# One copy of the corpus as paragraphs, markup characters escaped.
body="$WORK/body.html"
if [ ! -s "$body" ]; then
    for file in "$TEXTS"/*; do cat "$file"; printf '\n'; done \
        | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/.*/<p>&<\/p>/' > "$body"
fi

make_page() { # size-in-MB -> path
    local megabytes=$1 path="$WORK/page-$1MB.html"
    if [ ! -s "$path" ]; then
        local body_bytes
        body_bytes=$(stat -c %s "$body")
        local copies=$(((megabytes * 1000000 + body_bytes / 2) / body_bytes))
        [ "$copies" -ge 1 ] || copies=1
        {
            printf '<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body><article>\n'
            for _ in $(seq "$copies"); do cat "$body"; done
            printf '</article></body></html>\n'
        } > "$path"
    fi
    echo "$path"
}

printf '%-6s %-8s %-40s %8s %8s %8s %7s\n' size command binary cpu_s wall_s peak_MB x_page
for megabytes in $SIZES; do
    page=$(make_page "$megabytes")
    page_bytes=$(stat -c %s "$page")
    for command in $COMMANDS; do
        for binary in "${BINARIES[@]}"; do
            out="$WORK/out"
            stats="$WORK/time.txt"
            if [ "$command" = extract ]; then
                arguments=(extract "$page" --language en --max-bytes 1000000000 -o "$out")
            else
                arguments=("$command" "$page" --max-bytes 1000000000 -o "$out")
            fi
            /usr/bin/time -o "$stats" -f "%U %S %e %M" "$binary" "${arguments[@]}" 2>/dev/null \
                || echo "html.sh: $binary $command failed on $page" >&2
            read -r user sys wall peak < <(tail -1 "$stats")
            printf '%-6s %-8s %-40s %8.2f %8.2f %8.0f %7.1f\n' "${megabytes}MB" "$command" "$binary" \
                "$(awk "BEGIN { print $user + $sys }")" "$wall" "$((peak / 1024))" \
                "$(awk "BEGIN { print $peak * 1024 / $page_bytes }")"
            rm -f "$out"
        done
    done
done
