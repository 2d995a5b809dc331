#!/usr/bin/env bash
# CI: the SARIF report validates against the official SARIF 2.1.0 schema (Python jsonschema).
# The schema is not copied into the repository (its licence is not stated in the file); it is
# read from ../shared/schemas, and the check is skipped with a note when that is absent.
set -euo pipefail
cd "$(dirname "$0")/.."

schema=""
for candidate in ../shared/schemas/sarif-schema-2.1.0.json /work/shared/schemas/sarif-schema-2.1.0.json; do
    if [ -f "$candidate" ]; then schema="$candidate"; break; fi
done
if [ -z "$schema" ]; then
    echo "sarif: no sarif-schema-2.1.0.json beside the repository; skipped"
    exit 0
fi

venv="${TMPDIR:-/tmp}/quotecheck-ci-venv"
if ! "$venv/bin/python" -c "import jsonschema" 2>/dev/null; then
    python3 -m venv "$venv" 2>/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv && python3 -m venv "$venv"; }
    "$venv/bin/pip" install -q jsonschema
fi

swift build --product quotecheck
quotecheck=.build/debug/quotecheck
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A corpus that gives every extraction finding kind a result: unattributed, anonymous,
# low confidence, an unreadable file, an HTML location.
mkdir -p "$work/articles/desk"
cp Fixtures/articles/sharaa-putin.html Fixtures/articles/sharaa-putin.txt "$work/articles/desk/"
printf '“Nobody asked us,” one resident complained.\n' > "$work/articles/voices.txt"
printf '“We were never told about any of this, and nobody will say why.”\n' > "$work/articles/unattributed.txt"
printf 'A\0B' > "$work/articles/binary.txt"
cat > "$work/policy.yml" <<'YAML'
policy:
  anonymous-source: error
  low-confidence: warning
confidence-threshold: 0.99
YAML

status=0
"$quotecheck" corpus "$work/articles" --config "$work/policy.yml" --format sarif --report "$work/corpus.sarif" -q || status=$?
if [ "$status" != 1 ]; then echo "sarif: expected exit status 1 (error findings), got $status"; exit 1; fi
"$quotecheck" check Fixtures/check/article.txt --against Fixtures/check/transcript.txt --format sarif > "$work/check.sarif" || true

"$venv/bin/python" - "$schema" "$work/corpus.sarif" "$work/check.sarif" <<'PY'
import json, sys
import jsonschema

schema = json.load(open(sys.argv[1]))
validator = jsonschema.Draft4Validator(schema)
for path in sys.argv[2:]:
    log = json.load(open(path))
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    for error in errors:
        print(f"{path}: {'/'.join(map(str, error.path))}: {error.message}")
    if errors:
        sys.exit(1)
    results = log["runs"][0]["results"]
    rules = {rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert all(result["ruleId"] in rules for result in results), "a result's rule is not described"
    assert all("partialFingerprints" in result for result in results), "a result has no fingerprint"
    print(f"sarif: {path.rsplit('/', 1)[-1]}: valid SARIF 2.1.0, {len(results)} results")
corpus = json.load(open(sys.argv[2]))["runs"][0]["results"]
kinds = {result["ruleId"] for result in corpus}
expected = {"quotecheck/unattributed", "quotecheck/anonymous-source", "quotecheck/low-confidence", "quotecheck/unreadable"}
assert expected <= kinds, f"missing kinds: {expected - kinds}"
assert any("region" in r["locations"][0]["physicalLocation"] for r in corpus), "no result has a region"
PY
