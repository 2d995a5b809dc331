"""Extract claim records from a directory of articles with Spark, through `quotecheck extract --jsonl-in`.

    python quotecheck_spark.py ARTICLES_DIR OUTPUT_DIR [--quotecheck PATH] [--partitions N] [--master local[2]]

Each article becomes one JSON line, {"id": path, "text": …} (or "html" for .html files); Spark's
RDD.pipe streams each partition through one quotecheck process, which answers with the claim
records of each article in input order. OUTPUT_DIR gets Spark's part-NNNNN files of records:
the same records `quotecheck corpus ARTICLES_DIR` writes, as long as the articles are UTF-8
(a Python string cannot carry invalid bytes unchanged).
"""

import argparse
import json
import os
import shlex

from pyspark.sql import SparkSession

DOCUMENT_EXTENSIONS = {".txt", ".text", ".html", ".htm", ".xhtml", ".shtml"}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml"}


def article_paths(root):
    """Every document below root, as `quotecheck corpus root` names them (root joined with the relative path)."""
    found = []
    for directory, _, names in os.walk(root):
        for name in names:
            if os.path.splitext(name)[1].lower() in DOCUMENT_EXTENSIONS:
                found.append(os.path.join(directory, name))
    return sorted(found)


def as_json_line(path):
    # newline="" keeps CRLF as it is in the file, so offsets and hashes match `corpus`.
    with open(path, encoding="utf-8", newline="") as handle:
        text = handle.read()
    key = "html" if os.path.splitext(path)[1].lower() in HTML_EXTENSIONS else "text"
    return json.dumps({"id": path, key: text})


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("articles")
    parser.add_argument("output")
    parser.add_argument("--quotecheck", default="quotecheck", help="the quotecheck executable (every executor runs it)")
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--master", default="local[2]")
    options = parser.parse_args()

    spark = SparkSession.builder.master(options.master).appName("quotecheck").getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    paths = article_paths(options.articles)
    records = (
        spark.sparkContext.parallelize(paths, options.partitions)
        .map(as_json_line)
        .pipe(shlex.join([os.path.abspath(options.quotecheck) if os.path.sep in options.quotecheck else options.quotecheck, "extract", "--jsonl-in"]))
    )
    records.saveAsTextFile(options.output)
    spark.stop()


if __name__ == "__main__":
    main()
