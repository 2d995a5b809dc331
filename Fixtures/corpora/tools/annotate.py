#!/usr/bin/env python3
"""Turn hand-written YAML attribution files into brat standoff as PolNeAR writes it.

Usage:
    annotate.py CORPUS_DIR [NAME ...]

CORPUS_DIR holds text/NAME.txt and yaml/NAME.yml; the result goes to
attributions/NAME_qc01.ann. With no NAME every yaml/*.yml is converted.

One YAML file per page:

    text: NAME.txt
    attributions:
      - content: "exact substring of the text"   # or a list of pieces, in order
        after: "unique substring before the content, to pick the occurrence"
        source: "he"            # the Source mention as written; omit when none
        cue: "said"             # omit when none
        name: "Boris Johnson"   # canonical name of the speaker; omit when unnamed
        anonymous: true         # optional
        source_after: "..."     # optional: the source is the first occurrence after this unique
        cue_after: "..."        # substring, anywhere in the text (for a quote continued paragraphs
                                # after its speaker, when a nearer mention is the wrong one)

Offsets count Unicode scalar values, as Python's str indexes do. Every
substring must match at word boundaries (a piece starting or ending with a
letter or digit may not continue a word). The content is the first occurrence
after `after` (which must occur exactly once), else the first occurrence; the
source and the cue are the occurrences nearest the content within the
paragraphs the content touches, else within those and the one on either side
(paragraphs are separated by blank lines). A missing substring, an `after` that is not unique,
or two occurrences equally near the content is an error naming the file and
the attribution's index, and nothing is written for that file.

Each Source with a name gets `#N<TAB>AnnotatorNotes Tk<TAB>Name`, which
`quotecheck eval` reads as the gold speaker name.
"""

import os
import re
import sys

try:
    import yaml
except ImportError:  # CI installs PyYAML; this message says how when it is missing.
    sys.exit("annotate.py: PyYAML is missing: pip install pyyaml")

KNOWN_KEYS = {"content", "after", "source", "cue", "name", "anonymous", "source_after", "cue_after"}


class AnnotationError(Exception):
    pass


def is_word(ch):
    return ch.isalnum()


def occurrences(text, needle, start=0, end=None):
    """Every start offset of `needle` in text[start:end] that sits on word boundaries."""
    if end is None:
        end = len(text)
    found = []
    i = text.find(needle, start, end)
    while i != -1:
        before_ok = not (is_word(needle[0]) and i > 0 and is_word(text[i - 1]))
        j = i + len(needle)
        after_ok = not (is_word(needle[-1]) and j < len(text) and is_word(text[j]))
        if before_ok and after_ok:
            found.append(i)
        i = text.find(needle, i + 1, end)
    return found


