"""jdclass: classify job postings into the MLOps / LLMOps role tracks.

Python bindings (ctypes, no compiler needed) of the jdclass C library::

    import jdclass

    r = jdclass.classify(open("posting.md", encoding="utf-8").read())
    print(r.label, r.score, r.scores)          # 'mlops' 0.98 {...}
    for m in r.matches:
        print(m.term, m.track, m.layer, m.start, m.end)

    with jdclass.Model("path/to/model") as model:   # another model
        results = jdclass.classify_many(texts, model=model, workers=8)

Offsets (``start``/``end`` of matches, signals, seniority and salary) are
**byte offsets** into the input as the library saw it: the bytes you passed,
or for a ``str`` its UTF-8 encoding (``text.encode("utf-8",
"surrogateescape")``, lone surrogates other than U+DC80..U+DCFF encoded as
their three-byte form). Slice the encoded bytes, not the ``str``, with them.

Threads: a model is immutable; any number of threads may classify with it at
once, and the classification call releases the GIL, so :func:`classify_many`
runs the C work of several postings in parallel (building the Python result
objects holds the GIL: that part does not scale).

Errors of the C library raise :class:`Error` with the status ``code`` and the
library's message; wrong argument types raise TypeError and bad values
ValueError before anything reaches C.
"""

from __future__ import annotations

import codecs
import concurrent.futures
import ctypes
import json
import math
import os
import threading
import weakref
from ctypes import byref, c_size_t
from dataclasses import dataclass, field, fields
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

from . import _lib
from ._lib import lib as _c

__version__ = "0.1.0"

__all__ = [
    "Error", "Model", "default_model", "classify", "classify_many",
    "Result", "Match", "Signal", "Contribution", "Seniority", "Salary",
    "Terms", "Market", "library_version", "library_version_number",
    "library_path", "strerror", "track_name", "thread_cleanup",
    "OK", "ERROR", "ENOMEM", "EIO", "EFORMAT", "ESTEMMER", "EINVAL",
    "ETOOBIG", "FLAG_DEFAULT", "FLAG_NO_TITLE", "FLAG_HTML", "FLAG_HTML_AUTO",
    "MAX_INPUT_DEFAULT", "__version__",
]

# Status codes (jdc_status), flags and limits, as in include/jdclass.h.
OK = _lib.JDC_OK
ERROR = _lib.JDC_ERROR
ENOMEM = _lib.JDC_ENOMEM
EIO = _lib.JDC_EIO
EFORMAT = _lib.JDC_EFORMAT
ESTEMMER = _lib.JDC_ESTEMMER
EINVAL = _lib.JDC_EINVAL
ETOOBIG = _lib.JDC_ETOOBIG
FLAG_DEFAULT = _lib.JDC_FLAG_DEFAULT
FLAG_NO_TITLE = _lib.JDC_FLAG_NO_TITLE
FLAG_HTML = _lib.JDC_FLAG_HTML
FLAG_HTML_AUTO = _lib.JDC_FLAG_HTML_AUTO
MAX_INPUT_DEFAULT = _lib.JDC_MAX_INPUT_DEFAULT

#: Path or name the C library was loaded from.
library_path: str = _lib.path

Text = Union[str, bytes, bytearray, memoryview]
PathArg = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]


# ---- errors ---------------------------------------------------------------

