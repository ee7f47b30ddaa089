"""Shared paths and helpers of the Python binding tests (see README.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import pytest

SOURCE_DIR = Path(os.environ.get("JDCLASS_SOURCE_DIR",
                                  Path(__file__).resolve().parents[2]))
BINDINGS_DIR = SOURCE_DIR / "bindings" / "python"
HEADER = SOURCE_DIR / "include" / "jdclass.h"
EXAMPLES = sorted((SOURCE_DIR / "examples").glob("*.md"))
MODELS_DIR = SOURCE_DIR / "models"
CLI = os.environ.get("JDCLASS_CLI", "")
LAYOUT = os.environ.get("JDCLASS_LAYOUT", "")
CORPUS_DIR = Path(os.environ.get("JDCLASS_CORPUS_DIR",
                                  SOURCE_DIR.parent / "shared" / "corpus"))
SANITIZED = os.environ.get("JDCLASS_SANITIZED") == "1"
PYTHON = sys.executable
TIMEOUT = 300

# The bindings must come from this source tree, not an installed copy.
if str(BINDINGS_DIR) not in sys.path:
    sys.path.insert(0, str(BINDINGS_DIR))


def corpus_postings() -> List[Path]:
    """The corpus postings, or skip the test ("skipped: no corpus")."""
    d = CORPUS_DIR / "postings"
    files = sorted(p for p in d.glob("*") if p.is_file()) if d.is_dir() \
        else []
    if not files:
        pytest.skip(f"skipped: no corpus ({d} absent or empty)")
    return files


def need_cli() -> str:
    """Path of the jdclass CLI, or skip when JDCLASS_CLI is not set."""
    if not CLI or not os.access(CLI, os.X_OK):
        pytest.skip("JDCLASS_CLI is not set to the built jdclass executable")
    return CLI


def run(cmd: Sequence[str], *, stdin: bytes = b"", cwd: Path = SOURCE_DIR,
        env: Optional[Dict[str, str]] = None,
        timeout: int = TIMEOUT) -> subprocess.CompletedProcess:
    """Run a command; stdout/stderr as bytes."""
    return subprocess.run(list(cmd), input=stdin, cwd=cwd, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=timeout, check=False)


def cli_json(files: Sequence[Path], cwd: Path = SOURCE_DIR) -> List[dict]:
    """`jdclass --json FILE...` parsed, one object per file."""
    p = run([need_cli(), "--json", *map(str, files)], cwd=cwd)
    assert p.returncode == 0, p.stderr.decode(errors="replace")
    lines = p.stdout.decode("utf-8").splitlines()
    assert len(lines) == len(files)
    return [json.loads(line) for line in lines]


def python_env(**extra: str) -> Dict[str, str]:
    """os.environ for a child Python, with `extra` set (a value of "" drops
    the variable)."""
    env = dict(os.environ)
    for k, v in extra.items():
        if v == "":
            env.pop(k, None)
        else:
            env[k] = v
    return env
