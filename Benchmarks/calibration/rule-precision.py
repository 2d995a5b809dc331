#!/usr/bin/env python3
"""Per-rule precision of quotecheck on a brat corpus (PolNeAR layout), for calibrating the
`confidence:` of each attribution rule (see docs/confidence.md).

usage: rule-precision.py QUOTECHECK CORPUS_DIR [--rules DIR] [--apply RULES_DIR] [--min-records N]

Runs `quotecheck corpus` over CORPUS_DIR/text and `quotecheck eval CORPUS_DIR --errors`, then
for every rule: records made, false positives and wrong speakers (from the findings file), and
precision = (records - false positives - wrong speakers) / records, with a Wilson 95 % lower
bound. A record is right when eval's end-to-end match holds: content matched, speaker right.

--apply RULES_DIR writes each measured precision (two decimals, at least 0.05) as the
`confidence:` of its rule in RULES_DIR/en/attribution/*.yml, for rules with at least
--min-records records (default 20); the others keep theirs.
"""
import collections, json, math, re, subprocess, sys, tempfile, os

def wilson_lower(right, n, z=1.96):
    if n == 0:
        return 0.0
    p = right / n
    denominator = 1 + z * z / n
    centre = p + z * z / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - margin) / denominator

def main():
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    binary, corpus = args[0], args[1]
    extra = []
    if "--rules" in args:
        extra = ["--rules", args[args.index("--rules") + 1]]
    with tempfile.TemporaryDirectory() as work:
        records_path = os.path.join(work, "records.jsonl")
        errors_path = os.path.join(work, "errors.txt")
        subprocess.run([binary, "corpus", *extra, os.path.join(corpus, "text"), "-o", records_path], check=True, stderr=subprocess.DEVNULL)
        subprocess.run([binary, "eval", *extra, corpus, "--errors", errors_path], check=True, stdout=subprocess.DEVNULL)
        made = collections.Counter()
        for line in open(records_path, encoding="utf-8"):
            made[json.loads(line)["rule"]] += 1
        wrong = collections.Counter()
        summary = re.compile(r"^# (\S+): \d+ \((.*)\)$")
        for line in open(errors_path, encoding="utf-8"):
            match = summary.match(line.rstrip("\n"))
            if not match:
                continue
            for part in match.group(2).split(", "):
                count, kind = part.split(" ", 1)
                if kind in ("false positive", "wrong speaker"):
                    wrong[match.group(1)] += int(count)
    print(f"{'rule':<58} {'records':>7} {'wrong':>6} {'precision':>9} {'lower95':>7}")
    measured = {}
    minimum = int(args[args.index("--min-records") + 1]) if "--min-records" in args else 20
    for rule, n in made.most_common():
        right = max(0, n - wrong[rule])
        print(f"{rule:<58} {n:>7} {wrong[rule]:>6} {right / n:>9.3f} {wilson_lower(right, n):>7.3f}")
        if n >= minimum:
            measured[rule] = max(0.05, round(right / n, 2))
    if "--apply" in args:
        apply(args[args.index("--apply") + 1], measured)

def apply(rules_dir, measured):
    """Rewrites the `confidence:` line of each measured rule, leaving the rest of the file as it is."""
    directory = os.path.join(rules_dir, "en", "attribution")
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".yml"):
            continue
        prefix = "en.attribution." + name[:-4] + "."
        path = os.path.join(directory, name)
        lines = open(path, encoding="utf-8").read().split("\n")
        rule = None
        for index, line in enumerate(lines):
            found = re.match(r"^  - id: (\S+)", line)
            if found:
                rule = prefix + found.group(1)
                continue
            found = re.match(r"^(    confidence: )([0-9.]+)(.*)$", line)
            if found and rule in measured:
                lines[index] = f"{found.group(1)}{measured[rule]}{found.group(3)}"
                print(f"{rule}: {found.group(2)} -> {measured[rule]}", file=sys.stderr)
        open(path, "w", encoding="utf-8").write("\n".join(lines))

if __name__ == "__main__":
    main()
