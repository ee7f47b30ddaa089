"""Every call of the jdclass Python API, its types and its errors."""

from __future__ import annotations

import dataclasses
import gc
import math
import pickle
import shutil
import threading

import pytest

from conftest import EXAMPLES, MODELS_DIR

import jdclass

POSTING = ("# Senior MLOps Engineer\n"
           "London (hybrid), permanent, £85,000 - £100,000 per year.\n\n"
           "## What you will do\n"
           "Own our MLflow model registry and Feast feature store, build "
           "Kubeflow training pipelines and monitor data drift with "
           "Evidently.\n\n"
           "## Requirements\n"
           "5+ years of Python; Kubernetes, Terraform and AWS.\n")

LABELS = {"mlops", "llmops", "hybrid", "other"}


def example(name: str) -> bytes:
    return next(p for p in EXAMPLES if p.name == name).read_bytes()


# ---- classify ----------------------------------------------------------------

def test_classify_str():
    r = jdclass.classify(POSTING)
    assert isinstance(r, jdclass.Result)
    assert r.label == "mlops"
    assert 0.0 < r.score <= 1.0
    assert set(r.scores) == {"mlops", "llmops"}
    assert r.scores["mlops"] > r.scores["llmops"]
    terms = {m.term for m in r.matches}
    assert {"MLflow", "Feast"} <= terms
    assert all(isinstance(m, jdclass.Match) for m in r.matches)


def test_str_and_bytes_give_the_same_result():
    assert jdclass.classify(POSTING) == \
        jdclass.classify(POSTING.encode("utf-8"))
    for src in (bytearray, memoryview):
        assert jdclass.classify(src(POSTING.encode())) == \
            jdclass.classify(POSTING)


def test_offsets_are_byte_offsets_into_the_utf8_input():
    text = "# Ingénieur·e MLOps — équipe données\n" + POSTING[2:]
    data = text.encode("utf-8")
    r = jdclass.classify(text)
    assert r.matches
    for m in r.matches:
        assert 0 <= m.start < m.end <= len(data)
    evidently = [m for m in r.matches
                 if data[m.start:m.end] == b"Evidently"]
    assert evidently, "no match spans the bytes of 'Evidently'"
    assert evidently[0].start == data.index(b"Evidently")
    assert evidently[0].start != text.index("Evidently")   # not str index
    for s in r.signals:
        assert 0 <= s.start <= s.end <= len(data)


def test_match_fields():
    r = jdclass.classify(POSTING)
    title = [m for m in r.matches if m.title]
    assert title and all(m.section == "title" for m in title)
    for m in r.matches:
        assert m.track in {"mlops", "llmops", "ml", "shared", "other"}
        assert isinstance(m.layer, str) and m.layer
        assert isinstance(m.negated, bool) and isinstance(m.title, bool)
        assert isinstance(m.weight, float)
        assert POSTING.encode()[m.start:m.end]


def test_negated_match():
    r = jdclass.classify("# Data Engineer\nNo ML in production yet: we do "
                         "not use MLflow.\n")
    assert any(m.negated for m in r.matches)


def test_signals_and_contributions():
    r = jdclass.classify(POSTING)
    assert r.signals, "the posting should fire a flag (feature store)"
    for s in r.signals:
        assert isinstance(s, jdclass.Signal)
        assert s.polarity in {"red", "green"}
        assert s.id and s.message
    ids = {s.id for s in r.signals}
    assert "feature-store" in ids
    assert r.contributions
    for c in r.contributions:
        assert isinstance(c, jdclass.Contribution)
        assert c.track in {"mlops", "llmops", "ml", "shared", "other"}
        assert c.evidence >= 0 and c.count >= 0
        assert isinstance(c.in_title, bool)
    assert {c.term for c in r.contributions} <= {m.term for m in r.matches}


