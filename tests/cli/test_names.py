"""File names with newlines, control characters or backslashes cannot
split or forge the CLI's messages: on stderr and in the text output they
are escaped (\\n, \\t, \\r, \\xHH, \\\\); in JSON they are JSON-escaped.

Run by ctest as cli_names with JDCLASS_CLI and JDCLASS_SOURCE_DIR set.
"""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

SOURCE_DIR = Path(os.environ.get("JDCLASS_SOURCE_DIR",
                                  Path(__file__).resolve().parents[2]))
CLI = os.environ.get("JDCLASS_CLI", str(SOURCE_DIR / "build" / "jdclass"))
POSTING = SOURCE_DIR / "examples" / "llmops-engineer.md"


def run(args):
    return subprocess.run([CLI, *args], capture_output=True, timeout=60,
                          check=False)


def test_missing_file_with_newline_is_one_line_on_stderr():
    with tempfile.TemporaryDirectory() as tmp:
        name = os.path.join(tmp, "no\nsuch\tfile\x1b[31m.md")
        r = run([name])
        assert r.returncode == 1
        err = r.stderr.decode()
        assert err.count("\n") == 1, err
        assert "no\\nsuch\\tfile\\x1B[31m.md: No such file" in err, err
        assert "\x1b" not in err


def test_text_and_json_output_escape_the_name():
    with tempfile.TemporaryDirectory() as tmp:
        name = os.path.join(tmp, "a\nb\\c\r.md")
        shutil.copy(POSTING, name)
        r = run([name])
        assert r.returncode == 0, r.stderr
        first = r.stdout.decode().split("\n")[0]
        assert first == os.path.join(tmp, "a\\nb\\\\c\\r.md"), first
        r = run(["--json", name])
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)["file"] == name


def test_model_directory_name_is_escaped():
    with tempfile.TemporaryDirectory() as tmp:
        r = run(["--model", os.path.join(tmp, "m\nx"), str(POSTING)])
        assert r.returncode == 2
        err = r.stderr.decode()
        assert err.count("\n") == 1 and "m\\nx" in err, err
