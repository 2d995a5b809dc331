#!/usr/bin/env python3
"""Write or check a corpus's SOURCES.tsv: where each text/NAME.txt came from.

Usage:
    sources.py CORPUS_DIR SHARED_DATA_DIR          write CORPUS_DIR/SOURCES.tsv
    sources.py --check CORPUS_DIR [SHARED_DATA_DIR] check it

A text named web-NAME.txt was loaded from webpages/pages/NAME.html, any other NAME.txt from
news-pages/pages/NAME.html (paths relative to SHARED_DATA_DIR, e.g. ../shared/data). Each row
gives the name, that path, the SHA-256 of the HTML and of the text. --check fails when a text
has no row, a row has no text, or a text's hash differs; the HTML hashes are checked too when
SHARED_DATA_DIR is given and holds the page.
"""

import hashlib
import os
import sys

HEADER = ["name", "source", "html_sha256", "txt_sha256"]


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def source_of(name):
    if name.startswith("web-"):
        return f"webpages/pages/{name[4:]}.html"
    return f"news-pages/pages/{name}.html"


def texts(corpus):
    folder = os.path.join(corpus, "text")
    return sorted(f[:-4] for f in os.listdir(folder) if f.endswith(".txt"))


def write(corpus, shared):
    rows = ["\t".join(HEADER)]
    for name in texts(corpus):
        source = source_of(name)
        rows.append("\t".join([name, source, sha256(os.path.join(shared, source)), sha256(os.path.join(corpus, "text", name + ".txt"))]))
    with open(os.path.join(corpus, "SOURCES.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(rows) + "\n")
    return 0


def check(corpus, shared):
    path = os.path.join(corpus, "SOURCES.tsv")
    problems = []
    rows = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            fields = line.rstrip("\n").split("\t")
            if number == 1:
                if fields != HEADER:
                    problems.append(f"{path}:1: header is not {' '.join(HEADER)}")
                continue
            if len(fields) != 4:
                problems.append(f"{path}:{number}: expected 4 tab-separated fields")
                continue
            rows[fields[0]] = (number, fields)
    names = texts(corpus)
    for name in names:
        if name not in rows:
            problems.append(f"{path}: no row for text/{name}.txt")
            continue
        number, (_, source, html_hash, txt_hash) = rows[name]
        if sha256(os.path.join(corpus, "text", name + ".txt")) != txt_hash:
            problems.append(f"{path}:{number}: text/{name}.txt does not have the recorded SHA-256")
        page = os.path.join(shared, source) if shared else None
        if page and os.path.exists(page) and sha256(page) != html_hash:
            problems.append(f"{path}:{number}: {source} does not have the recorded SHA-256")
    for name in sorted(set(rows) - set(names)):
        problems.append(f"{path}:{rows[name][0]}: row for {name}, which has no text")
    for problem in problems:
        print(f"sources.py: {problem}", file=sys.stderr)
    return 1 if problems else 0


def main(argv):
    if len(argv) >= 3 and argv[1] == "--check":
        return check(argv[2], argv[3] if len(argv) > 3 else None)
    if len(argv) == 3 and not argv[1].startswith("-"):
        return write(argv[1], argv[2])
    print(__doc__.strip(), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
