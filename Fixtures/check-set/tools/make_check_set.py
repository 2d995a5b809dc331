#!/usr/bin/env python3
"""Builds the `check` test set from PolNeAR articles (train and dev splits only).

Each chosen quotation is altered in place inside its article (one alteration per quotation:
none, drop, replace, insert, negation, number, splice of two passages, an omission without an
ellipsis, an omission with one), and a plain reference text is written for the article holding
the original words of every quotation of a paragraph, inside longer prose of someone else's
words, restyled as references come (straight quotes, `--` dashes, hard-wrapped lines, words
hyphenated at line ends, timestamps, an anonymous label). `expected.jsonl` gives, per altered
quotation, its offsets in the altered article (Unicode scalars, as records count them), what was
done, and the status and critical kinds `quotecheck check` must report.

    python3 Fixtures/check-set/tools/make_check_set.py /work/shared/data/polnear Fixtures/check-set

Deterministic: the same corpus gives the same set.
"""
import json
import os
import random
import re
import sys
import textwrap

# A quotation in typographic or straight marks, or one left open at the paragraph's end (it runs
# on into the next paragraph).
QUOTE = re.compile(r'“(?P<inner>[^“”\n]+)(?:”|$)|"(?P<straight>[^"\n]+)(?:"|$)')
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9’'.,-]*[A-Za-z0-9]|[A-Za-z0-9]")
AUXILIARIES = {"is", "are", "was", "were", "will", "can", "would", "should", "could", "does", "did", "has", "have", "must"}
NEGATIONS = {"not", "never", "no", "nor", "neither", "nobody", "nothing", "none", "nowhere", "cannot"}
NUMBER_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty", "hundred", "thousand", "million", "billion"]
PLAIN = ["purple", "quietly", "enormous", "banana", "yesterday", "carefully", "wooden"]
ALTERATIONS = ["none", "drop", "replace", "insert", "negation", "number", "splice", "omit", "elide"]
EXPECTED = {
    "none": "verbatim", "drop": "altered", "replace": "altered", "insert": "altered", "negation": "altered",
    "number": "altered", "splice": "spliced", "omit": "altered", "elide": "elided",
}


def inner(match):
    return match.group("inner") if match.group("inner") is not None else match.group("straight")


def words(text):
    return list(WORD.finditer(text))


def is_critical(word):
    lower = word.lower().strip("’'")
    return lower in NEGATIONS or lower.endswith("n’t") or lower.endswith("n't") or any(c.isdigit() for c in lower) or lower in NUMBER_WORDS


def plain_indexes(found):
    """Inner words (not the first two or last two) that carry no negation, number or name."""
    return [i for i in range(2, len(found) - 2) if not is_critical(found[i].group()) and not found[i].group()[0].isupper()]


