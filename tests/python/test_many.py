"""classify_many: same results as classify, in input order, on threads."""

from __future__ import annotations

import threading

import pytest

from conftest import EXAMPLES

import jdclass


def postings() -> list:
    """The examples, as str and bytes, and a few edge cases, shuffled into
    a fixed order so neighbours differ."""
    texts = []
    for p in EXAMPLES:
        texts.append(p.read_text(encoding="utf-8"))
        texts.append(p.read_bytes())
    texts += ["", b"", "MLflow", b"\xff\xfe noise \x80", "# LLM engineer\n"]
    return [texts[(i * 7) % len(texts)] for i in range(len(texts))] * 5


@pytest.mark.parametrize("workers", [None, 1, 2, 8])
def test_same_results_in_the_same_order(workers):
    texts = postings()
    expected = [jdclass.classify(t) for t in texts]
    got = jdclass.classify_many(texts, workers=workers)
    assert len(got) == len(expected)
    for i, (g, e) in enumerate(zip(got, expected)):
        assert g == e, f"result {i} differs"
        assert g.to_json() == e.to_json()


def test_any_iterable_and_empty():
    texts = [p.read_bytes() for p in EXAMPLES]
    assert jdclass.classify_many(iter(texts), workers=3) == \
        [jdclass.classify(t) for t in texts]
    assert jdclass.classify_many(t for t in texts) == \
        jdclass.classify_many(texts)
    assert jdclass.classify_many([]) == []
    assert jdclass.classify_many((), workers=8) == []


def test_options_are_passed():
    text = "MLOps Engineer\nWe use spreadsheets.\n"
    many = jdclass.classify_many([text] * 3, no_title=True, workers=2)
    assert many == [jdclass.classify(text, no_title=True)] * 3
    model = jdclass.default_model()
    assert jdclass.classify_many([text], model=model) == \
        [jdclass.classify(text)]


def test_model_shared_by_threads():
    from conftest import MODELS_DIR
    texts = [p.read_bytes() for p in EXAMPLES] * 10
    with jdclass.Model(MODELS_DIR) as m:
        assert jdclass.classify_many(texts, model=m, workers=8) == \
            [jdclass.classify(t) for t in texts]


def test_bad_arguments():
    with pytest.raises(TypeError):
        jdclass.classify_many(["ok", 42])
    with pytest.raises(TypeError):
        jdclass.classify_many("a single string")
    with pytest.raises(TypeError):
        jdclass.classify_many(b"single bytes")
    with pytest.raises(TypeError):
        jdclass.classify_many(["x"], workers="2")       # type: ignore
    with pytest.raises(TypeError):
        jdclass.classify_many(["x"], workers=2.0)       # type: ignore
    with pytest.raises(ValueError):
        jdclass.classify_many(["x"], workers=0)
    with pytest.raises(TypeError):
        jdclass.classify_many(["x"], model="default")   # type: ignore
    with pytest.raises(TypeError):
        jdclass.classify_many(["x"], html=None)         # type: ignore


def test_error_in_one_posting_propagates():
    texts = ["MLflow", b" " * (jdclass.MAX_INPUT_DEFAULT + 1), "Feast"]
    with pytest.raises(jdclass.Error) as ei:
        jdclass.classify_many(texts, workers=2)
    assert ei.value.code == jdclass.ETOOBIG


def test_runs_on_several_threads():
    seen = set()
    original = jdclass.Model._classify

    def spy(self, *args):
        seen.add(threading.get_ident())
        return original(self, *args)

    jdclass.Model._classify = spy
    try:
        jdclass.classify_many([p.read_bytes() for p in EXAMPLES] * 20,
                              workers=4)
    finally:
        jdclass.Model._classify = original
    assert len(seen) > 1
