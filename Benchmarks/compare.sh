#!/usr/bin/env bash
# Prints one Markdown table of QuoteCheck's current speed figures (release builds).
#
#   Benchmarks/compare.sh            all benchmarks
#   Benchmarks/compare.sh 'extract.*'  only in-process benchmarks whose whole name matches the regex
#
# In-process stages run under ordo-one/benchmark (Benchmarks/Benchmarks/QuoteCheckBenchmarks):
# one iteration processes a whole corpus, so the median wall time gives MB/s and documents/s
# and the median malloc count gives allocations per document. The CLI rows time the real
# `quotecheck` binary with hyperfine (or a loop without it) and /usr/bin/time for peak RSS.
# Inputs: QUOTECHECK_BENCH_TEXTS (default ../shared/data/polnear/train/text) and
# QUOTECHECK_BENCH_HTML (default ../shared/data/webpages/pages), relative to the repository.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
export QUOTECHECK_BENCH_TEXTS=${QUOTECHECK_BENCH_TEXTS:-$root/../shared/data/polnear/train/text}
export QUOTECHECK_BENCH_HTML=${QUOTECHECK_BENCH_HTML:-$root/../shared/data/webpages/pages}
filter=${1:-.*}  # ordo-one/benchmark matches the whole name: '.*', not '.'
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The CLI rows time the binary as the README says to install it: Swift runtime linked in (its
# own build directory, so the ordinary `.build` is left alone).
swift build -c release --static-swift-stdlib --package-path "$root" --scratch-path "$root/.build-static" >&2
quotecheck=$root/.build-static/release/quotecheck

(cd "$here" && swift package --disable-sandbox benchmark --filter "$filter" --format influx --path "$work" --no-progress >&2)

# The CLI end to end: start-up on a one-line file, then the whole text corpus in one process.
printf 'He said: "We are ready."\n' >"$work/tiny.txt"
time_command() { # prints median wall seconds and mean CPU seconds (user + system) over several runs
    local runs=$1; shift
    if command -v hyperfine >/dev/null; then
        hyperfine --style none --warmup 1 --runs "$runs" --export-json "$work/h.json" -- "$*" >&2
        python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["median"], r["user"] + r["system"])' "$work/h.json"
    else
        local start end
        start=$(date +%s.%N)
        for _ in $(seq "$runs"); do eval "$*" >/dev/null; done
        end=$(date +%s.%N)
        python3 -c "print(($end - $start) / $runs, ($end - $start) / $runs)"
    fi
}
peak_rss_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

startup_s=$(time_command 20 "$quotecheck extract $work/tiny.txt -o $work/tiny.jsonl")
startup_rss=$(peak_rss_kb "$quotecheck" extract "$work/tiny.txt" -o "$work/tiny.jsonl")
extract_s=$(time_command 5 "$quotecheck extract $QUOTECHECK_BENCH_TEXTS -o $work/out.jsonl")
extract_rss=$(peak_rss_kb "$quotecheck" extract "$QUOTECHECK_BENCH_TEXTS" -o "$work/out.jsonl")

