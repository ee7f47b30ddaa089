"""What a Python user relies on beyond the calls themselves: character
offsets for str input, a compact repr, to_dict() equal to the CLI's JSON
object, classify_iter streaming with failures in place, lazy details,
docstrings and type hints on every public name, and a pip install that
imports outside the repository."""

from __future__ import annotations

import gc
import inspect
import itertools
import os
import pickle
import pydoc
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import (BINDINGS_DIR, EXAMPLES, HEADER, MODELS_DIR, PYTHON,
                      SOURCE_DIR, cli_json, python_env, run)

import jdclass

# Non-ASCII before, inside and between the spans: 2-, 3- and 4-byte
# characters, and a lone surrogate (passed as its 3-byte form).
UNICODE_POSTING = (
    "# Señior MLOps Engineer — Zürich 🚀\n"
    "Salary £90,000 – £120,000 per year, hybrid.\n\n"
    "## What you will do\n"
    "Own our MLflow model registry (名前 \ud800) and the Feast feature store; "
    "Kubeflow pipelines ✓, drift monitoring with Evidently.\n")


def spans(r):
    return [*r.matches, *r.signals, *r.salary, r.seniority]


# ---- character offsets -------------------------------------------------------

def test_char_offsets_slice_the_str():
    text = UNICODE_POSTING
    data = text.encode("utf-8", "jdclass.surrogates")
    r = jdclass.classify(text)
    assert r.matches and r.salary and r.signals
    assert len(data) != len(text)
    for s in spans(r):
        assert text[s.start_char:s.end_char] == s.text, s
        # the byte offsets still slice the UTF-8 bytes
        assert data[s.start:s.end] == s.text.encode("utf-8",
                                                    "jdclass.surrogates")
    terms = {m.term: m for m in r.matches}
    assert terms["Feast"].text == "Feast"
    assert terms["Evidently"].text == "Evidently"
    assert r.salary[0].text.startswith("£90,000")
    # the bug of the issue: byte offsets applied to the str
    m = terms["Evidently"]
    assert text[m.start:m.end] != "Evidently"


def test_char_offsets_every_character_width():
    for ch in ("é", "—", "名", "🚀", "\udcff", "\ud800"):
        text = (ch * 3) + " MLflow " + ch + " Kubeflow " + ch
        r = jdclass.classify(text)
        got = [(m.text, text[m.start_char:m.end_char]) for m in r.matches]
        assert got == [("MLflow", "MLflow"), ("Kubeflow", "Kubeflow")], ch


def test_bytes_input_has_byte_offsets_only():
    data = UNICODE_POSTING.encode("utf-8", "surrogatepass")
    r = jdclass.classify(data)
    for s in spans(r):
        assert s.start_char is None and s.end_char is None
        assert s.text == data[s.start:s.end].decode("utf-8", "replace")


def test_char_offsets_in_batches_and_pickles():
    texts = [UNICODE_POSTING, "é" * 50 + " MLflow", b"MLflow"]
    for results in (jdclass.classify_many(texts, workers=2),
                    list(jdclass.classify_iter(texts, workers=2))):
        for t, r in zip(texts, results):
            for s in spans(r):
                if isinstance(t, str):
                    assert t[s.start_char:s.end_char] == s.text
    r = pickle.loads(pickle.dumps(jdclass.classify(UNICODE_POSTING)))
    assert [m.text for m in r.matches] == \
        [m.text for m in jdclass.classify(UNICODE_POSTING).matches]


# ---- repr and to_dict ------------------------------------------------------------

def test_compact_repr():
    r = jdclass.classify(EXAMPLES[0].read_bytes())
    text = repr(r)
    assert re.fullmatch(r"<Result (mlops|llmops|hybrid|other) \d\.\d\d "
                        r"mlops=\d\.\d\d llmops=\d\.\d\d \d+ match(es)? "
                        r"\d+ signals?>", text), text
    assert len(text) < 100
    assert f"{len(r.matches)} matches" in text
    assert str(r) == text


def test_to_dict_with_file_equals_the_cli_object():
    files = [p.relative_to(SOURCE_DIR) for p in EXAMPLES]
    for path, obj in zip(files, cli_json(files)):
        r = jdclass.classify((SOURCE_DIR / path).read_bytes())
        d = r.to_dict(file=str(path))
        assert d == obj
        assert list(d) == list(obj)
        import json
        assert json.loads(r.to_json(file=str(path))) == obj
    with pytest.raises(TypeError):
        r.to_dict(file=b"x")                            # type: ignore


# ---- classify_iter ----------------------------------------------------------------

