"""The Python bindings agree with the jdclass CLI: to_dict() against
`jdclass --json`, `python3 -m jdclass` byte for byte, and every corpus
posting."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading

import pytest

from conftest import (BINDINGS_DIR, EXAMPLES, MODELS_DIR, PYTHON, SOURCE_DIR,
                      cli_json, corpus_postings, need_cli, python_env, run)

import jdclass


def relative(paths):
    return [p.relative_to(SOURCE_DIR) for p in paths]


def py_main(args, **kw):
    env = python_env(PYTHONPATH=str(BINDINGS_DIR))
    return run([PYTHON, "-m", "jdclass", *map(str, args)], env=env, **kw)


def without_file(obj: dict) -> dict:
    obj = dict(obj)
    assert "file" in obj and list(obj)[0] == "file"
    del obj["file"]
    return obj


def test_to_dict_equals_cli_json_on_examples():
    assert EXAMPLES, "no examples/*.md"
    files = relative(EXAMPLES)
    for path, obj in zip(files, cli_json(files)):
        r = jdclass.classify((SOURCE_DIR / path).read_bytes())
        expected = without_file(obj)
        got = r.to_dict()
        assert got == expected, path
        assert list(got) == list(expected), path      # same key order
        assert r.label == obj["label"]
        assert round(r.score, 4) == pytest.approx(obj["score"], abs=1e-9)


def test_python_m_jdclass_equals_cli_byte_for_byte():
    cli = need_cli()
    files = relative(EXAMPLES)
    want = run([cli, "--json", *map(str, files)])
    got = py_main(files)
    assert want.returncode == 0
    assert got.returncode == 0, got.stderr.decode()
    assert got.stdout == want.stdout
    assert got.stderr == b""
    for f in files:                                   # one file at a time
        assert py_main([f]).stdout == run([cli, "--json", str(f)]).stdout


def test_python_m_jdclass_stdin_and_options(tmp_path):
    cli = need_cli()
    data = EXAMPLES[0].read_bytes()
    want = run([cli, "--json"], stdin=data)
    assert py_main([], stdin=data).stdout == want.stdout
    assert py_main(["-"], stdin=data).stdout == \
        run([cli, "--json", "-"], stdin=data).stdout
    assert py_main(["--json", "-"], stdin=data).stdout == want.stdout
    model = tmp_path / "model"
    shutil.copytree(MODELS_DIR, model, ignore=shutil.ignore_patterns("*.md"))
    f = str(EXAMPLES[0].relative_to(SOURCE_DIR))
    assert py_main(["-m", model, f]).stdout == \
        run([cli, "--json", "-m", str(model), f]).stdout
    assert py_main([f"--model={model}", "--", f]).stdout == \
        run([cli, "--json", "--model", str(model), "--", f]).stdout


def test_python_m_jdclass_exit_codes(tmp_path):
    cli = need_cli()
    files = [str(p) for p in relative(EXAMPLES)]
    missing = str(tmp_path / "missing.md")
    args = [files[0], missing, files[-1]]
    want = run([cli, "--json", *args])
    got = py_main(args)
    assert want.returncode == got.returncode == 1
    assert got.stdout == want.stdout                 # the others printed
    assert got.stderr == want.stderr                 # "jdclass: F: reason"
    # a directory is not read without -r
    want = run([cli, "--json", str(tmp_path), files[0]])
    got = py_main([str(tmp_path), files[0]])
    assert got.returncode == want.returncode == 1
    assert got.stdout == want.stdout and got.stdout.count(b"\n") == 1
    assert got.stderr == want.stderr
    # usage errors
    for bad in (["--no-such-option"], ["-m"], ["-t"], ["--max-input"],
                ["--json=1"], ["-jz"], ["--e"], ["--color=maybe"]):
        p = py_main(bad)
        want = run([cli, *bad])
        assert p.returncode == want.returncode == 2, bad
        assert p.stdout == b"", bad
        assert p.stderr == want.stderr, bad        # one line and a hint
        assert p.stderr.endswith(b" (try 'jdclass --help')\n"), bad
    for bad in (["-t", "0"], ["-t", "x"], ["-t", "2000"],
                ["--max-input", "0"], ["--max-input", "12X"]):
        p = py_main(bad + files[:1])
        want = run([cli, "--json", *bad, *files[:1]])
        assert p.returncode == want.returncode == 2, bad
        assert p.stderr == want.stderr, bad
    # a model that does not load
    p = py_main(["-m", str(tmp_path / "no-model"), files[0]])
    assert p.returncode == run([cli, "-m", str(tmp_path / "no-model"),
                                files[0]]).returncode == 2
    assert b"cannot load model" in p.stderr
    # help and version
    p = py_main(["--help"])
    assert p.returncode == 0 and b"Usage:" in p.stdout
    p = py_main(["-V"])
    assert p.returncode == 0
    assert p.stdout == run([cli, "-V"]).stdout


def test_python_m_jdclass_options_like_cli(tmp_path):
    cli = need_cli()
    tree = tmp_path / "tree"
    (tree / "b" / "deeper").mkdir(parents=True)
    (tree / ".hidden").mkdir()
    for i, p in enumerate(EXAMPLES):
        dest = tree / ("b" if i % 2 else "") / p.name
        dest.write_bytes(p.read_bytes())
    (tree / "b" / "deeper" / "page.html").write_bytes(
        b"<!DOCTYPE html><html><body><h1>MLOps Engineer</h1><p>MLflow and "
        b"Feast feature store.</p><p>Kubeflow</p></body></html>")
    (tree / ".hidden" / "x.md").write_bytes(b"MLflow")
    (tree / ".dot.md").write_bytes(b"MLflow")
    (tree / "link.md").symlink_to(EXAMPLES[0])
    (tree / "labels.tsv").write_bytes(b"id\tlabel\n")
    (tree / "b" / "NOEXT").write_bytes(b"MLOps Engineer\nMLflow")
    (tree / "b" / "blob").write_bytes(b"MLflow\0\1")
    files = [str(p) for p in relative(EXAMPLES)]
    cases = [
        ["-r", str(tree)],
        ["-r", "-t", "1", str(tree), files[0]],
        ["-r", "-t", "3", str(tree), files[0], str(tree)],
        ["--html", "-r", str(tree)],
        ["--no-html", "-r", str(tree)],
        ["-t", "8", *files, *files],
        ["--max-input", "2K", *files],
        ["--max-input", "1k", "-t", "2", *files],
        ["-e", "-j", files[0]],
        ["-je", "-rt2", "--max-input=1M", str(tree)],
        ["-r", "--include=*.tsv", "--exclude", "b", str(tree)],
        ["--recursive", "--exclude=*.html", "--thr=1", str(tree)],
        ["--color=always", "--html", "-r", str(tree)],
    ]
    for args in cases:
        want = run([cli, "--json", *args])
        got = py_main(args)
        assert (got.returncode, got.stdout, got.stderr) == \
            (want.returncode, want.stdout, want.stderr), args


def test_python_m_jdclass_odd_file_names(tmp_path):
    cli = need_cli()
    data = EXAMPLES[0].read_bytes()
    names = [b"caf\xc3\xa9 \"quoted\".md", b"bad-\xff-utf8.md",
             b"tab\tand\\back.md"]
    paths = []
    for n in names:
        p = os.path.join(os.fsencode(tmp_path), n)
        with open(p, "wb") as f:
            f.write(data)
        paths.append(os.fsdecode(p))
    want = run([cli, "--json", *paths])
    got = py_main(paths)
    assert want.returncode == got.returncode == 0
    assert got.stdout == want.stdout


@pytest.mark.parametrize("cli_html,html", [([], "auto"),
                                           (["--no-html"], False),
                                           (["--html"], True)])
def test_every_corpus_posting_agrees(cli_html, html):
    """jdclass --json (HTML detection by default, --no-html, --html) and
    the bindings (html="auto", False, True) agree on every posting: the
    JSON objects, the accessors and `python3 -m jdclass`'s bytes."""
    postings = corpus_postings()
    cli = need_cli()
    root = postings[0].parent
    names = [p.name for p in postings]
    want = run([cli, "--json", *cli_html, *names], cwd=root, timeout=600)
    assert want.returncode == 0, want.stderr.decode(errors="replace")
    lines = want.stdout.split(b"\n")[:-1]
    assert len(lines) == len(postings)
    texts = [p.read_bytes() for p in postings]
    results = jdclass.classify_many(texts, html=html)
    mismatched = []
    for name, line, r, text in zip(names, lines, results, texts):
        obj = json.loads(line)
        assert obj["file"] == name
        single = jdclass.classify(text, html=html)
        accessors_agree = (
            r.label == obj["label"]
            and round(r.score, 4) == pytest.approx(obj["score"], abs=1e-9)
            and [(m.term, m.start, m.end) for m in r.matches]
            == [(m["term"], m["start"], m["end"]) for m in obj["matches"]]
            and [s.id for s in r.signals]
            == [s["id"] for s in obj["signals"]])
        if (r.to_dict() != without_file(obj) or single != r
                or not accessors_agree):
            mismatched.append(name)
    assert not mismatched, f"{len(mismatched)} postings differ: " \
        f"{mismatched[:10]}"
    # and `python3 -m jdclass` prints the same bytes for the whole corpus
    got = py_main([*cli_html, *names], cwd=root, timeout=600)
    assert got.returncode == 0
    assert got.stdout == want.stdout


