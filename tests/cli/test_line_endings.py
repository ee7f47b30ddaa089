"""LF, CRLF and a bare CR are all line ends: every result is the same.

Each posting (the examples, and the reference corpus's postings when
JDCLASS_CORPUS_DIR has them; "skipped" otherwise) is written three ways,
with its line ends made LF, CR and CRLF, and classified by the CLI with
--json. LF and CR have the same length, so their JSON must be
byte-identical (apart from the "file" key); CRLF adds one byte per line, so
everything but the offsets must be identical (labels, scores, terms,
sections, signal ids, seniority, salary, work terms, market).

Run by ctest as cli_line_endings with JDCLASS_CLI, JDCLASS_SOURCE_DIR and
JDCLASS_CORPUS_DIR in the environment.
"""

import json
import os
import subprocess
import tempfile
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ.get("JDCLASS_SOURCE_DIR",
                                  Path(__file__).resolve().parents[2]))
CLI = os.environ.get("JDCLASS_CLI", str(SOURCE_DIR / "build" / "jdclass"))
CORPUS = Path(os.environ.get("JDCLASS_CORPUS_DIR",
                             SOURCE_DIR.parent / "shared" / "corpus"))
ENDINGS = {"lf": b"\n", "cr": b"\r", "crlf": b"\r\n"}


def without_offsets(obj):
    """The object without "file" and without any start/end offset."""
    if isinstance(obj, dict):
        return {k: without_offsets(v) for k, v in obj.items()
                if k not in ("start", "end", "file")}
    if isinstance(obj, list):
        return [without_offsets(v) for v in obj]
    return obj


def classify_three_ways(files):
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for kind, nl in ENDINGS.items():
            d = Path(tmp) / kind
            d.mkdir()
            names = []
            for i, f in enumerate(files):
                text = f.read_bytes().replace(b"\r\n", b"\n")
                text = text.replace(b"\r", b"\n").replace(b"\n", nl)
                p = d / f"{i:04d}{f.suffix}"
                p.write_bytes(text)
                names.append(str(p))
            r = subprocess.run([CLI, "--json", *names], capture_output=True,
                               timeout=300, check=False)
            assert r.returncode == 0, r.stderr.decode(errors="replace")
            lines = r.stdout.decode("utf-8").splitlines()
            assert len(lines) == len(files)
            results[kind] = [json.loads(line) for line in lines]
    diffs = []
    for i, f in enumerate(files):
        lf, cr, crlf = (results[k][i] for k in ENDINGS)
        for o in (lf, cr, crlf):
            o.pop("file")
        if lf != cr:
            diffs.append(f"{f}: CR differs from LF: label {lf['label']} -> "
                         f"{cr['label']}, seniority "
                         f"{lf['seniority']['level']} -> "
                         f"{cr['seniority']['level']}")
        if without_offsets(lf) != without_offsets(crlf):
            diffs.append(f"{f}: CRLF differs from LF: label {lf['label']} "
                         f"-> {crlf['label']}")
    return diffs


def test_examples():
    files = sorted(p for p in (SOURCE_DIR / "examples").glob("*.md")
                   if p.name != "README.md")
    assert len(files) >= 4
    diffs = classify_three_ways(files)
    assert not diffs, "\n".join(diffs)


def test_corpus():
    postings = CORPUS / "postings"
    if not postings.is_dir():
        print(f"skipped: {postings} is absent")
        pytest.skip(f"{postings} is absent")
    files = sorted(p for p in postings.iterdir() if p.is_file())
    assert files
    diffs = classify_three_ways(files)
    assert not diffs, f"{len(diffs)} of {len(files)} postings differ:\n" + \
        "\n".join(diffs[:20])