def paragraphs(text):
    """(start, end) of each blank-line-separated paragraph, in order."""
    spans = []
    start = 0
    for match in re.finditer(r"\n[ \t]*\n\s*", text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def windows(paras, pieces):
    """Where a source or cue may come from, in order of preference: the paragraphs the content
    touches, then those and one more on each side."""
    first = min(s for s, _ in pieces)
    last = max(e for _, e in pieces)
    indexes = [k for k, (s, e) in enumerate(paras) if s < last and e > first]
    if not indexes:
        indexes = [min(range(len(paras)), key=lambda k: abs(paras[k][0] - first))]
    lo = max(0, indexes[0] - 1)
    hi = min(len(paras) - 1, indexes[-1] + 1)
    return [(paras[indexes[0]][0], paras[indexes[-1]][1]), (paras[lo][0], paras[hi][1])]


def distance(start, end, pieces):
    return min(max(s - end, start - e, 0) for s, e in pieces)


def nearest(text, needle, pieces, paras, what):
    candidates = []
    # A mention in the content's own paragraph wins over a nearer one across a paragraph break:
    # the next paragraph often opens with the speaker's name for another quote.
    for lo, hi in windows(paras, pieces):
        for i in occurrences(text, needle, lo, hi):
            j = i + len(needle)
            if j > hi:
                continue
            if any(i < e and j > s for s, e in pieces):
                continue  # a mention inside its own content is never its source or cue
            candidates.append((distance(i, j, pieces), i))
        if candidates:
            break
    if not candidates:
        raise AnnotationError(f"{what} {needle!r} not found near the content")
    candidates.sort()
    if len(candidates) > 1 and candidates[0][0] == candidates[1][0]:
        raise AnnotationError(
            f"{what} {needle!r} is ambiguous: offsets {candidates[0][1]} and {candidates[1][1]} are equally near the content"
        )
    return candidates[0][1], candidates[0][1] + len(needle)


def after_anchor(text, anchor, what):
    """The end of the one occurrence of `anchor`."""
    hits = occurrences(text, anchor)
    if not hits:
        raise AnnotationError(f"{what} {anchor!r} not found")
    if len(hits) > 1:
        raise AnnotationError(f"{what} {anchor!r} is not unique ({len(hits)} occurrences)")
    return hits[0] + len(anchor)


def first_after(text, needle, anchor, what):
    start = after_anchor(text, anchor, f"{what}_after")
    hits = occurrences(text, needle, start)
    if not hits:
        raise AnnotationError(f"{what} {needle!r} not found after {anchor!r}")
    return hits[0], hits[0] + len(needle)


def locate_content(text, pieces, after, warn):
    start = after_anchor(text, after, "after") if after is not None else 0
    spans = []
    for k, piece in enumerate(pieces):
        hits = occurrences(text, piece, start)
        if not hits:
            where = f" after {after!r}" if after is not None and k == 0 else ""
            raise AnnotationError(f"content piece {k + 1} {piece!r} not found{where}")
        if k == 0 and after is None and len(hits) > 1:
            warn(f"content {piece[:40]!r} occurs {len(hits)} times; the first is taken (add `after` to pick another)")
        spans.append((hits[0], hits[0] + len(piece)))
        start = hits[0] + len(piece)
    return spans


def single_line(s):
    return re.sub(r"\s*\n\s*", " ", s)


def convert(corpus, name):
    yml_path = os.path.join(corpus, "yaml", name + ".yml")
    with open(yml_path, encoding="utf-8") as f:
        try:
            doc = yaml.safe_load(f)
        except yaml.YAMLError as e:
            raise AnnotationError(f"{yml_path}: not valid YAML: {e}".replace("\n", " "))
    if not isinstance(doc, dict) or "text" not in doc:
        raise AnnotationError(f"{yml_path}: expected a mapping with `text` and `attributions`")
    txt_path = os.path.join(corpus, "text", doc["text"])
    with open(txt_path, encoding="utf-8", newline="") as f:
        text = f.read()
    paras = paragraphs(text)
    items = doc.get("attributions") or []
    lines = []
    notes = []
    t = 0
    for index, item in enumerate(items, start=1):
        where = f"{yml_path}: attribution {index}"

        def warn(message):
            print(f"annotate.py: warning: {where}: {message}", file=sys.stderr)

        try:
            if not isinstance(item, dict):
                raise AnnotationError("expected a mapping")
            unknown = set(item) - KNOWN_KEYS
            if unknown:
                raise AnnotationError(f"unknown key(s) {', '.join(sorted(unknown))}")
            content = item.get("content")
            pieces = content if isinstance(content, list) else [content]
            if not pieces or not all(isinstance(p, str) and p for p in pieces):
                raise AnnotationError("content must be a non-empty string or a list of them")
            for key in ("after", "source", "cue", "name", "source_after", "cue_after"):
                if key in item and not (isinstance(item[key], str) and item[key].strip()):
                    raise AnnotationError(f"{key} must be a non-empty string")
            if item.get("name") and "source" not in item:
                raise AnnotationError("name given without a source to attach it to")
            if item.get("name") and item.get("anonymous"):
                raise AnnotationError("both name and anonymous")
            spans = locate_content(text, pieces, item.get("after"), warn)
            for key in ("source", "cue"):
                if key + "_after" in item and key not in item:
                    raise AnnotationError(f"{key}_after without {key}")

            def place(key):
                if key not in item:
                    return None
                if key + "_after" in item:
                    return first_after(text, item[key], item[key + "_after"], key)
                return nearest(text, item[key], spans, paras, key)

            source = place("source")
            cue = place("cue")
        except AnnotationError as e:
            raise AnnotationError(f"{where}: {e}")

        arguments = []
        if source:
            t += 1
            lines.append(f"T{t}\tSource {source[0]} {source[1]}\t{single_line(text[source[0]:source[1]])}")
            arguments.append(f"Source:T{t}")
            if item.get("name"):
                notes.append((f"T{t}", single_line(item["name"].strip())))
        if cue:
            t += 1
            lines.append(f"T{t}\tCue {cue[0]} {cue[1]}\t{single_line(text[cue[0]:cue[1]])}")
            arguments.append(f"Cue:T{t}")
        t += 1
        offsets = ";".join(f"{s} {e}" for s, e in spans)
        pieces_text = " ".join(single_line(text[s:e]) for s, e in spans)
        lines.append(f"T{t}\tContent {offsets}\t{pieces_text}")
        arguments.insert(0, f"Content:T{t}")
        # PolNeAR puts the Attribution trigger on the cue; without one, on the content's start.
        trigger = cue or spans[0]
        t += 1
        lines.append(f"T{t}\tAttribution {trigger[0]} {trigger[1]}\t{single_line(text[trigger[0]:trigger[1]])}")
        # PolNeAR's argument order: Attribution, Content, Cue, Source.
        ordered = sorted(arguments, key=lambda a: ["Content", "Cue", "Source"].index(a.split(":")[0]))
        lines.append(f"E{index}\tAttribution:T{t} " + " ".join(ordered))
    for k, (target, note) in enumerate(notes, start=1):
        lines.append(f"#{k}\tAnnotatorNotes {target}\t{note}")
    out_path = os.path.join(corpus, "attributions", name + "_qc01.ann")
    os.makedirs(os.path.dirname(out_path), exist_ok=True)
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(line + "\n" for line in lines))
    return len(items)


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if len(argv) >= 2 else 2
    corpus = argv[1]
    names = argv[2:] or sorted(f[:-4] for f in os.listdir(os.path.join(corpus, "yaml")) if f.endswith(".yml"))
    failed = 0
    total = 0
    for name in names:
        try:
            total += convert(corpus, name)
        except (AnnotationError, OSError) as e:
            print(f"annotate.py: error: {e}", file=sys.stderr)
            failed += 1
    print(f"annotate.py: {len(names) - failed} of {len(names)} files converted, {total} attributions", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