def alter(kind, inner, other, rng):
    """The altered inner text and the critical kinds expected, or None when `inner` offers nothing."""
    found = words(inner)
    n = len(found)
    if kind == "none":
        return inner, []
    if kind in ("drop", "replace", "insert"):
        plain = plain_indexes(found)
        if not plain:
            return None
        i = rng.choice(plain)
        w = found[i]
        if kind == "drop":
            return inner[: w.start()] + inner[found[i + 1].start():], []
        word = rng.choice([p for p in PLAIN if p != w.group().lower()])
        if kind == "replace":
            return inner[: w.start()] + word + inner[w.end():], []
        return inner[: w.start()] + word + " " + inner[w.start():], []
    if kind == "negation":
        for i in range(1, n - 1):
            if found[i].group().lower() in ("not", "never"):
                return inner[: found[i].start()] + inner[found[i + 1].start():], ["negation-dropped"]
        for i in range(1, n - 1):
            if found[i].group().lower() in AUXILIARIES and found[i + 1].group().lower() not in NEGATIONS:
                return inner[: found[i].end()] + " not" + inner[found[i].end():], ["negation-added"]
        return None
    if kind == "number":
        for w in found:
            text = w.group()
            digits = [j for j, c in enumerate(text) if c.isdigit()]
            if digits:
                j = digits[0]
                changed = text[:j] + str((int(text[j]) + 1) % 10) + text[j + 1:]
                return inner[: w.start()] + changed + inner[w.end():], ["number-changed"]
            lower = text.lower()
            if lower in NUMBER_WORDS[:10]:
                replacement = NUMBER_WORDS[(NUMBER_WORDS.index(lower) + 1) % 10]
                if text[0].isupper():
                    replacement = replacement.capitalize()
                return inner[: w.start()] + replacement + inner[w.end():], ["number-changed"]
        return None
    if kind == "splice":
        if other is None or n < 10:
            return None
        other_found = words(other)
        if len(other_found) < 10:
            return None
        head = inner[: found[n // 2].start()].rstrip()
        tail = other[other_found[len(other_found) // 2].start():]
        return head + " " + tail, []
    if kind == "omit":
        if n < 22:
            return None
        start = n // 3
        # A sentence or so: more than a dropped word, less than a splice (60 words apart).
        length = min(max(9, n // 3), 30)
        if start + length > n - 5:
            return None
        return inner[: found[start].start()] + inner[found[start + length].start():], []
    if kind == "elide":
        if n < 14:
            return None
        start = n // 3
        return inner[: found[start].start()] + "… " + inner[found[start + 3].start():], []
    raise ValueError(kind)


def filler_sentences(texts):
    """Narration without quotation marks: someone else's words around the reference passages."""
    sentences = []
    for text in texts:
        for line in text.split("\n"):
            if "“" in line or "”" in line or '"' in line or len(line) < 80:
                continue
            for sentence in re.split(r"(?<=[.!?])\s+", line):
                if 8 <= len(sentence.split()) <= 40 and sentence[0].isupper():
                    sentences.append(sentence)
    return sentences


def prose(rng, fillers, minimum):
    chosen = []
    while sum(len(s.split()) for s in chosen) < minimum:
        chosen.append(rng.choice(fillers))
    return " ".join(chosen)


def restyle(text, rng, style):
    if style["straight"]:
        text = text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
    if style["dashes"]:
        text = text.replace(" — ", " -- ").replace("—", "--")
    return text


def wrap(paragraph, rng, hyphenate):
    lines = textwrap.wrap(paragraph, width=rng.choice([60, 68, 72]), break_long_words=False, break_on_hyphens=False)
    if not hyphenate:
        return "\n".join(lines)
    out = []
    carry = ""
    for index, line in enumerate(lines):
        line = carry + line
        carry = ""
        if index + 1 < len(lines):
            following = lines[index + 1].split(" ", 1)
            word = following[0]
            # Break the next line's first word across the line end, as typeset text does.
            if len(word) >= 9 and word.isalpha() and word.islower():
                cut = len(word) // 2
                line = line + " " + word[:cut] + "-"
                lines[index + 1] = word[cut:] + (" " + following[1] if len(following) > 1 else "")
        out.append(line)
    return "\n".join(out)


def build_split(corpus, split, out, count, seed):
    rng = random.Random(seed)
    text_dir = os.path.join(corpus, split, "text")
    names = sorted(n for n in os.listdir(text_dir) if n.endswith(".txt"))
    texts = {n: open(os.path.join(text_dir, n), encoding="utf-8").read() for n in names}
    fillers = filler_sentences(texts[n] for n in names[::7])
    rng.shuffle(names)
    os.makedirs(os.path.join(out, split, "articles"), exist_ok=True)
    os.makedirs(os.path.join(out, split, "references"), exist_ok=True)
    expected = []
    turn = 0
    made_counts = {}
    for name in names:
        if len(expected) >= count:
            break
        text = texts[name]
        if "…" in text or "\r" in text:
            continue
        paragraphs = text.split("\n")
        spans = []  # (paragraph index, match)
        for p, line in enumerate(paragraphs):
            for m in QUOTE.finditer(line):
                # Straight marks pair up only when a paragraph has an even number of them.
                if m.group("straight") is not None and line.count('"') % 2 == 1 and m.group(0).endswith('"'):
                    continue
                # Titles and names in quotation marks ("Fox and Friends") are nobody's words.
                found = words(inner(m))
                capitalised = sum(1 for w in found if w.group()[0].isupper())
                if found and not (len(found) < 6 and capitalised * 2 >= len(found)):
                    spans.append((p, m))
        # A quotation may run on into the next paragraph, which then opens with a quotation mark:
        # such paragraphs are one passage of the reference, as the speaker said them in one go.
        group = []
        previous = None  # the last paragraph with text
        for p, line in enumerate(paragraphs):
            if not line.strip():
                group.append(p)
                continue
            continues = previous is not None and line.lstrip().startswith(("“", '"')) and ("“" in paragraphs[previous] or '"' in paragraphs[previous])
            group.append(group[previous] if continues else p)
            previous = p
        # Quotations already elided or bracketed in the article would make an unaltered record elided.
        marked = {group[p] for p, m in spans if "…" in inner(m) or "..." in inner(m) or "[" in inner(m)}
        candidates = [(p, m) for p, m in spans if len(words(inner(m))) >= 10 and group[p] not in marked and m.group(0).endswith(("”", '"'))]
        if len(candidates) < 2:
            continue
        # One altered quotation per passage, at most four per article.
        chosen = []
        used = set()
        for p, m in candidates:
            # One per passage: a record spanning paragraphs must hold only one alteration.
            if group[p] not in used and len(chosen) < 4:
                chosen.append((p, m))
                used.add(group[p])
        edits = {}  # paragraph -> list of (start, end, new inner, case)
        for p, m in chosen:
            others = [inner(m2) for p2, m2 in candidates if group[p2] != group[p]]
            # The kind made least so far that this quotation allows, so rare ones (numbers) keep up.
            order = sorted(ALTERATIONS, key=lambda k: (made_counts.get(k, 0), (ALTERATIONS.index(k) - turn) % len(ALTERATIONS)))
            for kind in order:
                made = alter(kind, inner(m), rng.choice(others) if others else None, rng)
                if made is not None:
                    break
            else:
                continue
            turn += 1
            made_counts[kind] = made_counts.get(kind, 0) + 1
            new_inner, critical = made
            group_name = "inner" if m.group("inner") is not None else "straight"
            edits.setdefault(p, []).append((m.start(group_name), m.end(group_name), new_inner, {"alteration": kind, "status": EXPECTED[kind], "critical": critical,
                "findings": ["omitted-without-ellipsis"] if kind == "omit" else []}))
        if not edits:
            continue
        # The altered article, and where each altered quotation now stands in it.
        new_paragraphs = []
        cases = []
        offset = 0
        for p, line in enumerate(paragraphs):
            pieces = []
            cursor = 0
            for start, end, new_inner, case in sorted(edits.get(p, []), key=lambda e: e[0]):
                pieces.append(line[cursor:start])
                at = offset + sum(len(x) for x in pieces)
                pieces.append(new_inner)
                cases.append(dict(case, start=at, end=at + len(new_inner), quote=new_inner))
                cursor = end
            pieces.append(line[cursor:])
            new_line = "".join(pieces)
            new_paragraphs.append(new_line)
            offset += len(new_line) + 1
        article = "\n".join(new_paragraphs)
        # The reference: every quoting paragraph's original quoted words, spoken in one go, inside prose.
        style = {"straight": rng.random() < 0.7, "dashes": rng.random() < 0.7}
        blocks = []
        for g in sorted({group[p] for p, _ in spans}):
            passage = " ".join(inner(m).strip() for p2, m in spans if group[p2] == g)
            paragraph = prose(rng, fillers, 36) + " " + passage + " " + prose(rng, fillers, 36)
            paragraph = restyle(paragraph, rng, style)
            prefix = ""
            if rng.random() < 0.4:
                prefix = "[00:%02d:%02d] " % (rng.randrange(60), rng.randrange(60))
            if rng.random() < 0.2:
                prefix += "A: "
            blocks.append(wrap(prefix + paragraph, rng, hyphenate=rng.random() < 0.5))
        reference = "Transcript and notes, " + name[:-4].replace("_", " ") + "\n\n" + "\n\n".join(blocks) + "\n"
        with open(os.path.join(out, split, "articles", name), "w", encoding="utf-8") as handle:
            handle.write(article)
        with open(os.path.join(out, split, "references", name), "w", encoding="utf-8") as handle:
            handle.write(reference)
        for case in cases:
            assert article[case["start"]:case["end"]] == case["quote"]
            expected.append(dict(case, article=name))
    with open(os.path.join(out, split, "expected.jsonl"), "w", encoding="utf-8") as handle:
        for case in expected:
            handle.write(json.dumps({k: case[k] for k in ["article", "start", "end", "alteration", "status", "critical", "findings", "quote"]}, ensure_ascii=False) + "\n")
    return expected


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: make_check_set.py POLNEAR_DIR OUT_DIR")
    corpus, out = sys.argv[1], sys.argv[2]
    for split, count, seed in [("train", 130, 17), ("dev", 70, 18)]:
        cases = build_split(corpus, split, out, count, seed)
        kinds = {}
        for case in cases:
            kinds[case["alteration"]] = kinds.get(case["alteration"], 0) + 1
        print(split, len(cases), "quotes", dict(sorted(kinds.items())))


if __name__ == "__main__":
    main()