def test_python_m_jdclass_progress_bar_never_corrupts_the_output(tmp_path):
    """With stdout and stderr on one terminal (60 inputs: the bar shows),
    every line the terminal shows is clean JSON and the bar is gone at the
    end; with stdout piped, stdout never holds the bar."""
    import pty
    import select
    d = tmp_path / "many"
    d.mkdir()
    for i in range(60):
        (d / f"p{i:02}.md").write_bytes(EXAMPLES[0].read_bytes())
    env = python_env(PYTHONPATH=str(BINDINGS_DIR))
    for stdout_pty in (True, False):
        master, slave = pty.openpty()
        proc = subprocess.Popen(
            [PYTHON, "-m", "jdclass", "-t2", "-r", str(d)],
            stdin=subprocess.DEVNULL, stderr=slave, env=env, cwd=tmp_path,
            stdout=slave if stdout_pty else subprocess.PIPE)
        os.close(slave)
        piped = []                     # drain a piped stdout meanwhile
        reader = threading.Thread(target=lambda: piped.append(
            proc.stdout.read() if proc.stdout else b""))
        reader.start()
        raw = b""
        while True:
            r, _, _ = select.select([master], [], [], 120)
            assert r, "no output on the terminal"
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            raw += chunk
        os.close(master)
        reader.join()
        out = piped[0]
        assert proc.wait(timeout=120) == 0
        assert b"/60" in raw, "no progress bar was drawn"
        # what the terminal shows: \r to column 0, ESC[K erases to the end
        lines, cur, col = [], [], 0
        data = raw.replace(b"\r\n", b"\n")
        i = 0
        while i < len(data):
            if data[i:i + 1] == b"\n":
                lines.append(b"".join(cur))
                cur, col = [], 0
            elif data[i:i + 1] == b"\r":
                col = 0
            elif data.startswith(b"\x1b[K", i):
                del cur[col:]
                i += 3
                continue
            else:
                if col < len(cur):
                    cur[col] = data[i:i + 1]
                else:
                    cur.append(data[i:i + 1])
                col += 1
            i += 1
        lines.append(b"".join(cur))
        assert lines[-1] == b""
        if stdout_pty:
            assert len([json.loads(x) for x in lines[:-1]]) == 60
        else:
            assert b"\r" not in out and b"\x1b" not in out
            assert len([json.loads(x) for x in out.splitlines()]) == 60
