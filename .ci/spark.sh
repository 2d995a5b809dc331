#!/usr/bin/env bash
# CI: the Spark route end to end. Runs Examples/spark/run.py (PySpark, local mode) over PolNeAR
# train and checks that its records are exactly those of `quotecheck corpus` over the same files.
#
# Installs what is missing: Java (Debian default-jre-headless) and pyspark from PyPI in a virtual
# environment kept outside the repository (QUOTECHECK_SPARK_VENV, default /var/tmp), so reruns
# skip the download. Bounded: the Spark job gets QUOTECHECK_SPARK_TIMEOUT seconds (default 900).
set -euo pipefail
cd "$(dirname "$0")/.."

data=""
for candidate in /work/shared/data/polnear/train/text ../shared/data/polnear/train/text; do
    if [ -d "$candidate" ]; then data="$candidate"; break; fi
done
if [ -z "$data" ]; then
    echo "spark: PolNeAR train not found (../shared/data/polnear/train/text), skipped"
    exit 0
fi

if ! command -v java > /dev/null 2>&1; then
    echo "spark: installing default-jre-headless"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless
fi

venv="${QUOTECHECK_SPARK_VENV:-/var/tmp/quotecheck-spark-venv}"
if ! "$venv/bin/python" -c 'import pyspark' > /dev/null 2>&1; then
    echo "spark: installing pyspark in $venv"
    if ! python3 -m venv "$venv" > /dev/null 2>&1; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
        python3 -m venv "$venv"
    fi
    "$venv/bin/pip" install -q pyspark
fi

# A no-op when the release binary is up to date; a stale one would test old code.
swift build -c release --product quotecheck
quotecheck="$PWD/.build/release/quotecheck"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Spark in local mode, two worker threads: two partitions, two quotecheck processes.
started=$(date +%s%N)
PYSPARK_PYTHON="$venv/bin/python" timeout "${QUOTECHECK_SPARK_TIMEOUT:-900}" \
    "$venv/bin/python" Examples/spark/run.py --master 'local[2]' --quotecheck "$quotecheck" "$data" "$work/spark"
spark_ms=$(( ($(date +%s%N) - started) / 1000000 ))

started=$(date +%s%N)
"$quotecheck" corpus "$data" --jobs 2 > "$work/corpus.jsonl"
corpus_ms=$(( ($(date +%s%N) - started) / 1000000 ))

# parallelize keeps the sorted paths in contiguous slices and saveAsTextFile names the parts
# by slice, so the parts in name order are the records in corpus order: the comparison is exact,
# line for line, not as sets.
cat "$work"/spark/part-* > "$work/spark.jsonl"
if ! cmp -s "$work/corpus.jsonl" "$work/spark.jsonl"; then
    echo "spark: the Spark records differ from corpus's:"
    diff <(cut -c1-200 "$work/corpus.jsonl") <(cut -c1-200 "$work/spark.jsonl") | head -20
    exit 1
fi
records=$(wc -l < "$work/corpus.jsonl")
if [ "$records" -eq 0 ]; then
    echo "spark: corpus wrote no records, nothing was compared"
    exit 1
fi
echo "spark: $records records identical to corpus; wall time: Spark local[2] $spark_ms ms, corpus --jobs 2 $corpus_ms ms"
