#!/usr/bin/env python3
"""Extract claim records from a directory of articles with Spark.

Every .txt/.html file below INPUT becomes one JSON line {"id": <path relative to INPUT>,
"uri": <INPUT joined with that path>, "text" or "html": <the file's content>}; the RDD of
those lines goes through `quotecheck extract --jsonl-in` with RDD.pipe, and the records are
saved with saveAsTextFile under OUTPUT (part-00000, part-00001, ...).

The uri is the path exactly as `quotecheck corpus INPUT` names the file, so the records are
byte for byte those of `corpus`; pass --uri id to name documents by the relative path instead.

Lines quotecheck could not process come back as {"error": ..., "id": ..., "line": ...}
objects. They are kept out of OUTPUT, printed on stderr, and make this script exit with
status 1. (PySpark's pipe ignores the subprocess's exit status unless checkCode=True, so the
error objects are how failures reach the driver.)

Local mode:  python run.py --quotecheck .build/release/quotecheck INPUT OUTPUT
Cluster:     spark-submit --files .build/release/quotecheck run.py --quotecheck ./quotecheck INPUT OUTPUT
"""

import argparse
import json
import os
import shutil
import sys
import time

from pyspark.sql import SparkSession

HTML_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_EXTENSIONS = {".txt", ".text"}


def relative_paths(root):
    """Every document below root, relative to it, in the sorted order `corpus` uses."""
    found = []
    for directory, _, names in os.walk(root):
        for name in names:
            extension = os.path.splitext(name)[1].lower()
            if extension in HTML_EXTENSIONS or extension in TEXT_EXTENSIONS:
                found.append(os.path.relpath(os.path.join(directory, name), root))
    # `corpus` sorts the full paths; the root is a common prefix, so sorting the rest is the same.
    return sorted(found, key=lambda path: os.path.join(root, path))


def json_line(root, relative, uri_mode):
    """One document as a JSON line; runs on the executors, which read the file themselves."""
    path = os.path.join(root, relative)
    with open(path, "rb") as handle:
        raw = handle.read()
    # Decoded strictly: a JSON string carries Unicode text, and only valid UTF-8 comes back as
    # the same bytes, which record offsets and hashes depend on. A file in another encoding
    # gets an "invalid" marker line that quotecheck reports as an error for that id.
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return json.dumps({"id": relative, "uri": path, "invalid": f"not UTF-8: {error}"})
    key = "html" if os.path.splitext(relative)[1].lower() in HTML_EXTENSIONS else "text"
    uri = path if uri_mode == "path" else relative
    # ensure_ascii=False keeps non-ASCII text as UTF-8 rather than \u escapes: smaller lines,
    # same decoded string. JSON escapes newlines, so each document stays one line.
    return json.dumps({"id": relative, "uri": uri, key: content}, ensure_ascii=False)


def is_error(line):
    return line.startswith('{"error":')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="directory of .txt/.html articles (read by the executors: a shared path on a cluster)")
    parser.add_argument("output", help="directory for the records (replaced if it exists and --overwrite is given)")
    parser.add_argument("--quotecheck", default=shutil.which("quotecheck") or "quotecheck",
                        help="the quotecheck binary as the executors see it (default: quotecheck on PATH)")
    parser.add_argument("--partitions", type=int, default=None,
                        help="number of partitions, i.e. quotecheck processes (default: Spark's default parallelism)")
    parser.add_argument("--jobs", type=int, default=1, help="--jobs for each quotecheck process (default 1)")
    parser.add_argument("--uri", choices=["path", "id"], default="path",
                        help="what records name documents by: the path as corpus names it (default), or the relative path")
    parser.add_argument("--master", default=None, help="Spark master when not run by spark-submit (default local[*])")
    parser.add_argument("--overwrite", action="store_true", help="remove OUTPUT first if it exists")
    arguments = parser.parse_args()

    if arguments.overwrite and os.path.isdir(arguments.output):
        shutil.rmtree(arguments.output)

    # No console progress bar: it overwrites itself on stderr, which is noise in logs and CI.
    builder = SparkSession.builder.appName("quotecheck-extract").config("spark.ui.showConsoleProgress", "false")
    if arguments.master or "SPARK_MASTER" not in os.environ:
        builder = builder.master(arguments.master or os.environ.get("SPARK_MASTER", "local[*]"))
    spark = builder.getOrCreate()
    context = spark.sparkContext
    context.setLogLevel("WARN")

    # Session start (a JVM, tens of seconds) is timed apart from the job itself.
    started = time.monotonic()
    root = arguments.input
    paths = relative_paths(root)
    if not paths:
        print(f"run.py: {root}: no .txt or .html documents found", file=sys.stderr)
        return 1
    # parallelize cuts the sorted list into contiguous slices and saveAsTextFile numbers the
    # parts by slice, so the parts read in order are the records in corpus order.
    documents = context.parallelize(paths, arguments.partitions or context.defaultParallelism)
    uri_mode = arguments.uri
    lines = documents.map(lambda relative: json_line(root, relative, uri_mode))
    command = f"{arguments.quotecheck} extract --jsonl-in --jobs {arguments.jobs}"
    output = lines.pipe(command).cache()

    errors = output.filter(is_error).collect()
    output.filter(lambda line: not is_error(line)).saveAsTextFile(arguments.output)
    for error in errors:
        print(f"run.py: {error}", file=sys.stderr)
    seconds = time.monotonic() - started
    print(f"run.py: {len(paths)} documents, {len(errors)} failed, {seconds:.1f} s after session start, records in {arguments.output}", file=sys.stderr)
    spark.stop()
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
