#!/usr/bin/env bash
# CI: the news development set (Fixtures/corpora/news) is up to date with its YAML sources, and
# extraction on it does not fall below the floors (end-to-end F1 on ALL, speaker name accuracy).
set -euo pipefail
cd "$(dirname "$0")/.."

# The floors: just below what main reaches; raise them when the figures rise.
MIN_F1=0.70
MIN_NAME_ACCURACY=0.89

if ! python3 -c 'import yaml' 2>/dev/null; then
    echo "ci: installing PyYAML for Fixtures/corpora/tools/annotate.py"
    # pip installs into the python3 that runs the converter; Debian's package only into /usr/bin/python3.
    python3 -m pip install --quiet pyyaml
fi

python3 Fixtures/corpora/tools/test_annotate.py
# Every text has its source and hashes recorded (the pages themselves are checked when ../shared is there).
python3 Fixtures/corpora/tools/sources.py --check Fixtures/corpora/news ../shared/data

# The .ann files are generated: converting the YAML again must give exactly what is committed.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for corpus in Fixtures/corpora/news Fixtures/eval/names; do
    mkdir -p "$scratch/$corpus"
    cp -r "$corpus/text" "$corpus/yaml" "$scratch/$corpus/"
    python3 Fixtures/corpora/tools/annotate.py "$scratch/$corpus"
    if ! diff -r "$corpus/attributions" "$scratch/$corpus/attributions"; then
        echo "ci: $corpus/attributions differ from its yaml/; run Fixtures/corpora/tools/annotate.py $corpus and commit" >&2
        exit 1
    fi
done

swift build -c release --product quotecheck
.build/release/quotecheck eval Fixtures/corpora/news --min-f1 "$MIN_F1" --min-name-accuracy "$MIN_NAME_ACCURACY"