def test_seniority_salary_terms_market_types():
    r = jdclass.classify(POSTING)
    s = r.seniority
    assert isinstance(s, jdclass.Seniority)
    assert s.level in {"junior", "mid", "senior", "staff", "unknown"}
    if s.level == "unknown":
        assert (s.start, s.end) == (0, 0)
    else:
        assert 0 <= s.start < s.end <= len(POSTING.encode())
    assert isinstance(r.salary, list)
    for sal in r.salary:
        assert isinstance(sal, jdclass.Salary)
        for x in (sal.min, sal.max):
            assert x is None or (isinstance(x, float) and not math.isnan(x))
        assert isinstance(sal.currency, str)
        assert sal.period in {None, "year", "month", "day", "hour"}
    assert isinstance(r.terms, jdclass.Terms)
    for f in dataclasses.fields(jdclass.Terms):
        assert getattr(r.terms, f.name) is None or \
            isinstance(getattr(r.terms, f.name), str)
    m = r.market
    assert isinstance(m, jdclass.Market)
    assert m.verdict in {"below", "within", "above", "unknown"}
    for x in (m.band_min, m.band_max):
        assert x is None or not math.isnan(x)


def test_empty_input():
    for empty in ("", b""):
        r = jdclass.classify(empty)
        assert r.label == "other"
        assert r.score == 0.0
        assert r.matches == [] and r.contributions == []
        assert r.scores == {"mlops": 0.0, "llmops": 0.0}
        assert r.to_dict()["label"] == "other"
        assert r.to_dict()["score"] == 0


def test_non_utf8_bytes():
    data = (b"# MLOps Engineer\n\xff\xfe\xc0\xaf MLflow \xed\xa0\x80 "
            b"feature store\x00 Feast \x80\x80\n")
    r = jdclass.classify(data)
    assert r.label in LABELS
    for m in r.matches:
        assert 0 <= m.start < m.end <= len(data)
    assert any(data[m.start:m.end] == b"MLflow" for m in r.matches)
    r.to_dict()                                # valid JSON
    # binary noise
    noise = bytes(range(256)) * 64
    assert jdclass.classify(noise).label in LABELS


def test_str_with_lone_surrogates():
    # surrogateescape'd bytes (as os.fsdecode makes) go back to their byte;
    # other lone surrogates are passed as their (invalid) UTF-8 form.
    escaped = b"\xffMLflow and Feast feature store".decode(
        "utf-8", "surrogateescape")
    assert jdclass.classify(escaped) == \
        jdclass.classify(b"\xffMLflow and Feast feature store")
    r = jdclass.classify("\ud800 MLflow \udfff feature store")
    assert {"MLflow", "feature store"} <= {m.term for m in r.matches}
    m = [m for m in r.matches if m.term == "MLflow"][0]
    assert (m.start, m.end) == (4, 10)


def test_no_title_flag():
    text = "MLOps Engineer\nWe use spreadsheets.\n"
    with_title = jdclass.classify(text)
    without = jdclass.classify(text, no_title=True)
    assert any(m.title for m in with_title.matches)
    assert not any(m.title for m in without.matches)


HTML = ("<!DOCTYPE html><html><head><style>p{color:red}</style>"
        "<script>var feast = 'MLflow';</script></head><body>"
        "<h1>Senior MLOps Engineer</h1><p>Own our MLflow registry "
        "&amp; Feast feature store.</p><!-- Kubeflow --></body></html>")


def test_html_auto():
    try:
        auto = jdclass.classify(HTML, html="auto")
    except jdclass.Error as e:
        assert e.code == jdclass.EINVAL
        return
    assert auto == jdclass.classify(HTML, html=True)
    assert jdclass.classify(POSTING, html="auto") == jdclass.classify(POSTING)


def test_html_flag_works_or_propagates_einval():
    html = HTML
    try:
        r = jdclass.classify(html, html=True)
    except jdclass.Error as e:
        # a library without HTML support rejects the flag
        assert e.code == jdclass.EINVAL
        assert str(e)
        return
    data = html.encode()
    assert r.label == "mlops"
    assert not [m for m in r.matches if b"<" in data[m.start:m.end]], \
        "a match spans a tag"
    spans = [data[m.start:m.end] for m in r.matches]
    assert b"MLflow" in spans and b"Feast" in spans
    # the same posting as text gives the same label and terms
    text = jdclass.classify("Senior MLOps Engineer\nOwn our MLflow registry "
                            "& Feast feature store.\n")
    assert r.label == text.label
    assert [m.term for m in r.matches] == [m.term for m in text.matches]