def test_classify_iter_in_order_with_failures():
    good = [p.read_bytes() for p in EXAMPLES]
    too_big = b"MLflow " * 100
    items = [good[0], too_big, 42, good[1], None, "MLflow", good[2]]
    out = list(jdclass.classify_iter(items, workers=3, max_input=500))
    assert len(out) == len(items)
    failures = [x for x in out if not x]
    assert [f.index for f in failures] == [0, 1, 2, 3, 4, 6]
    ok = jdclass.classify("MLflow", max_input=500)
    assert out[5] == ok
    big = out[1]
    assert isinstance(big, jdclass.Failure)
    assert big.code == jdclass.ETOOBIG and "500" in big.message
    assert isinstance(out[2].error, TypeError) and out[2].code is None
    assert "Failure #2 TypeError" in repr(out[2])
    # without a limit the good ones classify like classify()
    out = list(jdclass.classify_iter(items, workers=2))
    for i in (0, 1, 3, 5, 6):
        assert out[i] == jdclass.classify(items[i]), i
    assert [x.index for x in out if not x] == [2, 4]


@pytest.mark.parametrize("workers", [1, 2, 4])
def test_classify_iter_equals_classify(workers):
    texts = [p.read_bytes() for p in EXAMPLES] * 5
    got = list(jdclass.classify_iter(iter(texts), workers=workers))
    assert got == [jdclass.classify(t) for t in texts]


def test_classify_iter_streams_with_bounded_read_ahead():
    consumed = []
    lock = threading.Lock()

    def postings():
        for i in itertools.count():
            with lock:
                consumed.append(i)
            yield "MLflow model registry " + str(i)

    it = jdclass.classify_iter(postings(), workers=2, window=4)
    first = [next(it) for _ in range(3)]
    assert all(first)
    assert len(consumed) <= 3 + 4 + 1          # never the whole (endless) input
    it.close()                                 # stops early, no hang
    assert jdclass.classify("MLflow").label


def test_classify_iter_bad_arguments_raise_at_once():
    with pytest.raises(TypeError):
        jdclass.classify_iter("one posting")
    with pytest.raises(ValueError):
        jdclass.classify_iter([], workers=0)
    with pytest.raises(ValueError):
        jdclass.classify_iter([], window=0)
    with pytest.raises(TypeError):
        jdclass.classify_iter([], html="x" == 1 and 1 or 2)  # type: ignore
    assert list(jdclass.classify_iter([])) == []


# ---- lazy details -------------------------------------------------------------------

def test_details_are_read_once_on_first_access():
    r = jdclass.classify(EXAMPLES[0].read_bytes())
    assert "_pending" in r.__dict__ and "matches" not in r.__dict__
    assert r.label in ("mlops", "llmops", "hybrid", "other")
    assert "matches" not in r.__dict__                 # label is eager
    first = r.matches
    assert "_pending" not in r.__dict__
    assert r.matches is first and r.signals is r.signals


