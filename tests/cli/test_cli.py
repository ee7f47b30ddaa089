"""Tests of the jdclass command-line tool.

Run by ctest (tests/cli/CMakeLists.txt), one ctest entry per class, with
    JDCLASS_CLI         path of the built jdclass executable
    JDCLASS_SOURCE_DIR  the source tree (examples/, include/, tests/cli/expected/)
By hand:
    JDCLASS_CLI=build/jdclass JDCLASS_SOURCE_DIR=. \
        /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/cli/test_cli.py

The golden files in tests/cli/expected/ are regenerated with
tests/cli/update-expected.sh after a deliberate change of the scoring or the
model.
"""

import difflib
import json
import math
import os
import random
import re
import subprocess
import tempfile
import unittest
from pathlib import Path

SOURCE_DIR = Path(os.environ.get("JDCLASS_SOURCE_DIR",
                                  Path(__file__).resolve().parents[2]))
CLI = os.environ.get("JDCLASS_CLI", str(SOURCE_DIR / "build" / "jdclass"))
EXPECTED_DIR = SOURCE_DIR / "tests" / "cli" / "expected"
EXAMPLES = sorted(p.name for p in (SOURCE_DIR / "examples").glob("*.md")
                  if p.name != "README.md")
LABELS = {"mlops", "llmops", "hybrid", "other"}
MATCH_TRACKS = {"mlops", "llmops", "ml", "shared", "other"}
TIMEOUT = 60


def run(args, *, stdin=b"", cwd=SOURCE_DIR, timeout=TIMEOUT):
    """Run the CLI; returns the CompletedProcess (stdout/stderr as bytes)."""
    return subprocess.run([CLI, *args], input=stdin, cwd=cwd,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=timeout, check=False)


def json_lines(out: bytes):
    """Parse JSON Lines output strictly (UTF-8, one object per line)."""
    text = out.decode("utf-8")  # the output must be valid UTF-8
    assert text.endswith("\n"), "output does not end with a newline"
    lines = text[:-1].split("\n")
    objs = []
    for i, line in enumerate(lines):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise AssertionError(f"line {i + 1} is not valid JSON ({e}): "
                                 f"{line[:300]!r}") from None
        assert isinstance(obj, dict), f"line {i + 1} is not a JSON object"
        objs.append(obj)
    return objs


def parse_csv(out: bytes, delimiter=","):
    """Parse --format csv/tsv output with Python's csv module: a list of
    dicts keyed by the header."""
    import csv
    import io
    text = out.decode("utf-8")
    quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
    rows = list(csv.reader(io.StringIO(text, newline=""),
                           delimiter=delimiter, quoting=quoting, strict=True))
    header, body = rows[0], rows[1:]
    for row in body:
        assert len(row) == len(header), row
    return [dict(zip(header, row)) for row in body]


def check_result(tc: unittest.TestCase, obj: dict, data: bytes, name=None):
    """Check one --json object against the documented schema and against
    the bytes of the input it came from."""
    for key in ("label", "score", "scores", "matches"):
        tc.assertIn(key, obj)
    if name is not None:
        tc.assertEqual(obj.get("file"), name)
    tc.assertIn(obj["label"], LABELS)
    tc.assertIsInstance(obj["score"], (int, float))
    tc.assertGreaterEqual(obj["score"], 0.0)
    tc.assertLessEqual(obj["score"], 1.0)
    tc.assertIsInstance(obj["scores"], dict)
    for t in ("mlops", "llmops"):
        tc.assertIn(t, obj["scores"])
        tc.assertIsInstance(obj["scores"][t], (int, float))
        tc.assertGreaterEqual(obj["scores"][t], 0.0)
        tc.assertLessEqual(obj["scores"][t], 1.0)
    if "model" in obj:
        tc.assertIsInstance(obj["model"].get("name"), str)
        tc.assertIsInstance(obj["model"].get("version"), str)
    tc.assertIsInstance(obj["matches"], list)
    # Plain checks in the loop: a 5 MB input has ~750k matches.
    layer_re = re.compile(r"[a-z0-9-]{1,40}")
    prev_start = -1
    size = len(data)
    for i, m in enumerate(obj["matches"]):
        start, end = m.get("start"), m.get("end")
        problem = None
        if not isinstance(m, dict) or not all(
                k in m for k in ("term", "track", "layer", "start", "end")):
            problem = "missing keys"
        elif not isinstance(m["term"], str) or not m["term"]:
            problem = "bad term"
        elif m["track"] not in MATCH_TRACKS:
            problem = "bad track"
        elif not isinstance(m["layer"], str) or not layer_re.fullmatch(m["layer"]):
            problem = "bad layer"
        elif type(start) is not int or type(end) is not int:
            problem = "start/end are not integers"
        elif not 0 <= start < end <= size:
            problem = f"span outside the input ({size} bytes)"
        elif start < prev_start:
            problem = "matches not ordered by start"
        elif "title" in m and not isinstance(m["title"], bool):
            problem = "title is not a boolean"
        else:
            span = data[start:end].lower()
            if not span.strip():
                problem = f"empty matched text {span!r}"
            elif span[:1].isspace() or span[-1:].isspace():
                # A match covers whole tokens: no surrounding whitespace.
                problem = f"matched text {span!r} starts or ends with a space"
        if problem:
            tc.fail(f"match {i}: {problem}: {m}")
        prev_start = start
    if not obj["matches"]:
        # Nothing found: nothing to go on.
        tc.assertEqual(obj["scores"], {"mlops": 0, "llmops": 0})


def readme_labels():
    """{example file: expected label} from the table in examples/README.md."""
    text = (SOURCE_DIR / "examples" / "README.md").read_text(encoding="utf-8")
    labels = {}
    for line in text.splitlines():
        m = re.match(r"^\|\s*`([^`]+\.md)`\s*\|.*\|\s*`(\w+)`\s*\|\s*$", line)
        if m:
            labels[m.group(1)] = m.group(2)
    return labels


def header_version():
    text = (SOURCE_DIR / "include" / "jdclass.h").read_text(encoding="utf-8")
    m = re.search(r'^#define\s+JDC_VERSION_STRING\s+"([^"]+)"', text, re.M)
    assert m, "JDC_VERSION_STRING not found in include/jdclass.h"
    return m.group(1)