def test_max_input():
    data = POSTING.encode()
    with pytest.raises(jdclass.Error) as ei:
        jdclass.classify(data, max_input=len(data) - 1)
    assert ei.value.code == jdclass.ETOOBIG
    assert jdclass.classify(data, max_input=len(data)) == \
        jdclass.classify(data)
    assert jdclass.classify(data, max_input=2**70) == jdclass.classify(data)
    with pytest.raises(ValueError):
        jdclass.classify(data, max_input=0)
    with pytest.raises(TypeError):
        jdclass.classify(data, max_input="1M")       # type: ignore
    with pytest.raises(TypeError):
        jdclass.classify(data, max_input=True)       # type: ignore


def test_flags_reach_the_library(monkeypatch):
    """html / no_title / max_input become the documented flag bits and the
    jdc_classify_ex() limit."""
    from jdclass import _lib
    calls = []
    real, real_ex = _lib.lib.jdc_classify, _lib.lib.jdc_classify_ex

    def spy(out, model, text, n, flags):
        calls.append((flags, None))
        return real(out, model, text, n, flags)

    def spy_ex(out, model, text, n, flags, limit):
        calls.append((flags, limit))
        return real_ex(out, model, text, n, flags, limit)

    monkeypatch.setattr(_lib.lib, "jdc_classify", spy)
    monkeypatch.setattr(_lib.lib, "jdc_classify_ex", spy_ex)
    jdclass.classify("x")
    jdclass.classify("x", no_title=True)
    jdclass.classify("x", max_input=100)
    for html in (True, "auto"):
        try:
            jdclass.classify("x", html=html, no_title=True)
        except jdclass.Error as e:
            assert e.code == jdclass.EINVAL
    jdclass.classify_many(["x", "y"], no_title=True, workers=2)
    assert calls == [
        (0, None), (jdclass.FLAG_NO_TITLE, None), (0, 100),
        (jdclass.FLAG_HTML | jdclass.FLAG_NO_TITLE, None),
        (jdclass.FLAG_HTML_AUTO | jdclass.FLAG_NO_TITLE, None),
        (jdclass.FLAG_NO_TITLE, None), (jdclass.FLAG_NO_TITLE, None)]


def test_too_big_input_is_error():
    data = b" " * (jdclass.MAX_INPUT_DEFAULT + 1)
    with pytest.raises(jdclass.Error) as ei:
        jdclass.classify(data)
    assert ei.value.code == jdclass.ETOOBIG
    assert str(ei.value)


@pytest.mark.parametrize("bad", [None, 42, 3.5, ["text"], object()])
def test_wrong_text_type(bad):
    with pytest.raises(TypeError):
        jdclass.classify(bad)


def test_wrong_option_types():
    with pytest.raises(ValueError):
        jdclass.classify("x", html="yes")
    with pytest.raises(TypeError):
        jdclass.classify("x", html=None)
    with pytest.raises(TypeError):
        jdclass.classify("x", html=1)
    with pytest.raises(TypeError):
        jdclass.classify("x", no_title=None)
    with pytest.raises(TypeError):
        jdclass.classify("x", model="models/")
    with pytest.raises(TypeError):
        jdclass.classify("x", "positional-html")       # keyword only


# ---- Result ------------------------------------------------------------------

def test_result_is_a_frozen_dataclass():
    r = jdclass.classify(POSTING)
    assert dataclasses.is_dataclass(r)
    names = [f.name for f in dataclasses.fields(r)]
    for n in ("label", "score", "scores", "matches", "signals",
              "contributions", "seniority", "salary", "terms", "market"):
        assert n in names
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.label = "other"                              # type: ignore
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.matches[0].term = "x"                        # type: ignore
    for cls in (jdclass.Match, jdclass.Signal, jdclass.Contribution,
                jdclass.Seniority, jdclass.Salary, jdclass.Terms,
                jdclass.Market):
        assert dataclasses.is_dataclass(cls)


def test_fast_constructed_items_equal_ordinary_ones():
    r = jdclass.classify(POSTING)
    for item in [*r.matches, *r.signals, *r.contributions, *r.salary]:
        again = type(item)(**dataclasses.asdict(item))
        assert again == item and repr(again) == repr(item)
        assert hash(again) == hash(item)


