#!/usr/bin/env bash
# Every claim record the fixtures hold, and every record `extract` writes for them, must
# validate against docs/claim.schema.json: the schema is documentation that cannot drift.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c 'import jsonschema' 2>/dev/null || pip install -q jsonschema
bin=${QUOTECHECK_BIN:-.build/release/quotecheck}
[ -x "$bin" ] || swift build -c release --product quotecheck
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" extract Fixtures/articles Fixtures/check/article.txt Fixtures/eval/mini/text -o "$out/extracted.jsonl"
python3 - "$out/extracted.jsonl" <<'PY'
import glob, json, sys
import jsonschema
schema = json.load(open("docs/claim.schema.json"))
validator = jsonschema.Draft202012Validator(schema)
files = sorted(glob.glob("Fixtures/**/*.jsonl", recursive=True)) + sys.argv[1:]
checked = 0
failed = 0
for path in files:
    for number, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.strip():
            continue
        record = json.loads(line)
        if record.get("schema") != "quotecheck.claim/1":
            continue
        for error in validator.iter_errors(record):
            failed += 1
            print(f"{path}:{number}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
        checked += 1
if checked == 0:
    print("schema: no records found to validate"); sys.exit(1)
print(f"schema: {checked} records validated against docs/claim.schema.json")
sys.exit(1 if failed else 0)
PY