class CliTestCase(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.assertTrue(os.access(CLI, os.X_OK), f"no executable CLI at {CLI}")
        self._tmp = tempfile.TemporaryDirectory(prefix="jdc-cli-")
        self.tmp = Path(self._tmp.name)

    def tearDown(self):
        self._tmp.cleanup()

    def assertOk(self, p, what=""):
        self.assertEqual(p.returncode, 0,
                         f"{what}: exit {p.returncode}, stderr: "
                         f"{p.stderr.decode(errors='replace')}")


class TestGolden(CliTestCase):
    """Readable and --json output of every example equals the golden files
    (tests/cli/expected/NAME.txt and NAME.json)."""

    def compare(self, got: bytes, path: Path):
        self.assertTrue(path.exists(),
                        f"{path} is missing: run tests/cli/update-expected.sh")
        want = path.read_bytes()
        if got != want:
            a = want.decode(errors="replace")
            b = got.decode(errors="replace")
            if path.suffix == ".json":
                # One long line: diff an indented form to show what changed.
                try:
                    a = "".join(json.dumps(json.loads(x), indent=1) + "\n"
                                for x in a.splitlines())
                    b = "".join(json.dumps(json.loads(x), indent=1) + "\n"
                                for x in b.splitlines())
                except json.JSONDecodeError:
                    pass
            diff = "".join(difflib.unified_diff(
                a.splitlines(True), b.splitlines(True),
                fromfile=str(path), tofile="jdclass output"))
            self.fail(f"output differs from {path.name} (if the change is "
                      f"intended, run tests/cli/update-expected.sh):\n{diff}")

    def test_examples_exist(self):
        self.assertEqual(len(EXAMPLES), 4, EXAMPLES)

    def test_text(self):
        for name in EXAMPLES:
            with self.subTest(example=name):
                p = run([f"examples/{name}"])
                self.assertOk(p, name)
                self.assertEqual(p.stderr, b"")
                self.compare(p.stdout, EXPECTED_DIR / (name[:-3] + ".txt"))

    def test_json(self):
        for name in EXAMPLES:
            with self.subTest(example=name):
                p = run(["--json", f"examples/{name}"])
                self.assertOk(p, name)
                self.assertEqual(p.stderr, b"")
                self.compare(p.stdout, EXPECTED_DIR / (name[:-3] + ".json"))
                [obj] = json_lines(p.stdout)
                self.assertEqual(obj["file"], f"examples/{name}")

    def test_no_stale_expected_files(self):
        stems = {n[:-3] for n in EXAMPLES}
        for f in EXPECTED_DIR.iterdir():
            if f.suffix in (".txt", ".json"):
                self.assertIn(f.stem, stems, f"{f} has no example")


class TestExampleLabels(CliTestCase):
    """Each example gets the label examples/README.md gives it."""

    def test_readme_lists_every_example(self):
        self.assertEqual(sorted(readme_labels()), EXAMPLES)

    def test_labels(self):
        expected = readme_labels()
        self.assertEqual(set(expected.values()), LABELS)
        got = {}
        for name in EXAMPLES:
            p = run(["--json", f"examples/{name}"])
            self.assertOk(p, name)
            [obj] = json_lines(p.stdout)
            got[name] = obj["label"]
        wrong = {n: f"got {got[n]}, README says {expected.get(n)}"
                 for n in EXAMPLES if got[n] != expected.get(n)}
        self.assertEqual(wrong, {}, "examples with the wrong label")


class TestJsonSchema(CliTestCase):
    """--json output: valid JSON with the documented keys; match spans lie
    inside the input and cover text."""

    def test_examples(self):
        for name in EXAMPLES:
            with self.subTest(example=name):
                p = run(["--json", f"examples/{name}"])
                self.assertOk(p, name)
                [obj] = json_lines(p.stdout)
                data = (SOURCE_DIR / "examples" / name).read_bytes()
                check_result(self, obj, data, f"examples/{name}")
                self.assertTrue(obj["matches"], f"{name}: no matches at all")
                self.assertIn("model", obj)

    def test_key_order(self):
        p = run(["--json", "examples/" + EXAMPLES[0]])
        self.assertOk(p)
        [obj] = json_lines(p.stdout)
        keys = list(obj)
        self.assertEqual(keys[:4], ["file", "label", "score", "scores"])
        self.assertEqual(list(obj["scores"]), ["mlops", "llmops"])

    def test_absolute_path(self):
        path = SOURCE_DIR / "examples" / EXAMPLES[0]
        p = run(["--json", str(path)], cwd=self.tmp)
        self.assertOk(p)
        [obj] = json_lines(p.stdout)
        check_result(self, obj, path.read_bytes(), str(path))

    def test_text_and_json_agree(self):
        for name in EXAMPLES:
            with self.subTest(example=name):
                pj = run(["--json", f"examples/{name}"])
                pt = run([f"examples/{name}"])
                self.assertOk(pj)
                self.assertOk(pt)
                [obj] = json_lines(pj.stdout)
                text = pt.stdout.decode("utf-8")
                self.assertTrue(text.startswith(f"examples/{name}\n"))
                self.assertIn(f"  label:  {obj['label']} "
                              f"(score {obj['score']:.2f})", text)
                for m in obj["matches"]:
                    self.assertIn(m["term"], text)


class TestHostileInputs(CliTestCase):
    """Whatever the bytes or the file name, the CLI exits 0 and prints valid
    JSON (and its readable form does not crash)."""

    def classify(self, data: bytes, name="input.bin", *, text_too=True):
        path = self.tmp / name
        path.write_bytes(data)
        p = run(["--json", name], cwd=self.tmp)
        self.assertOk(p, name)
        [obj] = json_lines(p.stdout)
        check_result(self, obj, data, name)
        if text_too:
            pt = run([name], cwd=self.tmp)
            self.assertOk(pt, name)
            self.assertTrue(pt.stdout.startswith(name.encode() + b"\n"))
        return obj

    def test_empty_file(self):
        obj = self.classify(b"", "empty.md")
        self.assertEqual(obj["label"], "other")
        self.assertEqual(obj["score"], 0)
        self.assertEqual(obj["matches"], [])

    def test_whitespace_only(self):
        obj = self.classify(b" \n\t\r\n\n   \n", "blank.md")
        self.assertEqual(obj["label"], "other")
        self.assertEqual(obj["matches"], [])

    def test_random_bytes(self):
        for seed in (1, 2, 3, 42, 2026):
            with self.subTest(seed=seed):
                data = random.Random(seed).randbytes(64 * 1024)
                self.classify(data, f"random-{seed}.bin")

    def test_random_bytes_with_terms(self):
        # Binary noise interleaved with vocabulary: spans must still be exact.
        rng = random.Random(7)
        words = [b"MLflow", b"Kubeflow", b"feature store", b"RAG", b"LLM",
                 b"vLLM", b"prompt", b"Kubernetes", b"fine-tuning", b"SQL"]
        parts = []
        for _ in range(2000):
            parts.append(rng.randbytes(rng.randrange(0, 12)))
            parts.append(rng.choice(words))
        self.classify(b"".join(parts), "noise-terms.bin")

    def test_invalid_utf8(self):
        data = (b"MLOps Engineer\n"
                b"\xff\xfe MLflow \xc0\x80 Kubeflow \xed\xa0\x80 feature\xc3 "
                b"store \xf4\x90\x80\x80 drift \xe2\x82 monitoring \x80\xbf "
                b"RAG\xf0\x9f pipelines \xf8\x88\x80\x80\x80 LLM \xc1\xbf evals"
                b" caf\xc3\xa9 na\xefve \xe6\x97\xa5\xe6\x9c\xac\n")
        self.classify(data, "invalid-utf8.md")

    def test_truncated_utf8_at_end(self):
        for tail in (b"\xc3", b"\xe2\x82", b"\xf0\x9f\x98"):
            with self.subTest(tail=tail):
                self.classify(b"MLflow model registry " + tail, "trunc.md")

    def test_nul_bytes(self):
        data = (b"ML platform engineer\x00\n\x00MLflow\x00Kubeflow\x00\x00"
                b"feature store\x00 model\x00serving \x00" * 50 + b"\x00")
        obj = self.classify(data, "nul.md")
        for m in obj["matches"]:
            self.assertNotIn(b"\x00", data[m["start"]:m["end"]][:1])

    def test_control_characters(self):
        data = bytes(range(0, 32)) + b" MLflow \x7f Kubeflow \x1b[31mRAG\x1b[0m"
        self.classify(data, "control.md")

    def test_hostile_file_name(self):
        # Quotes, backslashes, a newline, a tab, a control character and an
        # invalid UTF-8 byte in the name: the "file" value must still be a
        # valid JSON string (invalid UTF-8 becomes U+FFFD).
        raw = b'we"ird\\na\nme\t\x01\xff \xc3\xa9.md'
        path = os.path.join(os.fsencode(self.tmp), raw)
        data = b"Senior MLOps engineer: MLflow, Kubeflow, feature store.\n"
        with open(path, "wb") as f:
            f.write(data)
        p = subprocess.run([os.fsencode(CLI), b"--json", raw],
                           cwd=self.tmp, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=TIMEOUT, check=False)
        self.assertOk(p)
        objs = json_lines(p.stdout)
        self.assertEqual(len(objs), 1, "the name broke the one-line output")
        check_result(self, objs[0], data)
        self.assertEqual(objs[0]["file"],
                         'we"ird\\na\nme\t\x01\ufffd \u00e9.md')
        # The readable output survives it too.
        pt = subprocess.run([os.fsencode(CLI), raw], cwd=self.tmp,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            timeout=TIMEOUT, check=False)
        self.assertOk(pt)

    def test_hostile_file_name_missing(self):
        # The error path names the file too and must not crash.
        raw = b'no"such\\file\n\xff.md'
        p = subprocess.run([os.fsencode(CLI), b"--json", raw], cwd=self.tmp,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=TIMEOUT, check=False)
        self.assertEqual(p.returncode, 1)
        self.assertEqual(p.stdout, b"")
        # escaped: the newline cannot split the message (issue 14)
        self.assertIn(b'no"such\\\\file\\n\xff.md: ', p.stderr)
        self.assertEqual(p.stderr.count(b"\n"), 1)

    def test_big_file_one_word(self):
        # 5 MB of one word that is not in the vocabulary.
        word = b"lorem "
        data = word * (5 * 1024 * 1024 // len(word))
        obj = self.classify(data, "lorem.txt", text_too=False)
        self.assertEqual(obj["label"], "other")

    def test_big_file_one_term(self):
        # 5 MB of one vocabulary term: every occurrence is a match.
        word = b"MLflow "
        data = word * (5 * 1024 * 1024 // len(word))
        path = self.tmp / "mlflow.txt"
        path.write_bytes(data)
        p = run(["--json", "mlflow.txt"], cwd=self.tmp, timeout=90)
        self.assertOk(p)
        [obj] = json_lines(p.stdout)
        check_result(self, obj, data, "mlflow.txt")
        self.assertTrue(obj["matches"])
        pt = run(["mlflow.txt"], cwd=self.tmp, timeout=90)
        self.assertOk(pt)
        self.assertIn(b"MLflow (", pt.stdout)

    def test_one_huge_token(self):
        # A single 1 MB "word" with no separators.
        self.classify(b"a" * (1024 * 1024), "token.txt", text_too=False)

    def test_long_lines_and_no_newline(self):
        data = b"MLflow " * 20000  # one 140 KB line, no final newline
        self.classify(data, "oneline.txt")


class TestStdin(CliTestCase):
    """No FILE, or FILE '-', reads standard input."""

    def setUp(self):
        super().setUp()
        self.name = EXAMPLES[0]
        self.data = (SOURCE_DIR / "examples" / self.name).read_bytes()
        p = run(["--json", f"examples/{self.name}"])
        self.assertOk(p)
        [self.from_file] = json_lines(p.stdout)

    def same_result(self, obj):
        a = dict(obj)
        b = dict(self.from_file)
        a.pop("file", None)
        b.pop("file", None)
        self.assertEqual(a, b, "stdin and file results differ")

    def test_no_file_json(self):
        p = run(["--json"], stdin=self.data)
        self.assertOk(p)
        [obj] = json_lines(p.stdout)
        check_result(self, obj, self.data, "-")
        self.same_result(obj)

    def test_dash_json(self):
        p = run(["--json", "-"], stdin=self.data)
        self.assertOk(p)
        [obj] = json_lines(p.stdout)
        check_result(self, obj, self.data, "-")
        self.same_result(obj)

    def test_no_file_text(self):
        p = run([], stdin=self.data)
        self.assertOk(p)
        out = p.stdout.decode("utf-8")
        # stdin is "-" in every output mode (as "file" in --json)
        self.assertTrue(out.startswith("-\n"), out[:200])
        self.assertIn(f"  label:  {self.from_file['label']} ", out)
        # Same body as for the file.
        pf = run([f"examples/{self.name}"])
        self.assertEqual(out.split("\n", 1)[1],
                         pf.stdout.decode("utf-8").split("\n", 1)[1])

    def test_dash_text(self):
        p = run(["-"], stdin=self.data)
        self.assertOk(p)
        self.assertTrue(p.stdout.startswith(b"-\n"))

    def test_same_name_in_every_mode(self):
        text = run(["-"], stdin=self.data).stdout.decode()
        [obj] = json_lines(run(["--json", "-"], stdin=self.data).stdout)
        rows = parse_csv(run(["--format", "csv", "-"], stdin=self.data).stdout)
        self.assertEqual(text.split("\n", 1)[0], "-")
        self.assertEqual(obj["file"], "-")
        self.assertEqual(rows[0]["file"], "-")

    def test_empty_stdin(self):
        p = run(["--json"], stdin=b"")
        self.assertOk(p)
        [obj] = json_lines(p.stdout)
        check_result(self, obj, b"", "-")
        self.assertEqual(obj["label"], "other")
        self.assertEqual(obj["score"], 0)

    def test_stdin_between_files(self):
        a, b = f"examples/{EXAMPLES[1]}", f"examples/{EXAMPLES[2]}"
        p = run(["--json", a, "-", b], stdin=self.data)
        self.assertOk(p)
        objs = json_lines(p.stdout)
        self.assertEqual([o["file"] for o in objs], [a, "-", b])
        self.same_result(objs[1])

    def test_double_dash(self):
        # After "--" every argument is a file name, even "-x".
        (self.tmp / "-x.md").write_bytes(self.data)
        p = run(["--json", "--", "-x.md"], cwd=self.tmp)
        self.assertOk(p)
        [obj] = json_lines(p.stdout)
        self.assertEqual(obj["file"], "-x.md")
        self.same_result(obj)


class TestExitStatus(CliTestCase):
    """0 all classified; 1 some input unreadable (others still printed);
    2 usage errors (including a model that cannot be loaded)."""

    def good(self):
        return f"examples/{EXAMPLES[0]}", f"examples/{EXAMPLES[1]}"

    def test_missing_file_among_good_ones_json(self):
        a, b = self.good()
        p = run(["--json", a, "no-such-file.md", b])
        self.assertEqual(p.returncode, 1)
        objs = json_lines(p.stdout)
        self.assertEqual([o["file"] for o in objs], [a, b])
        err = p.stderr.decode()
        self.assertIn("no-such-file.md", err)
        self.assertIn("No such file or directory", err)
        self.assertNotIn(a, err)

    def test_missing_file_among_good_ones_text(self):
        a, b = self.good()
        p = run([a, "no-such-file.md", b])
        self.assertEqual(p.returncode, 1)
        out = p.stdout.decode()
        self.assertTrue(out.startswith(a + "\n"))
        self.assertIn("\n" + b + "\n", out)
        self.assertLess(out.index(a + "\n"), out.index("\n" + b + "\n"))
        self.assertNotIn("no-such-file.md", out)
        err = p.stderr.decode()
        self.assertIn("no-such-file.md", err)
        self.assertIn("No such file or directory", err)

    def test_missing_file_first_and_last(self):
        a, _ = self.good()
        p = run(["--json", "missing1.md", a, "missing2.md"])
        self.assertEqual(p.returncode, 1)
        self.assertEqual([o["file"] for o in json_lines(p.stdout)], [a])
        err = p.stderr.decode()
        self.assertIn("missing1.md", err)
        self.assertIn("missing2.md", err)

    def test_directory(self):
        a, _ = self.good()
        p = run(["--json", "examples", a])
        self.assertEqual(p.returncode, 1)
        self.assertEqual([o["file"] for o in json_lines(p.stdout)], [a])
        err = p.stderr.decode()
        self.assertIn("examples", err)
        self.assertIn("directory", err.lower())

    def test_unreadable_file(self):
        if os.geteuid() == 0:
            self.skipTest("root can read any file")
        path = self.tmp / "secret.md"
        path.write_bytes(b"MLflow")
        path.chmod(0)
        p = run(["--json", str(path)])
        self.assertEqual(p.returncode, 1)
        self.assertIn("Permission denied", p.stderr.decode())

    def test_unknown_option(self):
        for opt in ("--frobnicate", "-z", "--json=yes"):
            with self.subTest(option=opt):
                p = run([opt, f"examples/{EXAMPLES[0]}"])
                self.assertEqual(p.returncode, 2)
                self.assertEqual(p.stdout, b"")
                err = p.stderr.decode()
                self.assertIn(opt, err)
                # one line with a hint, not the whole help
                self.assertEqual(err.count("\n"), 1, err)
                self.assertTrue(err.startswith("jdclass: "), err)
                self.assertIn("(try 'jdclass --help')", err)
                self.assertNotIn("Usage", err)

    def test_model_without_argument(self):
        for opt in ("--model", "-m"):
            with self.subTest(option=opt):
                p = run([opt])
                self.assertEqual(p.returncode, 2)
                self.assertEqual(p.stdout, b"")
                self.assertTrue(p.stderr)

    def test_model_nonexistent(self):
        for args in (["--model", "/nonexistent"], ["--model=/nonexistent"],
                     ["-m", "/nonexistent"]):
            with self.subTest(args=args):
                p = run([*args, f"examples/{EXAMPLES[0]}"])
                self.assertEqual(p.returncode, 2)
                self.assertEqual(p.stdout, b"")
                self.assertIn("/nonexistent", p.stderr.decode())

    def write_model(self, terms: str, conf=None) -> Path:
        d = self.tmp / "model"
        d.mkdir()
        (d / "model.conf").write_text(
            conf if conf is not None else
            "%format jdclass-model 1\nname = test\nversion = 1.0\n",
            encoding="utf-8")
        (d / "bad.terms").write_text(terms, encoding="utf-8")
        return d

    def test_model_malformed_terms(self):
        d = self.write_model("%format jdclass-terms 1\n"
                             "MLflow | - | mlops | registry | not-a-number | -\n")
        p = run(["--model", str(d), f"examples/{EXAMPLES[0]}"])
        self.assertEqual(p.returncode, 2)
        self.assertEqual(p.stdout, b"")
        err = p.stderr.decode()
        self.assertRegex(err, re.escape(f"{d}/bad.terms") + r":2: \S")

    def test_model_malformed_track(self):
        d = self.write_model("%format jdclass-terms 1\n"
                             "# comment\n"
                             "\n"
                             "MLflow | - | mlop | registry | 3 | literal\n")
        p = run(["--model", str(d)], stdin=b"x")
        self.assertEqual(p.returncode, 2)
        self.assertRegex(p.stderr.decode(),
                         re.escape(f"{d}/bad.terms") + r":4: \S")

    def test_model_malformed_conf(self):
        d = self.write_model("%format jdclass-terms 1\n"
                             "MLflow | - | mlops | registry | 3 | literal\n",
                             conf="%format jdclass-model 1\nname = t\n"
                                  "colour = blue\nversion = 1\n")
        p = run(["--model", str(d)], stdin=b"x")
        self.assertEqual(p.returncode, 2)
        self.assertRegex(p.stderr.decode(),
                         re.escape(f"{d}/model.conf") + r":3: \S")

    def test_model_good(self):
        d = self.write_model("%format jdclass-terms 1\n"
                             "MLflow | ml flow | mlops | registry | 3 | literal\n"
                             "RAG | - | llmops | retrieval | 3 | case\n")
        data = b"MLflow and RAG and ml flow\n"
        p = run(["--model", str(d), "--json"], stdin=data)
        self.assertOk(p)
        [obj] = json_lines(p.stdout)
        check_result(self, obj, data, "-")
        self.assertEqual([m["term"] for m in obj["matches"]],
                         ["MLflow", "RAG", "MLflow"])
        self.assertEqual(obj["model"], {"name": "test", "version": "1.0"})

    def test_model_is_file(self):
        p = run(["--model", f"examples/{EXAMPLES[0]}"], stdin=b"x")
        self.assertEqual(p.returncode, 2)
        self.assertIn(f"examples/{EXAMPLES[0]}", p.stderr.decode())

    def test_model_empty_dir(self):
        d = self.tmp / "empty"
        d.mkdir()
        p = run(["--model", str(d)], stdin=b"x")
        self.assertEqual(p.returncode, 2)
        self.assertIn(str(d), p.stderr.decode())

    def test_write_error(self):
        if not os.path.exists("/dev/full"):
            self.skipTest("no /dev/full")
        with open("/dev/full", "wb") as full:
            p = subprocess.run([CLI, "--json", f"examples/{EXAMPLES[0]}"],
                               cwd=SOURCE_DIR, stdout=full,
                               stderr=subprocess.PIPE, timeout=TIMEOUT,
                               check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("write error", p.stderr.decode())


class TestOptions(CliTestCase):
    """--help, --version and their short forms."""

    def test_help(self):
        for opt in ("--help", "-h"):
            with self.subTest(option=opt):
                p = run([opt])
                self.assertOk(p, opt)
                out = p.stdout.decode()
                self.assertTrue(out.startswith("Usage:"), out[:100])
                for word in ("--json", "--model", "--version", "--help"):
                    self.assertIn(word, out)
                self.assertEqual(p.stderr, b"")

    def test_help_wins_over_files(self):
        p = run(["--help", "no-such-file.md"])
        self.assertOk(p)
        self.assertIn(b"Usage:", p.stdout)

    def test_version(self):
        want = header_version()
        for opt in ("--version", "-V"):
            with self.subTest(option=opt):
                p = run([opt])
                self.assertOk(p, opt)
                out = p.stdout.decode()
                self.assertTrue(out.startswith(f"jdclass {want}"), out)
                self.assertEqual(out.count("\n"), 1)
                self.assertNotIn("?", out, "default model did not load")
                self.assertEqual(p.stderr, b"")

    def test_version_names_default_model(self):
        p = run(["--version"])
        self.assertOk(p)
        pj = run(["--json"], stdin=b"")
        [obj] = json_lines(pj.stdout)
        model = obj["model"]
        self.assertIn(f"(model {model['name']} {model['version']})",
                      p.stdout.decode())

    def test_json_short_option(self):
        a = run(["-j", f"examples/{EXAMPLES[0]}"])
        b = run(["--json", f"examples/{EXAMPLES[0]}"])
        self.assertOk(a)
        self.assertEqual(a.stdout, b.stdout)

    def test_options_after_files(self):
        a = run([f"examples/{EXAMPLES[0]}", "--json"])
        b = run(["--json", f"examples/{EXAMPLES[0]}"])
        self.assertOk(a)
        self.assertEqual(a.stdout, b.stdout)


class TestMultipleFiles(CliTestCase):
    """Several inputs: one JSON line (or one text block) per input, in the
    order given."""

    def test_json_lines_in_order(self):
        order = list(reversed(EXAMPLES)) + [EXAMPLES[0]]
        args = [f"examples/{n}" for n in order]
        p = run(["--json", *args])
        self.assertOk(p)
        self.assertEqual(p.stderr, b"")
        objs = json_lines(p.stdout)
        self.assertEqual(len(objs), len(args))
        self.assertEqual([o["file"] for o in objs], args)
        for o, n in zip(objs, order):
            check_result(self, o, (SOURCE_DIR / "examples" / n).read_bytes())
        # Each line equals the single-file output.
        for line, a in zip(p.stdout.decode().splitlines(), args):
            single = run(["--json", a])
            self.assertEqual(line + "\n", single.stdout.decode())

    def test_text_blocks_in_order(self):
        args = [f"examples/{n}" for n in EXAMPLES]
        p = run(args)
        self.assertOk(p)
        blocks = p.stdout.decode().split("\n\n")
        self.assertEqual(len(blocks), len(args))
        for block, a in zip(blocks, args):
            self.assertTrue(block.startswith(a + "\n"), block[:100])
            single = run([a]).stdout.decode()
            self.assertEqual(block.rstrip("\n") + "\n", single)


# ---- signals, sections, negation, --explain, colour -------------------------

# A posting written for these tests: non-ASCII text before the signal
# sentences (byte offsets, not characters), several red and green flags, a
# negated term, a company blurb and an interview-policy sentence.
SIGNAL_POSTING = (
    "# Senior MLOps Engineer \u2014 Caf\u00e9 Analytics\n"
    "\n"
    "## About us\n"
    "We are a caf\u00e9-loyalty start-up in Z\u00fcrich and London.\n"
    "\n"
    "## What you will do\n"
    "Develop our Feast feature store and the MLflow model registry.\n"
    "Run canary releases and fast rollback for model updates.\n"
    "Track data drift every week with Evidently.\n"
    "Today the models run in Jupyter notebooks on a shared GPU box.\n"
    "We do not have a vector database yet.\n"
    "\n"
    "## Requirements\n"
    "You will help data scientists deploy their models \u2013 happily.\n"
    "\n"
    "Use of an LLM during the interview is grounds for rejection.\n"
).encode("utf-8")

SECTIONS = {"title", "intro", "company", "duties", "requirements",
            "nice-to-have", "benefits"}
SIGNAL_KEYS = {"id", "polarity", "message", "start", "end"}
ANSI = re.compile(rb"\x1b\[[0-9;]*[A-Za-z]")


def model_params():
    """title_factor and repeat_log of the default model (models/model.conf,
    defaults from models/README.md)."""
    params = {"title_factor": 3.0, "repeat_log": 1.0}
    conf = (SOURCE_DIR / "models" / "model.conf").read_text(encoding="utf-8")
    for line in conf.splitlines():
        m = re.match(r"^\s*([a-z_.-]+)\s*=\s*([0-9.]+)\s*$", line)
        if m and m.group(1) in params:
            params[m.group(1)] = float(m.group(2))
    return params


class SignalCase(CliTestCase):
    def posting(self, data=SIGNAL_POSTING, name="posting.md") -> Path:
        path = self.tmp / name
        path.write_bytes(data)
        return path

    def json_of(self, path: Path, *extra):
        p = run(["--json", *extra, str(path)], cwd=self.tmp)
        self.assertOk(p, str(path))
        [obj] = json_lines(p.stdout)
        return obj


class TestSignalsJson(SignalCase):
    """--json: `signals` is a list of {id, polarity, message, start, end}
    with valid byte spans; every match has `section` and `negated`."""

    def check_signals(self, obj, data: bytes):
        self.assertIn("signals", obj)
        self.assertIsInstance(obj["signals"], list)
        for s in obj["signals"]:
            self.assertIsInstance(s, dict)
            self.assertEqual(set(s), SIGNAL_KEYS, s)
            self.assertRegex(s["id"], r"^[a-z0-9-]{1,40}$")
            self.assertIn(s["polarity"], ("red", "green"))
            self.assertIsInstance(s["message"], str)
            self.assertTrue(s["message"].strip(), s)
            self.assertNotIn("\n", s["message"])
            start, end = s["start"], s["end"]
            self.assertIs(type(start), int)
            self.assertIs(type(end), int)
            self.assertTrue(0 <= start <= end <= len(data), s)
            span = data[start:end]
            # byte offsets on UTF-8 character boundaries
            text = span.decode("utf-8")
            if end > start:
                self.assertEqual(text, text.strip(), s)
                self.assertTrue(text.strip(), s)
        ids = [s["id"] for s in obj["signals"]]
        self.assertEqual(len(ids), len(set(ids)), f"a signal twice: {ids}")

    def check_matches(self, obj, data: bytes):
        for m in obj["matches"]:
            self.assertIn("section", m, m)
            self.assertIn(m["section"], SECTIONS, m)
            self.assertIn("negated", m, m)
            self.assertIsInstance(m["negated"], bool, m)
            self.assertIsInstance(m["title"], bool, m)
            self.assertEqual(m["title"], m["section"] == "title", m)
            data[m["start"]:m["end"]].decode("utf-8")

    def test_own_posting(self):
        obj = self.json_of(self.posting())
        check_result(self, obj, SIGNAL_POSTING, str(self.tmp / "posting.md"))
        self.check_signals(obj, SIGNAL_POSTING)
        self.check_matches(obj, SIGNAL_POSTING)
        self.assertEqual(obj["label"], "mlops")
        sig = {s["id"]: s for s in obj["signals"]}
        want = {
            "feature-store": ("green", "Develop our Feast feature store"),
            "rollback-canary": ("green", "Run canary releases and fast "
                                         "rollback for model updates"),
            "model-monitoring": ("green", "Track data drift every week"),
            "unmanaged-compute": ("red", "Today the models run in Jupyter "
                                         "notebooks on a shared GPU box"),
            "deploy-support-role": ("red", "You will help data scientists "
                                           "deploy their models"),
        }
        for sid, (pol, sentence) in want.items():
            self.assertIn(sid, sig, f"{sid} missing; fired: {list(sig)}")
            self.assertEqual(sig[sid]["polarity"], pol)
            span = SIGNAL_POSTING[sig[sid]["start"]:sig[sid]["end"]]
            self.assertIn(sentence.encode(), span, sid)
            self.assertNotIn(b"\n\n", span, sid)
        # sections and negation of the matches
        by_term = {}
        for m in obj["matches"]:
            by_term.setdefault(m["term"], []).append(m)
        self.assertEqual({m["section"] for m in by_term["Feast"]}, {"duties"})
        self.assertEqual({m["section"] for m in by_term["LLM"]}, {"benefits"})
        self.assertEqual({m["negated"] for m in by_term["vector database"]},
                         {True})
        self.assertEqual({m["negated"] for m in by_term["Feast"]}, {False})
        self.assertEqual(by_term["MLOps engineer"][0]["section"], "title")

    def test_rule_order_and_key_order(self):
        obj = self.json_of(self.posting())
        self.assertGreaterEqual(len(obj["signals"]), 5)
        for s in obj["signals"]:
            self.assertEqual(list(s), ["id", "polarity", "message", "start",
                                       "end"])
        # signals come in the order of the model's rules
        order = []
        for line in (SOURCE_DIR / "models" / "flags.signals").read_text(
                encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith(("#", "%")):
                sid = line.split("|")[0].strip()
                if sid not in order:
                    order.append(sid)
        ids = [s["id"] for s in obj["signals"]]
        self.assertEqual(ids, sorted(ids, key=order.index))

    def test_examples(self):
        for name in EXAMPLES:
            with self.subTest(example=name):
                data = (SOURCE_DIR / "examples" / name).read_bytes()
                p = run(["--json", f"examples/{name}"])
                self.assertOk(p, name)
                [obj] = json_lines(p.stdout)
                self.check_signals(obj, data)
                self.check_matches(obj, data)

    def test_negated_term_has_no_score(self):
        a = self.json_of(self.posting(b"# Engineer\nWe have ML in "
                                      b"production.\n", "a.md"))
        b = self.json_of(self.posting(b"# Engineer\nWe have no ML in "
                                      b"production yet.\n", "b.md"))
        self.assertTrue(b["matches"])
        self.assertTrue(all(m["negated"] for m in b["matches"]), b["matches"])
        self.assertFalse(any(m["negated"] for m in a["matches"]))
        self.assertEqual(b["scores"], {"mlops": 0, "llmops": 0})
        self.assertGreater(a["scores"]["mlops"], 0)

    def test_empty_input(self):
        obj = self.json_of(self.posting(b"", "empty.md"))
        self.check_signals(obj, b"")
        for s in obj["signals"]:  # only library-computed flags on nothing
            self.assertEqual(s["start"], s["end"], s)


class TestFlagsText(SignalCase):
    """Readable output lists the red and green flags with their evidence
    sentences, in the order and with the text of --json."""

    def flags_block(self, out: str):
        lines = out.splitlines()
        self.assertIn("  flags:", lines, out)
        i = lines.index("  flags:") + 1
        block = []
        while i < len(lines) and lines[i].startswith("    "):
            block.append(lines[i])
            i += 1
        return block

    def test_own_posting(self):
        path = self.posting()
        obj = self.json_of(path)
        p = run([str(path)], cwd=self.tmp)
        self.assertOk(p)
        self.assertEqual(p.stderr, b"")
        out = p.stdout.decode("utf-8")
        self.assertNotIn("\x1b", out)  # a pipe: no colour
        block = self.flags_block(out)
        heads = [ln for ln in block if not ln.startswith("          ")]
        self.assertEqual(len(heads), len(obj["signals"]), block)
        for head, s in zip(heads, obj["signals"]):
            self.assertEqual(head, f"    {s['polarity']:<5} {s['id']}: "
                                   f"{s['message']}")
            k = block.index(head)
            if s["end"] > s["start"]:
                ev = block[k + 1]
                self.assertTrue(ev.startswith('          "') and
                                ev.endswith('"'), ev)
                shown = ev[len('          "'):-1]
                sentence = " ".join(SIGNAL_POSTING[s["start"]:s["end"]]
                                    .decode("utf-8").split())
                if shown.endswith("..."):
                    self.assertTrue(sentence.startswith(shown[:-3]), shown)
                else:
                    self.assertEqual(shown, sentence)

    def test_examples_list_flags(self):
        for name in EXAMPLES:
            with self.subTest(example=name):
                pj = run(["--json", f"examples/{name}"])
                pt = run([f"examples/{name}"])
                self.assertOk(pt)
                [obj] = json_lines(pj.stdout)
                out = pt.stdout.decode("utf-8")
                if not obj["signals"]:
                    self.assertNotIn("  flags:", out)
                    continue
                block = self.flags_block(out)
                for s in obj["signals"]:
                    self.assertIn(f"    {s['polarity']:<5} {s['id']}: "
                                  f"{s['message']}", block)

    def test_red_and_green_both_listed(self):
        out = run([str(self.posting())], cwd=self.tmp).stdout.decode()
        block = self.flags_block(out)
        self.assertTrue(any(ln.startswith("    red   ") for ln in block), block)
        self.assertTrue(any(ln.startswith("    green ") for ln in block), block)


class TestExplain(SignalCase):
    """--explain prints a table: a header, then one line per contributing
    term (weight, title, count, section factor, evidence), then the totals
    by track; the numbers follow the documented formula."""

    def test_sorted_counts_agree_and_decision(self):
        p = run(["-e", "examples/other-data-analyst.md"])
        self.assertEqual(p.returncode, 0, p.stderr)
        out = p.stdout.decode()
        self.assertIn("data analyst (2)", out)
        rows = [m for m in (self.ROW.match(l) for l in out.splitlines()) if m]
        self.assertTrue(rows)
        ev = [float(m.group(7)) for m in rows]
        self.assertEqual(ev, sorted(ev, reverse=True), "not sorted")
        da = [m for m in rows if m.group(1).rstrip() == "data analyst"][0]
        self.assertEqual(int(da.group(5)), 2)
        self.assertIn("decision (learned): probabilities", out)

    def test_json_explain_has_contributions(self):
        p = run(["--json", "-e", "examples/llmops-engineer.md"])
        self.assertEqual(p.returncode, 0, p.stderr)
        obj = json.loads(p.stdout)
        con = obj["contributions"]
        self.assertTrue(con["terms"] and con["features"])
        label = obj["label"]
        sizes = [abs(f[label]) for f in con["features"]]
        self.assertEqual(sizes, sorted(sizes, reverse=True))
        for f in con["features"]:
            self.assertEqual(set(f), {"name", "value", "other", "mlops",
                                      "llmops", "hybrid"})
        plain = json.loads(run(["--json", "examples/llmops-engineer.md"])
                           .stdout)
        self.assertNotIn("contributions", plain)
        self.assertEqual({k: v for k, v in obj.items()
                          if k != "contributions"}, plain)

    ROW = re.compile(r"^    (.{32}) (mlops|llmops|ml|shared|other)\s+"
                     r"(\d+\.\d\d)\s+(yes|-)\s+(\d+)\s+(\d+\.\d\d)\s+"
                     r"(\d+\.\d\d)$")
    HEADER = re.compile(r"^\s+term\s+track\s+weight\s+title\s+count\s+"
                        r"section\s+evidence\s*$")
    TOTAL = re.compile(r"^\s+evidence by track: mlops (\d+\.\d\d), llmops "
                       r"(\d+\.\d\d), ml (\d+\.\d\d), shared (\d+\.\d\d), "
                       r"other (\d+\.\d\d)$")

    def table(self, out: str):
        lines = out.splitlines()
        heads = [i for i, ln in enumerate(lines) if self.HEADER.match(ln)]
        self.assertEqual(len(heads), 1, out)
        rows, total = [], None
        for ln in lines[heads[0] + 1:]:
            t = self.TOTAL.match(ln)
            if t:
                total = dict(zip(("mlops", "llmops", "ml", "shared", "other"),
                                 map(float, t.groups())))
                break
            m = self.ROW.match(ln)
            self.assertIsNotNone(m, f"not a table row: {ln!r}")
            term, track, w, title, count, sec, ev = m.groups()
            rows.append({"term": term.rstrip(), "track": track,
                         "weight": float(w), "title": title == "yes",
                         "count": int(count), "section": float(sec),
                         "evidence": float(ev)})
        self.assertIsNotNone(total, "no 'evidence by track' line")
        return rows, total

    def check(self, path: Path, data: bytes):
        p = run(["--explain", str(path)], cwd=self.tmp)
        self.assertOk(p)
        out = p.stdout.decode("utf-8")
        rows, total = self.table(out)
        obj = self.json_of(path)
        # one row per term that counts: distinct non-negated matches
        counted = {}
        for m in obj["matches"]:
            if not m["negated"]:
                c = counted.setdefault(m["term"], {"title": False, "n": 0,
                                                   "t": 0,
                                                   "track": m["track"]})
                if m["title"]:
                    c["title"] = True
                    c["t"] += 1
                else:
                    c["n"] += 1
        self.assertEqual(len(rows), len(counted),
                         f"rows {[r['term'] for r in rows]} vs terms "
                         f"{sorted(counted)}")
        params = model_params()
        sums = dict.fromkeys(total, 0.0)
        for r in rows:
            names = [t for t in counted if t[:32].rstrip() == r["term"]]
            self.assertTrue(names, f"row {r['term']!r} names no match")
            c = counted[names[0]]
            self.assertEqual(r["track"], c["track"])
            self.assertEqual(r["title"], c["title"], r)
            # the count is every occurrence, title included, as in the
            # term list; the evidence uses the body occurrences
            self.assertEqual(r["count"], c["n"] + c["t"], r)
            self.assertGreaterEqual(r["evidence"], 0)
            want = r["weight"] * params["title_factor"] if r["title"] else 0.0
            if c["n"]:
                want += r["weight"] * r["section"] * (
                    1 + params["repeat_log"] * math.log(min(c["n"], 8)))
            self.assertAlmostEqual(r["evidence"], want, delta=0.03, msg=r)
            sums[r["track"]] += r["evidence"]
        for t in total:
            self.assertAlmostEqual(sums[t], total[t],
                                   delta=0.006 * (len(rows) + 1), msg=t)
        return rows, obj

    def test_own_posting(self):
        rows, obj = self.check(self.posting(), SIGNAL_POSTING)
        terms = {r["term"] for r in rows}
        self.assertIn("Feast", terms)
        self.assertNotIn("vector database", terms)  # negated only
        llm = [r for r in rows if r["term"] == "LLM"]
        self.assertEqual(len(llm), 1)
        self.assertAlmostEqual(llm[0]["section"], 0.1)  # interview sentence
        feast = [r for r in rows if r["term"] == "Feast"][0]
        self.assertEqual(feast["section"], 1.0)

    def test_examples(self):
        for name in EXAMPLES:
            with self.subTest(example=name):
                path = (SOURCE_DIR / "examples" / name).resolve()
                rows, _ = self.check(path, path.read_bytes())
                self.assertTrue(rows)

    def test_short_option_and_off_by_default(self):
        path = self.posting()
        a = run(["-e", str(path)], cwd=self.tmp)
        b = run(["--explain", str(path)], cwd=self.tmp)
        c = run([str(path)], cwd=self.tmp)
        self.assertOk(a)
        self.assertEqual(a.stdout, b.stdout)
        plain = c.stdout.decode()
        self.assertFalse(any(self.HEADER.match(ln)
                             for ln in plain.splitlines()))
        self.assertNotIn("evidence by track", plain)
        # --explain adds to the readable output, it changes nothing above
        self.assertTrue(b.stdout.decode().startswith(plain.rstrip("\n")))

    def test_nothing_to_explain(self):
        path = self.posting(b"Nothing to see here.\n", "none.md")
        p = run(["--explain", str(path)], cwd=self.tmp)
        self.assertOk(p)
        rows, total = self.table(p.stdout.decode())
        self.assertEqual(rows, [])
        self.assertEqual(set(total.values()), {0.0})


class TestColour(SignalCase):
    """Flags are coloured (ANSI escapes) when stdout is a terminal; not with
    NO_COLOR, not into a pipe, never in --json."""

    def run_pty(self, args, env_extra=None, env_drop=()):
        import pty
        import select
        env = {k: v for k, v in os.environ.items() if k not in env_drop}
        env.update(env_extra or {})
        master, slave = pty.openpty()
        try:
            proc = subprocess.Popen([CLI, *args], cwd=self.tmp, stdin=slave,
                                    stdout=slave, stderr=subprocess.PIPE,
                                    env=env)
        finally:
            os.close(slave)
        chunks = []
        try:
            while True:
                r, _, _ = select.select([master], [], [], TIMEOUT)
                if not r:
                    proc.kill()
                    self.fail("no output from the CLI on the terminal")
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                chunks.append(chunk)
        finally:
            os.close(master)
        proc.wait(timeout=TIMEOUT)
        err = proc.stderr.read()
        proc.stderr.close()
        self.assertEqual(proc.returncode, 0, err)
        return b"".join(chunks).replace(b"\r\n", b"\n")

    def test_colour_on_a_terminal(self):
        path = self.posting()
        out = self.run_pty([str(path)], env_drop=("NO_COLOR",))
        self.assertRegex(out, ANSI)
        # red and green flags in their colours
        self.assertIn(b"\x1b[31mred", out)
        self.assertIn(b"\x1b[32mgreen", out)
        # without the escapes it is the plain output
        plain = run([str(path)], cwd=self.tmp).stdout
        self.assertEqual(ANSI.sub(b"", out), plain)

    def test_no_color(self):
        path = self.posting()
        for value in ("1", "yes"):
            with self.subTest(NO_COLOR=value):
                out = self.run_pty([str(path)], env_extra={"NO_COLOR": value})
                self.assertTrue(out)
                self.assertNotIn(b"\x1b", out)
                plain = run([str(path)], cwd=self.tmp).stdout
                self.assertEqual(out, plain)

    def test_pipe(self):
        path = self.posting()
        env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
        p = subprocess.run([CLI, str(path)], cwd=self.tmp, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=TIMEOUT, check=False)
        self.assertOk(p)
        self.assertIn(b"flags:", p.stdout)
        self.assertNotIn(b"\x1b", p.stdout)
        self.assertNotIn(b"\x1b", p.stderr)

    def test_json_on_a_terminal(self):
        path = self.posting()
        out = self.run_pty(["--json", str(path)], env_drop=("NO_COLOR",))
        self.assertNotIn(b"\x1b", out)
        [obj] = json_lines(out)
        self.assertTrue(obj["signals"])


def run_pty(args, *, cwd, env=None, stderr_pty=True, stdout_pty=True,
            timeout=TIMEOUT):
    """Run the CLI with stdout and/or stderr on one pseudo-terminal; returns
    (returncode, bytes seen on the terminal, stdout if piped, stderr if
    piped)."""
    import pty
    import select
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen(
            [CLI, *args], cwd=cwd, stdin=subprocess.DEVNULL,
            stdout=slave if stdout_pty else subprocess.PIPE,
            stderr=slave if stderr_pty else subprocess.PIPE, env=env)
    finally:
        os.close(slave)
    chunks = []
    import threading
    piped = {}

    def drain(name, f):
        piped[name] = f.read()

    threads = [threading.Thread(target=drain, args=(n, f))
               for n, f in (("out", proc.stdout), ("err", proc.stderr)) if f]
    for t in threads:
        t.start()
    try:
        while True:
            r, _, _ = select.select([master], [], [], timeout)
            if not r:
                proc.kill()
                raise AssertionError("no output from the CLI on the terminal")
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(master)
    proc.wait(timeout=timeout)
    for t in threads:
        t.join()
    return (proc.returncode, b"".join(chunks), piped.get("out"),
            piped.get("err"))


def terminal_lines(raw: bytes):
    """What a terminal shows for raw output: \\r returns to the start of the
    line, ESC [ K erases to its end, \\n starts a new line. Fails on any
    other escape sequence."""
    lines, cur, col = [], [], 0
    i = 0
    raw = raw.replace(b"\r\n", b"\n")
    while i < len(raw):
        c = raw[i:i + 1]
        if c == b"\n":
            lines.append(b"".join(cur))
            cur, col = [], 0
        elif c == b"\r":
            col = 0
        elif raw.startswith(b"\x1b[K", i):
            del cur[col:]
            i += 3
            continue
        elif c == b"\x1b":
            raise AssertionError(f"unexpected escape {raw[i:i + 8]!r}")
        else:
            if col < len(cur):
                cur[col] = c
            else:
                cur.append(c)
            col += 1
        i += 1
    lines.append(b"".join(cur))
    return lines


class TestOptionParsing(CliTestCase):
    """getopt_long-style options: clusters, attached values, --opt=value,
    unambiguous prefixes; usage errors in one line with a hint."""

    def same(self, a, b, stdin=b""):
        pa, pb = run(a, stdin=stdin), run(b, stdin=stdin)
        self.assertEqual((pa.returncode, pa.stdout, pa.stderr),
                         (pb.returncode, pb.stdout, pb.stderr), (a, b))
        return pa

    def test_combined_and_attached_forms(self):
        files = [f"examples/{e}" for e in EXAMPLES]
        p = self.same(["-je", files[0]], ["--json", "--explain", files[0]])
        self.assertOk(p)
        json_lines(p.stdout)
        self.same(["-t2", *files], ["--threads", "2", *files])
        self.same(["--threads=2", *files], ["-t", "2", *files])
        self.same(["-jt2", *files], ["--json", "--threads", "2", *files])
        self.same(["-rj", "examples"], ["--recursive", "--json", "examples"])
        self.same(["--fo=csv", files[0]], ["--format", "csv", files[0]])
        self.same(["-fcsv", files[0]], ["--format=csv", files[0]])
        self.same(["--model=models", "-j", files[0]],
                  ["-mmodels", "--json", files[0]])
        self.same(["--thr=1", "--js", files[0]], ["-t1", "-j", files[0]])

    def test_max_input_equals_form(self):
        big = f"examples/{EXAMPLES[0]}"
        p = self.same(["--max-input=1K", big], ["--max-input", "1K", big])
        self.assertEqual(p.returncode, 1)
        self.assertIn(b"larger than the limit of 1024 bytes", p.stderr)
        p = self.same(["--max-input=1M", "-j", big],
                      ["--max-input", "1048576", "-j", big])
        self.assertOk(p)

    def usage_error(self, args, *needles):
        p = run(args)
        self.assertEqual(p.returncode, 2, args)
        self.assertEqual(p.stdout, b"", args)
        err = p.stderr.decode()
        self.assertEqual(err.count("\n"), 1, err)
        self.assertTrue(err.startswith("jdclass: "), err)
        self.assertTrue(err.endswith(" (try 'jdclass --help')\n"), err)
        for n in needles:
            self.assertIn(n, err)

    def test_usage_errors_are_one_line_with_a_hint(self):
        self.usage_error(["-t"], "'-t'", "needs a value")
        self.usage_error(["--threads"], "--threads", "needs a value")
        self.usage_error(["-t0", "x"], "--threads")
        self.usage_error(["--threads=x", "x"], "--threads")
        self.usage_error(["--max-input=12X", "x"], "--max-input")
        self.usage_error(["-jz", "x"], "'-z'")
        self.usage_error(["--json=yes"], "--json=yes", "takes no value")
        self.usage_error(["--e", "x"], "ambiguous", "--explain", "--exclude")
        self.usage_error(["--format=xml", "x"], "--format", "xml")
        self.usage_error(["--color=sometimes", "x"], "--color", "sometimes")

    def test_double_dash_and_operands_anywhere(self):
        f = f"examples/{EXAMPLES[0]}"
        self.same([f, "-j"], ["-j", f])
        (self.tmp / "-j").write_bytes(b"MLflow model registry")
        p = run(["--json", "--", "-j"], cwd=self.tmp)
        self.assertOk(p)
        [obj] = json_lines(p.stdout)
        self.assertEqual(obj["file"], "-j")

    def test_help_lists_new_options(self):
        out = run(["--help"]).stdout.decode()
        for word in ("--format", "--summary", "--color", "--include",
                     "--exclude", "-t, --threads"):
            self.assertIn(word, out)


class TestColourModes(SignalCase):
    """--color=auto|always|never; auto: a terminal, not TERM=dumb, no
    NO_COLOR. --color alone means always."""

    def env(self, **extra):
        env = {k: v for k, v in os.environ.items()
               if k not in ("NO_COLOR", "TERM")}
        env.update(extra)
        return env

    def tty(self, args, **extra):
        rc, out, _, err = run_pty(args, cwd=self.tmp, env=self.env(**extra),
                                  stderr_pty=False)
        self.assertEqual(rc, 0, err)
        return out.replace(b"\r\n", b"\n")

    def piped(self, args, **extra):
        p = subprocess.run([CLI, *args], cwd=self.tmp, env=self.env(**extra),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=TIMEOUT, check=False)
        self.assertOk(p)
        return p.stdout

    def test_auto(self):
        path = str(self.posting())
        plain = self.piped([path])
        self.assertNotIn(b"\x1b", plain)
        for args in ([path], ["--color=auto", path]):
            with self.subTest(args=args):
                out = self.tty(args, TERM="xterm")
                self.assertIn(b"\x1b[31mred", out)
                self.assertEqual(ANSI.sub(b"", out), plain)
                self.assertNotIn(b"\x1b", self.tty(args, TERM="dumb"))
                self.assertNotIn(b"\x1b", self.tty(args, TERM="xterm",
                                                   NO_COLOR="1"))
                self.assertNotIn(b"\x1b", self.piped(args))

    def test_always(self):
        path = str(self.posting())
        plain = self.piped([path])
        for args in (["--color=always", path], ["--color", path],
                     ["--colour=always", path]):
            with self.subTest(args=args):
                out = self.piped(args, NO_COLOR="1", TERM="dumb")
                self.assertIn(b"\x1b[32mgreen", out)
                self.assertEqual(ANSI.sub(b"", out), plain)

    def test_never(self):
        path = str(self.posting())
        plain = self.piped([path])
        out = self.tty(["--color=never", path], TERM="xterm")
        self.assertEqual(out, plain)

    def test_never_in_machine_formats(self):
        path = str(self.posting())
        for fmt in (["--json"], ["--format=csv"], ["--format=tsv"]):
            with self.subTest(fmt=fmt):
                self.assertNotIn(b"\x1b", self.piped(["--color=always", *fmt,
                                                      path]))


class TestCsvFormat(CliTestCase):
    """--format csv|tsv: a header and one row per classified input, parsed
    by Python's csv module, with the values of --json."""

    COLUMNS = ["file", "label", "score", "mlops", "llmops", "seniority",
               "salary_min", "salary_max", "currency", "period", "salaries",
               "employment", "ir35", "workmode", "region", "city", "market",
               "band_min", "band_max", "red_flags", "green_flags"]

    def check_rows(self, rows, objs):
        self.assertEqual(len(rows), len(objs))
        for row, obj in zip(rows, objs):
            self.assertEqual(list(row), self.COLUMNS)
            self.assertEqual(row["file"], obj["file"])
            self.assertEqual(row["label"], obj["label"])
            self.assertAlmostEqual(float(row["score"]), obj["score"], places=4)
            self.assertAlmostEqual(float(row["mlops"]), obj["scores"]["mlops"],
                                   places=4)
            self.assertAlmostEqual(float(row["llmops"]),
                                   obj["scores"]["llmops"], places=4)
            self.assertEqual(row["seniority"], obj["seniority"]["level"])
            sal = obj["salary"]
            for col, key in (("salary_min", "min"), ("salary_max", "max")):
                want = sal[key] if sal else None
                if want is None:
                    self.assertEqual(row[col], "")
                else:
                    self.assertAlmostEqual(float(row[col]), want, places=2)
            self.assertEqual(row["currency"],
                             (sal["currency"] if sal else None) or "")
            self.assertEqual(row["period"],
                             (sal["period"] if sal else None) or "")
            self.assertEqual(int(row["salaries"]), len(obj["salaries"]))
            for k in ("employment", "ir35", "workmode", "region", "city"):
                self.assertEqual(row[k], obj["terms"][k] or "", k)
            self.assertEqual(row["market"], obj["market"]["verdict"])
            for pol in ("red", "green"):
                ids = [s["id"] for s in obj["signals"] if s["polarity"] == pol]
                self.assertEqual(row[f"{pol}_flags"], ";".join(ids))

    def test_csv_and_tsv_agree_with_json(self):
        files = [f"examples/{e}" for e in EXAMPLES]
        objs = json_lines(run(["--json", *files]).stdout)
        for fmt, sep in (("csv", ","), ("tsv", "\t")):
            with self.subTest(fmt=fmt):
                p = run([f"--format={fmt}", *files])
                self.assertOk(p)
                self.assertTrue(p.stdout.startswith(
                    sep.join(self.COLUMNS).encode() + b"\n"))
                self.check_rows(parse_csv(p.stdout, sep), objs)

    def test_awkward_file_names(self):
        data = (SOURCE_DIR / "examples" / EXAMPLES[0]).read_bytes()
        names = ['a,b "c".md', "tab\there.md", "new\nline.md"]
        for n in names:
            (self.tmp / n).write_bytes(data)
        p = run(["--format=csv", *names], cwd=self.tmp)
        self.assertOk(p)
        self.assertEqual([r["file"] for r in parse_csv(p.stdout)], names)
        p = run(["--format=tsv", *names], cwd=self.tmp)
        self.assertOk(p)
        rows = parse_csv(p.stdout, "\t")
        self.assertEqual([r["file"] for r in rows],
                         ['a,b "c".md', "tab here.md", "new line.md"])

    def test_failing_input_has_no_row(self):
        f = f"examples/{EXAMPLES[0]}"
        p = run(["--format=csv", f, "missing.md", f])
        self.assertEqual(p.returncode, 1)
        self.assertEqual(len(parse_csv(p.stdout)), 2)
        self.assertIn(b"missing.md", p.stderr)

    def test_header_only_for_no_input(self):
        p = run(["--format=csv", "missing.md"])
        self.assertEqual(p.returncode, 1)
        self.assertEqual(parse_csv(p.stdout), [])


class TestSummary(CliTestCase):
    """--summary: counts per label, seniority and market verdict at the end;
    on stdout after readable output, on stderr with machine formats."""

    def parse(self, text):
        lines = text.strip("\n").split("\n")
        head = lines[0]
        m = re.fullmatch(r"summary: (\d+) classified, (\d+) failed"
                         r"(?:, (\d+) skipped)?", head)
        self.assertTrue(m, head)
        out = {"classified": int(m.group(1)), "failed": int(m.group(2)),
               "skipped": int(m.group(3) or 0)}
        for line in lines[1:4]:
            key, rest = line.split(":", 1)
            words = rest.split()
            out[key.strip()] = {words[i]: int(words[i + 1])
                                for i in range(0, len(words), 2)}
        return out

    def test_counts_match_json(self):
        files = [f"examples/{e}" for e in EXAMPLES] + ["missing.md"]
        p = run(["--json", "--summary", *files])
        self.assertEqual(p.returncode, 1)
        objs = json_lines(p.stdout)  # stdout stays clean JSON Lines
        err = p.stderr.decode()
        s = self.parse(err[err.index("summary:"):])
        self.assertEqual(s["classified"], len(objs))
        self.assertEqual(s["failed"], 1)
        from collections import Counter
        labels = Counter(o["label"] for o in objs)
        for k in ("mlops", "llmops", "hybrid", "other"):
            self.assertEqual(s["label"][k], labels[k], k)
        levels = Counter(o["seniority"]["level"] for o in objs)
        for k, v in s["seniority"].items():
            self.assertEqual(v, levels[k], k)
        verdicts = Counter(o["market"]["verdict"] for o in objs)
        for k, v in s["market"].items():
            self.assertEqual(v, verdicts[k], k)

    def test_text_summary_on_stdout(self):
        files = [f"examples/{e}" for e in EXAMPLES]
        p = run(["-s", *files])
        self.assertOk(p)
        out = p.stdout.decode()
        plain = run(files).stdout.decode()
        self.assertTrue(out.startswith(plain + "\n"), out[-400:])
        s = self.parse(out[len(plain) + 1:])
        self.assertEqual(s["classified"], len(files))
        self.assertEqual(p.stderr, b"")

    def test_csv_summary_on_stderr(self):
        files = [f"examples/{e}" for e in EXAMPLES]
        p = run(["--format=csv", "--summary", *files])
        self.assertOk(p)
        self.assertEqual(len(parse_csv(p.stdout)), len(files))
        self.assertEqual(self.parse(p.stderr.decode())["classified"],
                         len(files))


class TestRecursiveFilter(CliTestCase):
    """-r reads text, Markdown and HTML files (by extension; files without
    one by content), --include/--exclude GLOB; skipped files are counted
    on stderr. Files named on the command line are always read."""

    def tree(self):
        t = self.tmp / "t"
        (t / "sub").mkdir(parents=True)
        (t / "drafts").mkdir()
        text = b"# MLOps Engineer\nOwn our MLflow model registry.\n"
        for name in ("a.md", "b.txt", "c.HTML", "sub/d.markdown", "sub/NOEXT",
                     "drafts/e.md"):
            (t / name).write_bytes(text)
        (t / "labels.tsv").write_bytes(b"id\tlabel\np1\tmlops\n")
        (t / "notes.json").write_bytes(b'{"MLflow": 1}\n')
        (t / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
        (t / "BLOB").write_bytes(b"MLflow\0\0\1\2binary")
        (t / "binary.md").write_bytes(b"MLflow\0\0\1\2binary")
        return t

    def files(self, args, cwd):
        p = run(["--json", *args], cwd=cwd)
        self.assertOk(p)
        return [o["file"] for o in json_lines(p.stdout)], p.stderr.decode()

    def test_default_reads_postings_only(self):
        t = self.tree()
        got, err = self.files(["-r", "t"], self.tmp)
        self.assertEqual(got, ["t/a.md", "t/b.txt", "t/c.HTML",
                               "t/drafts/e.md", "t/sub/NOEXT",
                               "t/sub/d.markdown"])
        # labels.tsv, notes.json, image.png, BLOB, binary.md
        self.assertEqual(err, "jdclass: skipped 5 files under the directories"
                              " (not text, Markdown or HTML, or excluded)\n")
        # a file named on the command line is read whatever it is
        got, err = self.files([str(t / "labels.tsv")], self.tmp)
        self.assertEqual(len(got), 1)
        self.assertEqual(err, "")

    def test_include_and_exclude(self):
        self.tree()
        got, err = self.files(["-r", "--include=*.tsv", "--include", "*.md",
                               "t"], self.tmp)
        self.assertEqual(got, ["t/a.md", "t/drafts/e.md", "t/labels.tsv"])
        self.assertIn("skipped 8 files", err)  # binary.md is not text
        got, err = self.files(["-r", "--exclude", "drafts", "--exclude=*.txt",
                               "t"], self.tmp)
        self.assertEqual(got, ["t/a.md", "t/c.HTML", "t/sub/NOEXT",
                               "t/sub/d.markdown"])
        self.assertIn("skipped 6 files", err)  # drafts/ itself is not counted
        got, _ = self.files(["-r", "--exclude=t/sub/*", "t"], self.tmp)
        self.assertNotIn("t/sub/d.markdown", got)

    def test_nothing_skipped_nothing_said(self):
        d = self.tmp / "postings"
        d.mkdir()
        for e in EXAMPLES:
            (d / e).write_bytes((SOURCE_DIR / "examples" / e).read_bytes())
        p = run(["--json", "-r", str(d)])
        self.assertOk(p)
        self.assertEqual(len(json_lines(p.stdout)), len(EXAMPLES))
        self.assertEqual(p.stderr, b"")

    def test_source_files_are_skipped(self):
        # examples/ holds C and Python sources next to the postings
        p = run(["--json", "-r", "examples"])
        self.assertOk(p)
        files = [o["file"] for o in json_lines(p.stdout)]
        self.assertFalse([f for f in files if f.endswith((".c", ".py"))])
        self.assertIn(b"skipped", p.stderr)

    def test_summary_counts_skipped(self):
        self.tree()
        p = run(["--json", "-r", "--summary", "t"], cwd=self.tmp)
        self.assertOk(p)
        self.assertIn("summary: 6 classified, 0 failed, 5 skipped",
                      p.stderr.decode())


class TestProgressBar(CliTestCase):
    """The progress bar (stderr on a terminal, 50 inputs or more) never
    corrupts the output: it is erased before any result is written and
    never written to stdout."""

    def inputs(self, n=120):
        d = self.tmp / "many"
        d.mkdir()
        data = (SOURCE_DIR / "examples" / EXAMPLES[0]).read_bytes()
        for i in range(n):
            (d / f"p{i:03}.md").write_bytes(data)
        return d

    def test_json_lines_stay_clean_on_a_terminal(self):
        d = self.inputs()
        for threads in ("1", "2"):
            with self.subTest(threads=threads):
                rc, raw, _, _ = run_pty(["--json", "-t", threads, "-r",
                                         str(d)], cwd=self.tmp)
                self.assertEqual(rc, 0)
                self.assertIn(b"/120", raw, "no progress bar was drawn")
                lines = terminal_lines(raw)
                self.assertEqual(lines[-1], b"")  # the bar is gone
                objs = [json.loads(line) for line in lines[:-1]]
                self.assertEqual(len(objs), 120)
                self.assertEqual(objs[0]["file"], f"{d}/p000.md")

    def test_readable_output_keeps_its_blank_lines(self):
        d = self.inputs(60)
        rc, raw, _, _ = run_pty(["--color=never", "-t2", "-r", str(d)],
                                cwd=self.tmp)
        self.assertEqual(rc, 0)
        plain = run(["-t2", "-r", str(d)]).stdout
        shown = b"\n".join(terminal_lines(raw))
        self.assertEqual(shown, plain)

    def test_stdout_never_sees_the_bar(self):
        d = self.inputs(60)
        rc, raw, out, _ = run_pty(["--json", "-r", str(d)], cwd=self.tmp,
                                  stdout_pty=False)
        self.assertEqual(rc, 0)
        self.assertIn(b"/60", raw)
        self.assertNotIn(b"\r", out)
        self.assertNotIn(b"\x1b", out)
        self.assertEqual(len(json_lines(out)), 60)
        self.assertEqual(terminal_lines(raw)[-1], b"")


if __name__ == "__main__":
    unittest.main()