def test_to_dict_matches_the_accessors():
    for path in EXAMPLES:
        r = jdclass.classify(path.read_bytes())
        d = r.to_dict()
        assert list(d)[:7] == ["label", "score", "scores", "probabilities",
                               "model", "matches", "signals"]
        assert d["label"] == r.label
        assert d["score"] == pytest.approx(r.score, abs=6e-5)
        for t in ("mlops", "llmops"):
            assert d["scores"][t] == pytest.approx(r.scores[t], abs=6e-5)
        m = jdclass.default_model()
        assert d["model"] == {"name": m.name, "version": m.version}
        assert d["matches"] == [
            {"term": x.term, "track": x.track, "layer": x.layer,
             "section": x.section, "start": x.start, "end": x.end,
             "title": x.title, "negated": x.negated} for x in r.matches]
        assert d["signals"] == [
            {"id": s.id, "polarity": s.polarity, "message": s.message,
             "start": s.start, "end": s.end} for s in r.signals]
        assert r.to_dict() is not d                    # a fresh dict
        assert r.to_json().startswith('{"label":')


def test_result_pickles():
    r = jdclass.classify(POSTING)
    again = pickle.loads(pickle.dumps(r))
    assert again == r and again.to_dict() == r.to_dict()


# ---- models ------------------------------------------------------------------

def test_default_model():
    m = jdclass.default_model()
    assert m is jdclass.default_model()
    assert m.name == "default"
    assert m.version
    assert m.term_count > 100
    assert m.path is None
    assert "default" in repr(m)
    m.close()                                  # no-op for the default
    assert not m.closed
    assert m.classify(POSTING) == jdclass.classify(POSTING)
    with m:
        pass
    assert jdclass.classify("MLflow", model=m).label in LABELS


def test_model_from_directory(tmp_path):
    d = tmp_path / "model"
    shutil.copytree(MODELS_DIR, d, ignore=shutil.ignore_patterns("*.md"))
    with jdclass.Model(d) as m:
        assert m.path == str(d)
        default = jdclass.default_model()
        assert (m.name, m.version, m.term_count) == \
            (default.name, default.version, default.term_count)
        assert m.classify(POSTING) == jdclass.classify(POSTING)
        assert jdclass.classify(POSTING, model=m) == jdclass.classify(POSTING)
        assert str(d) in repr(m)
    assert m.closed
    assert "closed" in repr(m)
    for use in (lambda: m.classify(POSTING), lambda: m.name,
                lambda: m.version, lambda: m.term_count,
                lambda: jdclass.classify(POSTING, model=m),
                lambda: jdclass.classify_many([POSTING], model=m)):
        with pytest.raises(ValueError):
            use()
    m.close()                                  # idempotent


def test_model_path_types(tmp_path):
    for arg in (str(MODELS_DIR), MODELS_DIR, str(MODELS_DIR).encode()):
        with jdclass.Model(arg) as m:
            assert m.term_count > 0
    with pytest.raises(TypeError):
        jdclass.Model(42)                      # type: ignore
    with pytest.raises(TypeError):
        jdclass.Model(None)                    # type: ignore
    with pytest.raises(ValueError):
        jdclass.Model("models\0x")


def test_model_freed_when_collected():
    m = jdclass.Model(MODELS_DIR)
    fin = m._finalizer
    assert fin.alive
    del m
    gc.collect()
    assert not fin.alive


def test_model_pickles_by_path():
    with jdclass.Model(MODELS_DIR) as m:
        again = pickle.loads(pickle.dumps(m))
        with again:
            assert again.path == m.path and again.name == m.name
    assert pickle.loads(pickle.dumps(jdclass.default_model())) is \
        jdclass.default_model()


def test_missing_model_directory_is_eio(tmp_path):
    missing = tmp_path / "no-such-model"
    with pytest.raises(jdclass.Error) as ei:
        jdclass.Model(missing)
    e = ei.value
    assert isinstance(e, Exception)
    assert e.code == jdclass.EIO == -3
    assert str(missing) in e.message and str(missing) in str(e)
    assert "Error(-3" in repr(e)
    again = pickle.loads(pickle.dumps(e))
    assert (again.code, again.message) == (e.code, e.message)


