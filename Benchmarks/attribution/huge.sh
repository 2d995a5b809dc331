#!/usr/bin/env bash
# How extraction scales with one huge document held whole (docs/limits.md): PolNeAR train's
# texts joined on ONE line and repeated to 1, 4, 16 and 60 MB (cut at a space), each extracted
# as one document by `corpus --jobs 1`, which holds every document whole (`extract` reads a
# text file or standard input over 1 MiB in windows instead).
#
#   Benchmarks/attribution/huge.sh [BINARY] [MB ...]
#
# BINARY defaults to this tree's release build. Prints per size: user and system CPU seconds,
# peak RSS, and MB/s of CPU time; time per MB stays flat when attribution is linear (before the
# lookups of Sources/QuoteAttribution/DocumentLookups.swift it grew with the size). Needs
# /usr/bin/time and python3; the generated files stay in $HUGE_DIR (default /var/tmp/quotecheck-huge).
set -euo pipefail
cd "$(dirname "$0")/../.."
shared=${SHARED:-../shared}
bin=${1:-.build/release/quotecheck}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 4 16 60)
dir=${HUGE_DIR:-/var/tmp/quotecheck-huge}
[ -d "$shared/data/polnear/train/text" ] || { echo "huge: $shared/data/polnear not found (set SHARED)" >&2; exit 2; }
[ -x "$bin" ] || swift build -c release --product quotecheck >&2
mkdir -p "$dir"
if [ ! -s "$dir/base.txt" ]; then
    LC_ALL=C ls "$shared"/data/polnear/train/text/*.txt | LC_ALL=C sort | xargs cat | tr '\n' ' ' >"$dir/base.txt"
fi
printf '%6s %9s %8s %8s %10s %8s\n' MB bytes user sys peakRSS_MB MB/s
for mb in "${sizes[@]}"; do
    file="$dir/one-${mb}mb.txt"
    if [ ! -s "$file" ]; then
        python3 - "$dir/base.txt" "$file" "$mb" <<'PY'
import sys
base = open(sys.argv[1], 'rb').read()
size = int(sys.argv[3]) * 1000000
text = (base * (size // len(base) + 1))[:size]
open(sys.argv[2], 'wb').write(text[:text.rfind(b' ')] + b'\n')
PY
    fi
    bytes=$(stat -c %s "$file")
    # From standard input: a text file over 1 MiB named on the command line is read in windows
    # (docs/limits.md), and this measures one document held whole, as HTML, `--jsonl-in` and
    # library callers are.
    read -r user sys rss < <(/usr/bin/time -f '%U %S %M' "$bin" corpus "$file" --jobs 1 --language en --max-bytes $((bytes + 1)) -o "$dir/out.jsonl" 2>&1 >/dev/null | tail -1)
    python3 -c "import sys; mb=$bytes/1e6; cpu=$user+$sys; print('%6.1f %9d %8.2f %8.2f %10.0f %8.2f' % (mb, $bytes, $user, $sys, $rss/1024, mb/cpu if cpu else 0))"
done