# `corpus` at one and two jobs, and over the texts four times (symlinked copies) to show that
# peak RSS does not grow with the corpus.
for copy in 1 2 3 4; do mkdir -p "$work/x4/copy$copy" && ln -s "$QUOTECHECK_BENCH_TEXTS"/* "$work/x4/copy$copy/"; done
corpus1_s=$(time_command 5 "$quotecheck corpus $QUOTECHECK_BENCH_TEXTS --jobs 1 -o $work/c1.jsonl 2>/dev/null")
corpus1_rss=$(peak_rss_kb "$quotecheck" corpus "$QUOTECHECK_BENCH_TEXTS" --jobs 1 -o "$work/c1.jsonl")
corpus2_s=$(time_command 5 "$quotecheck corpus $QUOTECHECK_BENCH_TEXTS --jobs 2 -o $work/c2.jsonl 2>/dev/null")
corpus2_rss=$(peak_rss_kb "$quotecheck" corpus "$QUOTECHECK_BENCH_TEXTS" --jobs 2 -o "$work/c2.jsonl")
corpus4_s=$(time_command 3 "$quotecheck corpus $work/x4 --jobs 2 -o $work/c4.jsonl 2>/dev/null")
corpus4_rss=$(peak_rss_kb "$quotecheck" corpus "$work/x4" --jobs 2 -o "$work/c4.jsonl")

# HTML end to end: every page's main text written in one process (issue 6's ">= 50 MB/s of HTML"),
# and score-html (load + scoring against the expected snippets). The output directory is on
# tmpfs when there is one and written over between runs: creating 504 files right after deleting
# them costs ext4 ~0.3 s of system time that has nothing to do with the loader.
out_root=$work
if [ -d /dev/shm ] && [ -w /dev/shm ]; then out_root=$(mktemp -d /dev/shm/quotecheck-bench.XXXXXX); fi
text_html_s=$(time_command 5 "$quotecheck text \"$QUOTECHECK_BENCH_HTML\"/* --out-dir $out_root/text-out")
text_html_rss=$(peak_rss_kb "$quotecheck" text "$QUOTECHECK_BENCH_HTML"/* --out-dir "$out_root/text-out")
if [ "$out_root" != "$work" ]; then rm -rf "$out_root"; fi
score_html_s=$(time_command 3 "$quotecheck score-html $(dirname "$QUOTECHECK_BENCH_HTML") >/dev/null")
score_html_rss=$(peak_rss_kb "$quotecheck" score-html "$(dirname "$QUOTECHECK_BENCH_HTML")")

python3 - "$work" "$startup_s" "$startup_rss" "$extract_s" "$extract_rss" \
    "$corpus1_s" "$corpus1_rss" "$corpus2_s" "$corpus2_rss" "$corpus4_s" "$corpus4_rss" \
    "$text_html_s" "$text_html_rss" "$score_html_s" "$score_html_rss" <<'PY'
import csv, os, sys

work, startup, startup_rss, extract, extract_rss = sys.argv[1:6]
corpus_runs = sys.argv[6:12]
html_runs = sys.argv[12:16]

def corpus(directory):
    sizes = [os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(directory) for f in fs
             if f.rsplit(".", 1)[-1].lower() in ("txt", "text", "html", "htm", "xhtml", "shtml")]
    return sum(sizes), len(sizes)

texts = corpus(os.environ["QUOTECHECK_BENCH_TEXTS"])
html = corpus(os.environ["QUOTECHECK_BENCH_HTML"])

# Influx export: raw values (ns, bytes, counts) per metric and percentile; keep the medians.
medians, order = {}, []
path = os.path.join(work, "Current_run.influx.csv")
rows = list(csv.reader(open(path))) if os.path.exists(path) else []
for row in rows[2:]:
    metric, test, percentile, value = row[6], row[8], row[9], float(row[10])
    if percentile != "50.0": continue
    if test not in medians: medians[test] = {}; order.append(test)
    medians[test][metric] = value

print("| benchmark | input | MB/s (CPU) | docs/s (CPU) | wall ms | allocs/doc | peak RSS MB |")
print("|---|---|---:|---:|---:|---:|---:|")
for test in order:
    m = medians[test]
    cpu, wall = m.get("Time(totalCPU)", 0) / 1e9, m.get("Time(wallclock)", 0) / 1e9
    mallocs, rss = m.get("Malloc(total)", 0), m.get("Memory(residentpeak)", 0) / 1e6
    if test.startswith("startup"):
        print(f"| {test} | rules only | – | – | {wall * 1e3:.1f} | {mallocs:.0f} per start | {rss:.0f} |")
        continue
    # HTML renderings of the texts are measured against the article text they carry.
    size, docs = html if "HTML" in test and "renderings" not in test else texts
    # CPU time is counted in 10 ms ticks; wall time stands in when it rounds to nothing.
    seconds = cpu if cpu > 0 else wall
    mark = ""
    if test.startswith("corpus"):
        # Parallel runs: CPU time adds up over the workers, so throughput is by wall time.
        copies = 4 if "×4" in test else 1
        size, docs, seconds, mark = size * copies, docs * copies, wall, " (wall)"
    print(f"| {test} | {docs} docs, {size / 1e6:.2f} MB | {size / 1e6 / seconds:.2f}{mark} | {docs / seconds:.0f}{mark} | "
          f"{wall * 1e3:.0f} | {mallocs / docs:.0f} | {rss:.0f} |")

start_wall, start_cpu = map(float, startup.split())
run_wall, run_cpu = map(float, extract.split())
print(f"| CLI `quotecheck extract DIR` (start-up included) | {texts[1]} docs, {texts[0] / 1e6:.2f} MB | "
      f"{texts[0] / 1e6 / run_cpu:.2f} | {texts[1] / run_cpu:.0f} | {run_wall * 1e3:.0f} | – | {int(extract_rss) / 1024:.0f} |")
for label, copies, timing, peak in [("--jobs 1", 1, corpus_runs[0], corpus_runs[1]), ("--jobs 2", 1, corpus_runs[2], corpus_runs[3]),
                                    ("--jobs 2, texts ×4", 4, corpus_runs[4], corpus_runs[5])]:
    run_wall, run_cpu = map(float, timing.split())
    size, docs = texts[0] * copies, texts[1] * copies
    print(f"| CLI `quotecheck corpus DIR {label}` (wall) | {docs} docs, {size / 1e6:.2f} MB | "
          f"{size / 1e6 / run_wall:.2f} (wall) | {docs / run_wall:.0f} (wall) | {run_wall * 1e3:.0f} | – | {int(peak) / 1024:.0f} |")
for label, timing, peak in [("`quotecheck text PAGES --out-dir DIR`", html_runs[0], html_runs[1]),
                            ("`quotecheck score-html DATASET`", html_runs[2], html_runs[3])]:
    run_wall, run_cpu = map(float, timing.split())
    print(f"| CLI {label} (start-up included) | {html[1]} docs, {html[0] / 1e6:.2f} MB | "
          f"{html[0] / 1e6 / run_cpu:.2f} | {html[1] / run_cpu:.0f} | {run_wall * 1e3:.0f} | – | {int(peak) / 1024:.0f} |")
print(f"| CLI start-up: `quotecheck extract` on a one-line file | 1 doc | – | – | {start_wall * 1e3:.1f} "
      f"(CPU {start_cpu * 1e3:.1f}) | – | {int(startup_rss) / 1024:.0f} |")
PY