class Error(Exception):
    """A failure reported by the C library.

    Attributes:
        code: the negative ``jdc_status`` code (:data:`EIO`,
            :data:`EFORMAT`...).
        message: the library's detail (``jdc_error_last()``), e.g.
            ``"models/mlops.terms:12: unknown track 'mlop'"``; falls back to
            :func:`strerror` of the code when the library gave none.
    """

    def __init__(self, code: int, message: str) -> None:
        super().__init__(code, message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"jdclass.Error({self.code}, {self.message!r})"


def _decode(b: Optional[bytes]) -> str:
    """A C string as str ('' for NULL); invalid UTF-8 becomes U+FFFD."""
    return b.decode("utf-8", "replace") if b is not None else ""


def _opt(b: Optional[bytes]) -> Optional[str]:
    """A C string as str, None for NULL."""
    return b.decode("utf-8", "replace") if b is not None else None


def strerror(code: int) -> str:
    """One-line description of a status code (``jdc_strerror()``)."""
    if not isinstance(code, int):
        raise TypeError(f"code must be int, not {type(code).__name__}")
    if not -2**31 <= code < 2**31:
        return "unknown error"
    return _decode(_c.jdc_strerror(code))


def _raise_last(code: int) -> None:
    """Raise Error for `code` with the calling thread's jdc_error_last().
    Call it right after the failing C call, on the same thread."""
    message = _decode(_c.jdc_error_last()) or strerror(code)
    raise Error(code, message)


def track_name(track: int) -> str:
    """Name of a ``jdc_track`` value: "other", "mlops", "llmops", "hybrid";
    "unknown" outside the enum (``jdc_track_name()``)."""
    if not isinstance(track, int):
        raise TypeError(f"track must be int, not {type(track).__name__}")
    if not -2**31 <= track < 2**31:
        return "unknown"
    return _decode(_c.jdc_track_name(track))


def library_version() -> str:
    """Version string of the loaded C library, e.g. "0.1.0"."""
    return _decode(_c.jdc_version())


def library_version_number() -> int:
    """Version of the loaded C library as major * 10000 + minor * 100 +
    patch."""
    return int(_c.jdc_version_number())


def thread_cleanup() -> None:
    """Release the calling thread's scratch state in the C library now
    instead of at thread exit (``jdc_thread_cleanup()``). Optional."""
    _c.jdc_thread_cleanup()


# ---- input ----------------------------------------------------------------

def _surrogates(exc: UnicodeError) -> Tuple[bytes, int]:
    """Codec error handler: U+DC80..U+DCFF back to the byte they escape
    (surrogateescape), any other lone surrogate to its three-byte form
    (surrogatepass), so every str can be classified."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = bytearray()
    for ch in exc.object[exc.start:exc.end]:
        cp = ord(ch)
        if 0xDC80 <= cp <= 0xDCFF:
            out.append(cp - 0xDC00)
        elif 0xD800 <= cp <= 0xDFFF:
            out += bytes((0xE0 | cp >> 12, 0x80 | (cp >> 6) & 0x3F,
                          0x80 | cp & 0x3F))
        else:
            raise exc
    return bytes(out), exc.end


codecs.register_error("jdclass.surrogates", _surrogates)


def _as_bytes(text: Any) -> bytes:
    """The bytes jdc_classify() sees for `text` (see the module doc)."""
    if isinstance(text, bytes):
        return text
    if isinstance(text, str):
        return text.encode("utf-8", "jdclass.surrogates")
    if isinstance(text, (bytearray, memoryview)):
        return bytes(text)
    raise TypeError("text must be str or bytes, not "
                    f"{type(text).__name__}")


HtmlArg = Union[bool, str]


def _flags(html: Any, no_title: Any) -> int:
    """jdc_classify() flags from the keyword options; TypeError or
    ValueError for bad values (before anything reaches C)."""
    if html == "auto" and isinstance(html, str):
        flags = _lib.JDC_FLAG_HTML_AUTO
    elif isinstance(html, bool):
        flags = _lib.JDC_FLAG_HTML if html else 0
    elif isinstance(html, str):
        raise ValueError(f"html must be True, False or 'auto', not {html!r}")
    else:
        raise TypeError("html must be bool or 'auto', not "
                        f"{type(html).__name__}")
    if not isinstance(no_title, bool):
        raise TypeError("no_title must be bool, not "
                        f"{type(no_title).__name__}")
    return flags | (_lib.JDC_FLAG_NO_TITLE if no_title else 0)


def _max_input(max_input: Any) -> int:
    """The max_input option as jdc_classify_ex() takes it (0: default)."""
    if max_input is None:
        return 0
    if isinstance(max_input, bool) or not isinstance(max_input, int):
        raise TypeError("max_input must be int or None, not "
                        f"{type(max_input).__name__}")
    if max_input < 1:
        raise ValueError(f"max_input must be at least 1, not {max_input}")
    return min(max_input, 2**64 - 1)


# ---- models ---------------------------------------------------------------

def _free_model(handle: Any) -> None:
    _c.jdc_model_free(handle)


class Model:
    """A classification model: a directory in the layout of ``models/``
    (``model.conf``, ``*.terms``, ``*.signals``, ``*.cues``, ``*.bands``),
    or the built-in default model (:func:`default_model`).

    A model is immutable and may be used by any number of threads at once.
    Close it with :meth:`close` or a ``with`` block; it is also freed when
    collected. Closing while other threads still classify with it defers the
    free until they are done; using it after close raises ValueError.

    Raises:
        Error: the directory or a file is unreadable (code :data:`EIO`), a
            line is malformed (:data:`EFORMAT`, message ``file:line:
            reason``), or the library fails otherwise.
        TypeError: `path` is not a str, bytes or path-like object.
        ValueError: `path` contains a NUL character.
    """

    def __init__(self, path: PathArg) -> None:
        """Load the model in directory `path` (``jdc_model_load()``)."""
        if not isinstance(path, (str, bytes, os.PathLike)):
            raise TypeError("path must be str, bytes or os.PathLike, not "
                            f"{type(path).__name__}")
        raw = os.fsencode(path)
        if b"\0" in raw:
            raise ValueError("path contains a NUL character")
        self._init(os.fsdecode(raw))
        handle = _lib.model_p()
        rc = _c.jdc_model_load(byref(handle), raw)
        if rc != _lib.JDC_OK:
            _raise_last(rc)
        self._handle: Any = handle
        self._finalizer = weakref.finalize(self, _free_model, handle)

    def _init(self, path: Optional[str]) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._users = 0
        self._closing = False
        self._handle = None
        self._finalizer: Optional[weakref.finalize] = None

    @classmethod
    def _builtin(cls) -> "Model":
        """The built-in model (jdc_model_default()); Error when it cannot
        be built."""
        self = cls.__new__(cls)
        self._init(None)
        handle = _c.jdc_model_default()
        if not handle:
            _raise_last(_lib.JDC_ERROR)
        self._handle = handle
        return self

    # -- lifetime --

    def _acquire(self) -> Any:
        """The C handle, counted as in use until _release()."""
        if self._finalizer is None:          # built in: never freed
            if self._handle is None:
                raise ValueError("the model is closed")
            return self._handle
        with self._lock:
            if self._closing or self._handle is None:
                raise ValueError("the model is closed")
            self._users += 1
            return self._handle

    def _release(self) -> None:
        if self._finalizer is None:
            return
        with self._lock:
            self._users -= 1
            if self._closing and self._users == 0:
                self._finalizer()
                self._handle = None

    def close(self) -> None:
        """Free the model (``jdc_model_free()``). Idempotent. The default
        model is owned by the library: closing it does nothing."""
        if self._finalizer is None:
            return
        with self._lock:
            if self._closing:
                return
            self._closing = True
            if self._users == 0:
                self._finalizer()
                self._handle = None

    @property
    def closed(self) -> bool:
        """True after :meth:`close` (never for the default model)."""
        return self._closing

    def __enter__(self) -> "Model":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __reduce__(self) -> Any:
        # Pickled by path, so a model can be sent to worker processes and
        # reloaded there (the default model stays the default model).
        if self._path is None:
            return (default_model, ())
        return (Model, (self._path,))

    # -- queries --

    def _query(self, fn: Any) -> Any:
        handle = self._acquire()
        try:
            return fn(handle)
        finally:
            self._release()

    @property
    def path(self) -> Optional[str]:
        """Directory the model was loaded from; None for the default."""
        return self._path

    @property
    def name(self) -> str:
        """The model's name from ``model.conf``."""
        return _decode(self._query(_c.jdc_model_name))

    @property
    def version(self) -> str:
        """The model's data version from ``model.conf``, e.g.
        "2026.11.0" (not the library version)."""
        return _decode(self._query(_c.jdc_model_version))

    @property
    def term_count(self) -> int:
        """Number of terms (canonical entries) in the model."""
        return int(self._query(_c.jdc_model_term_count))

    def __repr__(self) -> str:
        if self._closing:
            return f"<jdclass.Model {self._path!r} closed>"
        where = "built-in" if self._path is None else repr(self._path)
        return f"<jdclass.Model {where} {self.name} {self.version}>"

    # -- classification --

    def classify(self, text: Text, *, html: HtmlArg = False,
                 no_title: bool = False,
                 max_input: Optional[int] = None) -> "Result":
        """Classify one posting with this model; the same as
        ``jdclass.classify(text, model=self, ...)``, which documents the
        arguments."""
        return self._classify(_as_bytes(text), _flags(html, no_title),
                              _max_input(max_input))

    def _classify(self, data: bytes, flags: int,
                  max_input: int = 0) -> "Result":
        """Classify bytes with ready flags; the C result is converted and
        freed before returning."""
        handle = self._acquire()
        try:
            r = _classify_c(handle, data, flags, max_input)
            try:
                return _result(r)
            finally:
                _c.jdc_result_free(r)
        finally:
            self._release()

    def _classify_json(self, data: bytes, flags: int, max_input: int,
                       file: Optional[bytes], explain: bool = False) -> bytes:
        """jdc_result_json(result, file) of one classification (the line
        ``python3 -m jdclass`` prints)."""
        handle = self._acquire()
        try:
            r = _classify_c(handle, data, flags, max_input)
            try:
                return _json(r, file, explain)
            finally:
                _c.jdc_result_free(r)
        finally:
            self._release()


def _classify_c(handle: Any, data: bytes, flags: int, max_input: int) -> Any:
    """jdc_classify(), or jdc_classify_ex() when max_input is not 0; the
    new jdc_result pointer, or Error with the message read on this thread
    right after the call."""
    r = _lib.result_p()
    if max_input:
        rc = _c.jdc_classify_ex(byref(r), handle, data, len(data), flags,
                                max_input)
    else:
        rc = _c.jdc_classify(byref(r), handle, data, len(data), flags)
    if rc != _lib.JDC_OK:
        _raise_last(rc)
    return r


def _json(r: Any, file: Optional[bytes], explain: bool = False) -> bytes:
    """jdc_result_json_ex() as bytes (with "contributions" when `explain`),
    the C string freed with jdc_free()."""
    p = _c.jdc_result_json_ex(r, file, 1 if explain else 0)
    if not p:
        _raise_last(_lib.JDC_ENOMEM)
    try:
        return ctypes.string_at(p)
    finally:
        _c.jdc_free(p)


_default: Optional[Model] = None
_default_lock = threading.Lock()


def default_model() -> Model:
    """The built-in default model (``jdc_model_default()``), compiled into
    the library from ``models/``. Shared, never freed; :meth:`Model.close`
    on it does nothing.

    Raises:
        Error: the library could not build it (out of memory, no stemmer).
    """
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Model._builtin()
    return _default


# ---- results --------------------------------------------------------------

def _num(x: float) -> Optional[float]:
    """None for NaN (a bound the posting does not state)."""
    return None if math.isnan(x) else float(x)


@dataclass(frozen=True)
class Match:
    """One occurrence of a vocabulary term (``jdc_match``).

    ``start``/``end`` are byte offsets into the input; ``title`` is true in
    the posting's title; ``negated`` when a negation word precedes it in its
    sentence (reported, but it neither counts nor fires a signal)."""

    term: str
    track: str
    layer: str
    section: str
    start: int
    end: int
    title: bool
    negated: bool
    weight: float


@dataclass(frozen=True)
class Signal:
    """A fired red or green flag (``jdc_signal``); ``start``/``end`` is the
    byte span of the evidence sentence."""

    id: str
    polarity: str
    message: str
    start: int
    end: int


@dataclass(frozen=True)
class Contribution:
    """How one term contributed to its track's evidence
    (``jdc_contribution``)."""

    term: str
    track: str
    weight: float
    in_title: bool
    count: int
    section_factor: float
    evidence: float


@dataclass(frozen=True)
class Seniority:
    """Seniority level ("junior", "mid", "senior", "staff" or "unknown")
    and the byte span of its evidence (0, 0 when unknown)."""

    level: str
    start: int
    end: int


@dataclass(frozen=True)
class Salary:
    """A salary range stated in the posting (``jdc_salary``). ``min`` or
    ``max`` is None when not stated ("up to X"); ``currency`` is "" and
    ``period`` None when unknown."""

    min: Optional[float]
    max: Optional[float]
    currency: str
    period: Optional[str]
    start: int
    end: int


@dataclass(frozen=True)
class Terms:
    """Work terms (``jdc_terms``); each None when the posting does not
    say."""

    employment: Optional[str] = None
    ir35: Optional[str] = None
    workmode: Optional[str] = None
    region: Optional[str] = None
    city: Optional[str] = None


@dataclass(frozen=True)
class Market:
    """The headline salary against the UK market band (``jdc_market``).
    ``band_min``/``band_max`` (GBP) and ``source`` are None when unknown;
    ``missing`` says what is missing when the verdict is "unknown"."""

    verdict: str = "unknown"
    band_min: Optional[float] = None
    band_max: Optional[float] = None
    source: Optional[str] = None
    missing: Optional[str] = None


@dataclass(frozen=True)
class Result:
    """The classification of one posting.

    Attributes:
        label: "mlops", "llmops", "hybrid" or "other".
        score: confidence in the label, in [0, 1].
        scores: ``{"mlops": x, "llmops": y}``, per-track scores in [0, 1].
        matches: every matched term, in text order.
        signals: the red and green flags, in the model's rule order.
        contributions: per-term evidence, in first-seen order.
        seniority: the seniority level and its evidence span.
        salary: the salary ranges found; the first is the headline.
        terms: work terms (employment, IR35, work mode, region, city).
        market: the headline salary against the UK market band.

    Numbers are full precision; :meth:`to_dict` gives the library's JSON
    (rounded to 4 decimals), identical to one line of ``jdclass --json``
    without its "file" key.
    """

    label: str
    score: float
    scores: Dict[str, float]
    matches: List[Match]
    signals: List[Signal]
    contributions: List[Contribution]
    seniority: Seniority
    salary: List[Salary]
    terms: Terms
    market: Market
    _json: str = field(default="{}", repr=False, compare=False)

    def to_json(self) -> str:
        """The library's JSON for this result (``jdc_result_json()`` with no
        file): one line, the same as ``jdclass --json`` minus "file"."""
        return self._json

    def to_dict(self) -> Dict[str, Any]:
        """The JSON object of :meth:`to_json` as a new dict: "label",
        "score", "scores", "model", "matches", "signals" (and whatever the
        library adds), in the library's key order."""
        return json.loads(self._json)


def _maker(cls: Any) -> Any:
    """A fast positional constructor for frozen dataclass `cls`, equal in
    effect to ``cls(*values)``: the generated __init__ of a frozen dataclass
    calls object.__setattr__ once per field, which made building the
    matches of a posting cost more than classifying it."""
    names = [f.name for f in fields(cls)]
    args = ", ".join(names)
    body = ", ".join(f"{n}={n}" for n in names)
    ns: Dict[str, Any] = {"new": object.__new__, "cls": cls}
    exec(f"def make({args}):\n"
         f"    o = new(cls)\n"
         f"    o.__dict__.update({body})\n"
         f"    return o\n", ns)
    return ns["make"]


_Match = _maker(Match)
_Signal = _maker(Signal)
_Contribution = _maker(Contribution)
_Salary = _maker(Salary)


def _result(r: Any) -> Result:
    """Convert a jdc_result (still owned by the caller) into a Result."""
    dec = _decode
    get_match = _c.jdc_result_match
    matches = []
    for i in range(_c.jdc_result_match_count(r)):
        m = get_match(r, i).contents
        matches.append(_Match(dec(m.term), dec(m.track), dec(m.layer),
                              dec(m.section), m.start, m.end,
                              bool(m.in_title), bool(m.negated), m.weight))
    get_signal = _c.jdc_result_signal
    signals = []
    for i in range(_c.jdc_result_signal_count(r)):
        s = get_signal(r, i).contents
        signals.append(_Signal(dec(s.id), dec(s.polarity), dec(s.message),
                               s.start, s.end))
    get_contribution = _c.jdc_result_contribution
    contributions = []
    for i in range(_c.jdc_result_contribution_count(r)):
        c = get_contribution(r, i).contents
        contributions.append(_Contribution(
            dec(c.term), dec(c.track), c.weight, bool(c.in_title), c.count,
            c.section_factor, c.evidence))
    start, end = c_size_t(0), c_size_t(0)
    level = _decode(_c.jdc_result_seniority(r, byref(start), byref(end)))
    salary = []
    for i in range(_c.jdc_result_salary_count(r)):
        s = _c.jdc_result_salary(r, i).contents
        salary.append(_Salary(_num(s.min), _num(s.max), _decode(s.currency),
                              _opt(s.period), s.start, s.end))
    tp = _c.jdc_result_terms(r)
    terms = Terms()
    if tp:
        t = tp.contents
        terms = Terms(_opt(t.employment), _opt(t.ir35), _opt(t.workmode),
                      _opt(t.region), _opt(t.city))
    mp = _c.jdc_result_market(r)
    market = Market()
    if mp:
        k = mp.contents
        market = Market(_decode(k.verdict) or "unknown", _num(k.band_min),
                        _num(k.band_max), _opt(k.source), _opt(k.missing))
    return Result(
        label=track_name(_c.jdc_result_label(r)),
        score=_c.jdc_result_score(r),
        scores={"mlops": _c.jdc_result_track_score(r, _lib.JDC_TRACK_MLOPS),
                "llmops": _c.jdc_result_track_score(r,
                                                    _lib.JDC_TRACK_LLMOPS)},
        matches=matches, signals=signals, contributions=contributions,
        seniority=Seniority(level, start.value, end.value),
        salary=salary, terms=terms, market=market,
        _json=_json(r, None).decode("utf-8"))


# ---- module-level classification -----------------------------------------

def _model_arg(model: Any) -> Model:
    if model is None:
        return default_model()
    if not isinstance(model, Model):
        raise TypeError("model must be a jdclass.Model or None, not "
                        f"{type(model).__name__}")
    return model


def classify(text: Text, *, html: HtmlArg = False,
             model: Optional[Model] = None, no_title: bool = False,
             max_input: Optional[int] = None) -> Result:
    """Classify one posting (``jdc_classify()``).

    Args:
        text: the posting, str (encoded as UTF-8) or bytes (passed as they
            are; any bytes are accepted, invalid UTF-8 separates tokens).
            Offsets in the result are byte offsets into those bytes.
        html: True when the input is HTML (``JDC_FLAG_HTML``: tags,
            scripts, styles and comments are dropped, entities decoded,
            offsets still point into the original bytes); "auto" to treat
            it as HTML only when it obviously is (``JDC_FLAG_HTML_AUTO``, the
            CLI's default); False (the default) for plain text.
        model: the model; None for :func:`default_model`.
        no_title: do not treat the first non-empty line as the title
            (``JDC_FLAG_NO_TITLE``).
        max_input: the largest input accepted, in bytes
            (``jdc_classify_ex()``); None for :data:`MAX_INPUT_DEFAULT`
            (64 MiB). The library clamps it to 4 GiB - 1.

    Returns:
        the :class:`Result`. Empty input gives label "other" with score 0.

    Raises:
        TypeError: `text` is not str or bytes, `model` not a Model, or an
            option of the wrong type.
        ValueError: an option out of range, or `model` is closed.
        Error: the library failed: :data:`ETOOBIG` (input larger than
            the limit), :data:`EINVAL` (e.g. a flag this library does not
            know), :data:`ENOMEM`, :data:`ESTEMMER`.
    """
    m = _model_arg(model)
    return m._classify(_as_bytes(text), _flags(html, no_title),
                       _max_input(max_input))


def classify_many(texts: Iterable[Text], *, workers: Optional[int] = None,
                  html: HtmlArg = False, model: Optional[Model] = None,
                  no_title: bool = False,
                  max_input: Optional[int] = None) -> List[Result]:
    """Classify many postings on a pool of threads.

    The C classification releases the GIL, so it runs in parallel; every
    thread shares the one immutable model. Building the Python result
    objects holds the GIL, which bounds the speed-up (about 40% of the time
    per posting goes to it); for more, use several processes.

    Args:
        texts: an iterable of str or bytes (consumed and encoded before any
            classification starts, so a wrong type raises TypeError early).
        workers: number of threads; None for ``os.cpu_count()``.
        html, model, no_title, max_input: as for :func:`classify`.

    Returns:
        the results, in input order.

    Raises:
        TypeError, ValueError: bad arguments (``workers`` < 1...).
        Error: the first failing posting's error, in input order.
    """
    if workers is None:
        workers = os.cpu_count() or 1
    elif isinstance(workers, bool) or not isinstance(workers, int):
        raise TypeError("workers must be int or None, not "
                        f"{type(workers).__name__}")
    elif workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    m = _model_arg(model)
    flags = _flags(html, no_title)
    limit = _max_input(max_input)
    if isinstance(texts, (str, bytes, bytearray, memoryview)):
        raise TypeError("texts must be an iterable of postings, not a "
                        "single " + type(texts).__name__)
    data = [_as_bytes(t) for t in texts]
    if not data:
        return []
    workers = min(workers, len(data))
    if workers == 1:
        return [m._classify(d, flags, limit) for d in data]
    with concurrent.futures.ThreadPoolExecutor(
            max_workers=workers, thread_name_prefix="jdclass") as pool:
        return list(pool.map(lambda d: m._classify(d, flags, limit), data))
