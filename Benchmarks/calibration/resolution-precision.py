#!/usr/bin/env python3
"""How often each way of resolving a speaker (`speaker.resolvedBy`) gives the right name, on a
brat corpus whose Sources carry their canonical name in an `AnnotatorNotes` line (the news
development set under Fixtures/corpora/news). Used to set `resolution:` in
Rules/en/confidence.yml (see docs/confidence.md).

usage: resolution-precision.py QUOTECHECK CORPUS_DIR [--rules DIR] [-v]

A gold attribution and a record are paired when the record's quoted words share a non-space
character with the gold Content (the first such record in text order); a pair counts when the
gold has a Source. Where the Source has a name, the record is right when its speaker is not
anonymous and both names agree lower-cased, with white space collapsed and curly quotes made
straight; where it has none (the article leaves the speaker unnamed), when its speaker is
anonymous. Per `resolvedBy`: pairs, right names, the share
right, and the share smoothed towards the overall share with two pseudo-pairs
((right + 2 * overall) / (pairs + 2)), the figure to use when pairs are few.
"""
import collections, json, os, subprocess, sys

def normalized(name):
    name = name.lower().replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(name.split())

def read_ann(path):
    spans, notes, events = {}, {}, []
    for line in open(path, encoding="utf-8"):
        fields = line.rstrip("\n").split("\t")
        if fields[0].startswith("T"):
            kind, ranges = fields[1].split(" ", 1)
            spans[fields[0]] = (kind, [tuple(map(int, r.split())) for r in ranges.split(";")])
        elif fields[0].startswith("#") and fields[1].startswith("AnnotatorNotes"):
            notes[fields[1].split()[1]] = fields[2]
        elif fields[0].startswith("E"):
            events.append(dict(argument.split(":", 1) for argument in fields[1].split()))
    return spans, notes, events

def main():
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    binary, corpus = args[0], args[1]
    extra = ["--rules", args[args.index("--rules") + 1]] if "--rules" in args else []
    pairs, right, wrong = collections.Counter(), collections.Counter(), []
    for name in sorted(os.listdir(os.path.join(corpus, "text"))):
        document = name[:-4]
        text = open(os.path.join(corpus, "text", name), encoding="utf-8").read()
        output = subprocess.run([binary, "extract", *extra, "--input-format", "text", os.path.join(corpus, "text", name)],
                                capture_output=True, text=True, check=True).stdout
        records = [json.loads(line) for line in output.splitlines()]
        annotations = sorted(f for f in os.listdir(os.path.join(corpus, "attributions")) if f.startswith(document + "_"))
        if not annotations:
            continue
        spans, notes, events = read_ann(os.path.join(corpus, "attributions", annotations[0]))
        for event in events:
            content, source = spans.get(event.get("Content")), event.get("Source")
            gold = notes.get(source) if source else None
            # A Source without a name is one the article leaves unnamed: an anonymous speaker is
            # the right answer there, and any name a wrong one.
            if not content or not source:
                continue
            characters = {i for a, b in content[1] for i in range(a, b) if not text[i].isspace()}
            for record in records:
                pieces = record["quote"].get("parts") or [record["quote"]]
                if characters & {i for p in pieces for i in range(p["start"], p["end"])}:
                    speaker = record["speaker"]
                    step = speaker["resolvedBy"] if speaker else "(no speaker)"
                    pairs[step] += 1
                    if gold:
                        ok = speaker is not None and not speaker.get("anonymous") and normalized(speaker["name"]) == normalized(gold)
                    else:
                        ok = speaker is not None and bool(speaker.get("anonymous"))
                    right[step] += ok
                    if not ok:
                        wrong.append((document, step, gold, speaker and speaker["name"]))
                    break
    total = sum(pairs.values())
    overall = sum(right.values()) / total if total else 0
    print(f"{'resolvedBy':<20} {'pairs':>5} {'right':>5} {'share':>6} {'smoothed':>8}")
    for step, n in pairs.most_common():
        print(f"{step:<20} {n:>5} {right[step]:>5} {right[step] / n:>6.3f} {(right[step] + 2 * overall) / (n + 2):>8.3f}")
    print(f"{'all':<20} {total:>5} {sum(right.values()):>5} {overall:>6.3f}")
    if "-v" in args:
        for item in wrong:
            print("  wrong:", *item, sep=" | ")

if __name__ == "__main__":
    main()