def test_details_from_many_threads_at_once():
    r = jdclass.classify(EXAMPLES[0].read_bytes())
    seen = []
    barrier = threading.Barrier(8)

    def read():
        barrier.wait()
        seen.append(r.matches)

    threads = [threading.Thread(target=read) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(s is seen[0] for s in seen)


def test_unread_result_keeps_a_closed_model_alive(tmp_path):
    model_dir = tmp_path / "model"
    shutil.copytree(MODELS_DIR, model_dir, ignore=shutil.ignore_patterns(
        "*.md"))
    model = jdclass.Model(model_dir)
    r = model.classify(EXAMPLES[0].read_bytes())
    unread = model.classify(EXAMPLES[1].read_bytes())
    model.close()
    assert model.closed
    with pytest.raises(ValueError):
        model.classify("x")
    assert r.matches and r.to_dict()["label"] == r.label  # still readable
    assert model._handle is not None                   # `unread` holds it
    del unread
    gc.collect()
    assert model._handle is None                       # freed at last


# ---- docstrings and type hints ---------------------------------------------------

def public_callables():
    for name in jdclass.__all__:
        obj = getattr(jdclass, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            yield name, obj


def test_every_public_name_has_a_docstring_and_hints():
    for name, obj in public_callables():
        assert inspect.getdoc(obj), name
        funcs = [obj] if inspect.isfunction(obj) else [
            f for n, f in vars(obj).items()
            if inspect.isfunction(f) and (not n.startswith("_")
                                          or n == "__init__")]
        for f in funcs:
            if f.__qualname__.split(".")[0] != getattr(obj, "__name__", ""):
                continue
            assert inspect.getdoc(f), f"{name}.{f.__name__}"
            sig = inspect.signature(f)
            for p in sig.parameters.values():
                if p.name in ("self", "cls"):
                    continue
                assert p.annotation is not inspect.Parameter.empty, \
                    f"{name}.{f.__name__}({p.name})"
            assert sig.return_annotation is not inspect.Signature.empty, \
                f"{name}.{f.__name__} -> ?"
        if inspect.isclass(obj):
            for n, prop in vars(obj).items():
                if isinstance(prop, property):
                    assert prop.__doc__, f"{name}.{n}"


def test_help_reads_like_a_manual():
    text = pydoc.render_doc(jdclass, renderer=pydoc.plaintext)
    for word in ("classify_iter", "classify_many", "start_char", "Failure",
                 "to_dict", "Offsets", "Threads", "Errors", "Example"):
        assert word in text, word


# ---- pip install ----------------------------------------------------------------------

def venv_or_skip(where: Path) -> Path:
    """A virtual environment seeing Debian's setuptools; skipped only when
    venv or pip are not installed."""
    p = run([PYTHON, "-m", "venv", "--system-site-packages", str(where)])
    if p.returncode != 0:
        pytest.skip("skipped: python3 -m venv unavailable (apt-get install "
                    f"python3-venv): {p.stderr.decode(errors='replace')}")
    py = where / "bin" / "python"
    p = run([str(py), "-m", "pip", "--version"])
    if p.returncode != 0:
        pytest.skip("skipped: pip unavailable in the venv (apt-get install "
                    "python3-pip)")
    return py


def outside_env(**extra: str):
    """The environment of a user outside the repository: no
    JDCLASS_LIBRARY, PYTHONPATH or LD_LIBRARY_PATH (unless in `extra`)."""
    base = {"JDCLASS_LIBRARY": "", "PYTHONPATH": "", "LD_LIBRARY_PATH": "",
            "PYTHONNOUSERSITE": "1"}
    base.update(extra)
    return python_env(**base)


CHECK = ("import jdclass, sys; r = jdclass.classify('# MLOps Engineer\\n"
         "MLflow registry'); print(jdclass.library_path); print(r.label); "
         "print(jdclass.__file__)")


def pip_install(py: Path, src: Path, env) -> None:
    p = run([str(py), "-m", "pip", "install", "--no-build-isolation",
             "--no-index", "--no-deps", str(src)], env=env, cwd=src.parent,
            timeout=600)
    assert p.returncode == 0, (p.stdout + p.stderr).decode(errors="replace")


def check_import(py: Path, venv: Path, cwd: Path) -> None:
    p = run([str(py), "-c", CHECK], env=outside_env(), cwd=cwd)
    assert p.returncode == 0, p.stderr.decode(errors="replace")
    lib, label, module = p.stdout.decode().split("\n")[:3]
    assert lib.startswith(str(venv)) and "libjdclass.so" in lib, lib
    assert module.startswith(str(venv)), module
    assert label == "mlops"


def test_pip_install_with_jdclass_library(tmp_path):
    """pip install of a copy of bindings/python with JDCLASS_LIBRARY set at
    build time ships that library; the package imports from anywhere."""
    lib = os.environ.get("JDCLASS_LIBRARY", "")
    if not lib or not Path(lib).is_file():
        pytest.skip("JDCLASS_LIBRARY is not set to the built library")
    py = venv_or_skip(tmp_path / "venv")
    src = tmp_path / "src"
    shutil.copytree(BINDINGS_DIR, src, ignore=shutil.ignore_patterns(
        "build", "*.egg-info", "__pycache__", "libjdclass.so*"))
    env = outside_env(JDCLASS_LIBRARY=lib)
    pip_install(py, src, env)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    check_import(py, tmp_path / "venv", elsewhere)


def test_pip_install_from_a_checkout_ships_the_built_library(tmp_path):
    """pip install ./bindings/python of a checkout with a build tree and no
    environment variable ships build/lib/libjdclass.so.0."""
    lib = os.environ.get("JDCLASS_LIBRARY", "")
    if not lib or not Path(lib).is_file():
        pytest.skip("JDCLASS_LIBRARY is not set to the built library")
    py = venv_or_skip(tmp_path / "venv")
    repo = tmp_path / "repo"
    (repo / "include").mkdir(parents=True)
    shutil.copy(HEADER, repo / "include" / "jdclass.h")
    (repo / "build" / "lib").mkdir(parents=True)
    shutil.copy(lib, repo / "build" / "lib" / "libjdclass.so.0")
    shutil.copytree(BINDINGS_DIR, repo / "bindings" / "python",
                    ignore=shutil.ignore_patterns(
                        "build", "*.egg-info", "__pycache__",
                        "libjdclass.so*"))
    pip_install(py, repo / "bindings" / "python", outside_env())
    shutil.rmtree(repo)                      # nothing of the checkout left
    check_import(py, tmp_path / "venv", tmp_path)
