#!/usr/bin/env bash
# CI: the Spark example (Examples/spark) gives exactly the records of `quotecheck corpus` over
# PolNeAR train, record for record. Installs a Java runtime (Debian) and pyspark (PyPI, in a
# virtual environment) when missing. Bounded: 20 minutes at most.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=""
for candidate in ../shared/data/polnear/train/text /work/shared/data/polnear/train/text; do
    if [ -d "$candidate" ]; then corpus="$candidate"; break; fi
done
if [ -z "$corpus" ]; then
    echo "spark: no PolNeAR train beside the repository; skipped"
    exit 0
fi

if ! command -v java >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless
fi
venv="${TMPDIR:-/tmp}/quotecheck-spark-venv"
if ! "$venv/bin/python" -c "import pyspark" 2>/dev/null; then
    python3 -m venv "$venv" 2>/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv && python3 -m venv "$venv"; }
    "$venv/bin/pip" install -q pyspark
fi

swift build -c release --product quotecheck
quotecheck=.build/release/quotecheck
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

start=$(date +%s%N)
"$quotecheck" corpus "$corpus" --jobs 2 -q -o "$work/corpus.jsonl"
corpus_ms=$(( ($(date +%s%N) - start) / 1000000 ))

start=$(date +%s%N)
timeout 1200 "$venv/bin/python" Examples/spark/quotecheck_spark.py "$corpus" "$work/spark" \
    --quotecheck "$quotecheck" --partitions 4 --master 'local[2]'
spark_ms=$(( ($(date +%s%N) - start) / 1000000 ))

cat "$work"/spark/part-* | LC_ALL=C sort > "$work/spark.sorted"
LC_ALL=C sort "$work/corpus.jsonl" > "$work/corpus.sorted"
if ! cmp -s "$work/spark.sorted" "$work/corpus.sorted"; then
    echo "spark: records differ from corpus:"
    diff "$work/corpus.sorted" "$work/spark.sorted" | head -5
    exit 1
fi
records=$(wc -l < "$work/corpus.sorted")
echo "spark: $records records, identical to corpus; wall ${spark_ms} ms (Spark local[2]) vs ${corpus_ms} ms (corpus --jobs 2)"
