"""examples/dask_classify.py: the scale-out example gives the CLI's results.

Skipped when Dask (Debian's python3-dask) is not installed.
"""
import json
import os
import subprocess
import sys

import pytest

from conftest import SOURCE_DIR, cli_json, need_cli


def test_dask_example_matches_cli(tmp_path):
    pytest.importorskip("dask.bag", reason="skipped: no dask "
                        "(apt-get install python3-dask)")
    need_cli()
    files = sorted((SOURCE_DIR / "examples").glob("*.md"))
    files = [f for f in files if f.name != "README.md"]
    assert files
    out = tmp_path / "out.jsonl"
    rel = [str(f) for f in files]
    for scheduler in ("threads", "processes"):
        p = subprocess.run(
            [sys.executable, str(SOURCE_DIR / "examples" / "dask_classify.py"),
             "--scheduler", scheduler, "--workers", "2",
             "--partition-size", "2", str(out)] + rel,
            cwd=SOURCE_DIR, env=os.environ.copy(), capture_output=True,
            timeout=300)
        assert p.returncode == 0, p.stderr.decode("utf-8", "replace")
        got = [json.loads(line) for line in out.read_text().splitlines()]
        assert got == cli_json(files), scheduler
