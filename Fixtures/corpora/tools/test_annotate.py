#!/usr/bin/env python3
"""Tests of annotate.py: python3 Fixtures/corpora/tools/test_annotate.py"""

import os
import subprocess
import sys
import tempfile
import unittest

TOOL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "annotate.py")

TEXT = (
    "Mayor John Tory spoke. “We will build it,” he said, “and soon.”\n"
    "\n"
    "he added that the city would pay. The theme was set.\n"
    "\n"
    "Tory said no. Tory said yes.\n"
    "\n"
    "Tory, maybe, Tory.\n"
)


class AnnotateTests(unittest.TestCase):
    def convert(self, yaml_text):
        """Runs the tool on a one-page corpus; returns (exit status, stderr, .ann text or None)."""
        with tempfile.TemporaryDirectory() as corpus:
            os.makedirs(os.path.join(corpus, "text"))
            os.makedirs(os.path.join(corpus, "yaml"))
            with open(os.path.join(corpus, "text", "page.txt"), "w", encoding="utf-8") as f:
                f.write(TEXT)
            with open(os.path.join(corpus, "yaml", "page.yml"), "w", encoding="utf-8") as f:
                f.write("text: page.txt\nattributions:\n" + yaml_text)
            run = subprocess.run([sys.executable, TOOL, corpus], capture_output=True, text=True)
            ann_path = os.path.join(corpus, "attributions", "page_qc01.ann")
            ann = open(ann_path, encoding="utf-8").read() if os.path.exists(ann_path) else None
            return run.returncode, run.stderr, ann

    def spans(self, ann, label):
        for line in ann.splitlines():
            fields = line.split("\t")
            if fields[0].startswith("T") and fields[1].split(" ")[0] == label:
                yield fields[1].split(" ", 1)[1], fields[2]

    def test_split_quote_source_cue_and_note(self):
        status, _, ann = self.convert(
            '  - content: ["“We will build it,”", "“and soon.”"]\n'
            '    source: "he"\n    cue: "said"\n    name: "John Tory"\n'
        )
        self.assertEqual(status, 0)
        start = TEXT.index("“We")
        second = TEXT.index("“and")
        self.assertEqual(list(self.spans(ann, "Content")), [(f"{start} {start + 19};{second} {second + 11}", "“We will build it,” “and soon.”")])
        he = TEXT.index(" he said") + 1
        self.assertEqual(list(self.spans(ann, "Source")), [(f"{he} {he + 2}", "he")])
        self.assertEqual(list(self.spans(ann, "Attribution")), [(f"{he + 3} {he + 7}", "said")])
        self.assertIn("E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1", ann)
        self.assertIn("#1\tAnnotatorNotes T1\tJohn Tory", ann)

    def test_a_mention_in_the_contents_paragraph_wins_over_a_nearer_one_next_door(self):
        # "he" opens the next paragraph, nearer to the content's end than "he" before "said".
        status, _, ann = self.convert('  - content: "“and soon.”"\n    source: "he"\n    cue: "said"\n')
        self.assertEqual(status, 0)
        he = TEXT.index(" he said") + 1
        self.assertEqual(list(self.spans(ann, "Source"))[0][0], f"{he} {he + 2}")

    def test_after_picks_the_occurrence(self):
        status, _, ann = self.convert('  - content: "yes"\n    after: "Tory said no."\n    source: "Tory"\n    cue: "said"\n')
        self.assertEqual(status, 0)
        tory = TEXT.index("Tory said yes")
        self.assertEqual(list(self.spans(ann, "Source"))[0][0], f"{tory} {tory + 4}")

    def test_equally_near_mentions_are_an_error(self):
        status, err, ann = self.convert('  - content: "maybe"\n    source: "Tory"\n')
        self.assertEqual(status, 1)
        self.assertIn("page.yml: attribution 1: source 'Tory' is ambiguous", err)
        self.assertIsNone(ann)

    def test_missing_substring_names_file_and_index(self):
        status, err, ann = self.convert(
            '  - content: "the city would pay"\n    source: "he"\n'
            '  - content: "the city would not pay"\n'
        )
        self.assertEqual(status, 1)
        self.assertIn("page.yml: attribution 2: content piece 1 'the city would not pay' not found", err)
        self.assertIsNone(ann)

    def test_name_without_source_and_unknown_keys_are_errors(self):
        status, err, _ = self.convert('  - content: "no"\n    name: "John Tory"\n')
        self.assertEqual(status, 1)
        self.assertIn("name given without a source", err)
        status, err, _ = self.convert('  - content: "no"\n    speaker: "Tory"\n')
        self.assertEqual(status, 1)
        self.assertIn("unknown key(s) speaker", err)


if __name__ == "__main__":
    unittest.main()