def test_malformed_model_gives_file_and_line(tmp_path):
    d = tmp_path / "bad"
    shutil.copytree(MODELS_DIR, d, ignore=shutil.ignore_patterns("*.md"))
    terms = sorted(d.glob("*.terms"))[0]
    lines = terms.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "this line is not a term entry ;; ;; ;;")
    terms.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(jdclass.Error) as ei:
        jdclass.Model(d)
    e = ei.value
    assert e.code == jdclass.EFORMAT
    assert f"{terms.name}:4:" in e.message, e.message


def test_malformed_model_conf(tmp_path):
    d = tmp_path / "bad"
    shutil.copytree(MODELS_DIR, d, ignore=shutil.ignore_patterns("*.md"))
    conf = d / "model.conf"
    conf.write_text(conf.read_text() + "no_such_key = 1\n")
    with pytest.raises(jdclass.Error) as ei:
        jdclass.Model(d)
    assert ei.value.code == jdclass.EFORMAT
    assert "model.conf:" in ei.value.message


def test_error_message_is_per_thread(tmp_path):
    # The message is read on the failing thread right after the call.
    messages = {}

    def load(i):
        path = tmp_path / f"missing-{i}"
        try:
            jdclass.Model(path)
        except jdclass.Error as e:
            messages[i] = (str(path), e.message)

    threads = [threading.Thread(target=load, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(messages) == 16
    for path, message in messages.values():
        assert path in message


def test_close_while_other_threads_classify():
    m = jdclass.Model(MODELS_DIR)
    text = example("hybrid-ml-engineer.md")
    expected = jdclass.classify(text)
    start = threading.Barrier(5)
    results, errors = [], []

    def work():
        start.wait()
        for _ in range(50):
            try:
                results.append(m.classify(text))
            except ValueError:
                errors.append("closed")
                return

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    start.wait()
    m.close()
    for t in threads:
        t.join()
    assert all(r == expected for r in results)
    assert m.closed
    assert not m._finalizer.alive


# ---- small functions ---------------------------------------------------------

def test_strerror_and_track_name():
    assert jdclass.strerror(jdclass.OK)
    assert jdclass.strerror(jdclass.EIO) != jdclass.strerror(jdclass.EINVAL)
    assert jdclass.strerror(12345) == "unknown error"
    assert jdclass.strerror(1 << 40) == "unknown error"
    assert [jdclass.track_name(i) for i in range(4)] == \
        ["other", "mlops", "llmops", "hybrid"]
    assert jdclass.track_name(99) == "unknown"
    with pytest.raises(TypeError):
        jdclass.strerror("EIO")                 # type: ignore
    with pytest.raises(TypeError):
        jdclass.track_name(None)                # type: ignore


def test_status_constants():
    assert (jdclass.OK, jdclass.ERROR, jdclass.ENOMEM, jdclass.EIO,
            jdclass.EFORMAT, jdclass.ESTEMMER, jdclass.EINVAL,
            jdclass.ETOOBIG) == (0, -1, -2, -3, -4, -5, -6, -7)
    assert issubclass(jdclass.Error, Exception)


def test_thread_cleanup():
    jdclass.classify(POSTING)
    jdclass.thread_cleanup()
    jdclass.thread_cleanup()
    assert jdclass.classify(POSTING).label == "mlops"


def test_public_names():
    for name in jdclass.__all__:
        assert hasattr(jdclass, name), name
        obj = getattr(jdclass, name)
        if callable(obj) and not isinstance(obj, int):
            assert obj.__doc__, f"{name} has no docstring"


def test_probabilities_match_the_json():
    for path in EXAMPLES:
        r = jdclass.classify(path.read_bytes())
        assert set(r.probabilities) == {"other", "mlops", "llmops", "hybrid"}
        assert sum(r.probabilities.values()) == pytest.approx(1.0, abs=1e-9)
        assert r.probabilities[r.label] == pytest.approx(r.score)
        d = r.to_dict()
        for k, v in r.probabilities.items():
            assert d["probabilities"][k] == pytest.approx(v, abs=6e-5)
