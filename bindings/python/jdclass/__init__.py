"""jdclass: classify job postings into the MLOps / LLMOps role tracks.

Python bindings (ctypes, no compiler needed) of the jdclass C library. A
posting gets a label, "mlops" (the classical ML lifecycle in production),
"llmops" (LLM and GenAI systems in production), "hybrid" (both) or "other",
with a score, the matched terms, red and green flags, seniority, salary,
work terms and a UK market comparison.

Example::

    import jdclass

    text = open("posting.md", encoding="utf-8").read()
    r = jdclass.classify(text)
    print(r)                          # <Result mlops 0.98 mlops=0.99 ...>
    for m in r.matches:               # every matched term, in text order
        print(m.term, m.track, m.layer, m.text, m.start_char, m.end_char)
    for s in r.signals:               # red and green flags
        print(s.polarity, s.id, s.message, s.text)
    r.to_dict(file="posting.md")      # the object `jdclass --json` prints

    # many postings: a list, or a stream with failures in place
    results = jdclass.classify_many(texts, workers=4)
    for r in jdclass.classify_iter(read_postings(), workers=4):
        print(r.label if r else f"#{r.index} failed: {r.message}")

    with jdclass.Model("path/to/model") as model:   # another model
        r = model.classify(text)

Functions: :func:`classify`, :func:`classify_many`, :func:`classify_iter`,
:func:`default_model`, :func:`strerror`, :func:`track_name`,
:func:`library_version`, :func:`library_version_number`,
:func:`thread_cleanup`. Classes: :class:`Model`, :class:`Result` and its
parts (:class:`Match`, :class:`Signal`, :class:`Contribution`,
:class:`Seniority`, :class:`Salary`, :class:`Terms`, :class:`Market`),
:class:`Failure`, :class:`Error`.

Offsets: ``start``/``end`` (of matches, signals, seniority and salary) are
byte offsets into the input as the library saw it: the bytes you passed, or
for a ``str`` its UTF-8 encoding (``text.encode("utf-8",
"surrogateescape")``, lone surrogates other than U+DC80..U+DCFF encoded as
their three-byte form). For ``str`` input, ``start_char``/``end_char``
index the ``str`` itself (``text[m.start_char:m.end_char] == m.text``);
for bytes they are None. ``.text`` is the spanned text either way.

Threads: a model is immutable; any number of threads may classify with it
at once, and the classification call releases the GIL, so
:func:`classify_many` and :func:`classify_iter` classify several postings
in parallel. A :class:`Result` reads its label and scores at once and the
rest (matches, signals...) when first used, so worker threads hold the GIL
only briefly.

Errors: failures of the C library raise :class:`Error` with the status
``code`` and the library's message; wrong argument types raise TypeError
and bad values ValueError before anything reaches C. :func:`classify_iter`
yields a :class:`Failure` for a posting that fails instead of raising.

Loading: the C library is found through ``JDCLASS_LIBRARY``, a copy
shipped in the package (``pip install`` puts one there), the build tree of
a repository checkout, then the system loader; ``library_path`` says which.
"""

from __future__ import annotations

import bisect
import codecs
import collections
import concurrent.futures
import ctypes
import json
import math
import os
import re
import threading
import weakref
from ctypes import byref, c_size_t
from dataclasses import dataclass, field, fields
from typing import (Any, Dict, Iterable, Iterator, List, Optional, Tuple,
                    Union)

from . import _lib
from ._lib import lib as _c

__version__ = "0.1.0"

__all__ = [
    "Error", "Model", "default_model", "classify", "classify_many",
    "classify_iter", "Failure",
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
                              _max_input(max_input), text)

    def _classify(self, data: bytes, flags: int, max_input: int = 0,
                  source: Any = None) -> "Result":
        """Classify bytes with ready flags. The Result takes the C result
        (and keeps this model in use) until its details are first read
        (see Result); `source` is the str or bytes the caller passed."""
        handle = self._acquire()
        try:
            r = _classify_c(handle, data, flags, max_input)
        except BaseException:
            self._release()
            raise
        try:
            return _result(r, self, source if source is not None else data)
        except BaseException:
            _c.jdc_result_free(r)
            self._release()
            raise

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


class _Source:
    """The text a result was classified from, for ``.text`` and the
    character offsets of spans: a ``str`` (byte offsets are mapped to
    indexes of the str) or ``bytes`` (no character offsets). The mapping is
    built on first use, from the non-ASCII characters only."""

    __slots__ = ("text", "_starts", "_after", "_index")

    def __init__(self, text: Union[str, bytes]) -> None:
        self.text = text
        self._starts: Optional[List[int]] = None

    def __getstate__(self) -> Any:
        return self.text

    def __setstate__(self, state: Any) -> None:
        self.text = state
        self._starts = None

    def _build(self) -> None:
        starts: List[int] = []
        after: List[int] = []
        index: List[int] = []
        extra = 0
        text = self.text
        assert isinstance(text, str)
        for m in _NON_ASCII.finditer(text):
            i = m.start()
            cp = ord(text[i])
            size = (2 if cp < 0x800 else 1 if 0xDC80 <= cp <= 0xDCFF
                    else 3 if cp < 0x10000 else 4)
            starts.append(i + extra)
            index.append(i)
            extra += size - 1
            after.append(extra)
        self._after, self._index = after, index
        self._starts = starts

    def char(self, b: int) -> Optional[int]:
        """The str index of byte offset `b` (a byte inside a character maps
        to that character); None for bytes input."""
        if not isinstance(self.text, str):
            return None
        if self._starts is None:
            self._build()
        starts = self._starts
        assert starts is not None
        k = bisect.bisect_left(starts, b)  # characters starting before b
        if k == 0:
            return b
        c = b - self._after[k - 1]
        return max(c, self._index[k - 1])

    def slice(self, start: int, end: int) -> str:
        """The text of byte span [start, end) as str."""
        if isinstance(self.text, str):
            return self.text[self.char(start):self.char(end)]
        return self.text[start:end].decode("utf-8", "replace")


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


class _Span:
    """Mixin of the items with a byte span ``start``/``end``: the same span
    in characters of the ``str`` that was classified, and its text."""

    start: int
    end: int
    _src: Optional[_Source]

    @property
    def start_char(self) -> Optional[int]:
        """``start`` as an index into the ``str`` you classified (so that
        ``text[m.start_char:m.end_char] == m.text``); None when you passed
        bytes (``start`` is then the index into them)."""
        return self._src.char(self.start) if self._src else None

    @property
    def end_char(self) -> Optional[int]:
        """``end`` as an index into the ``str`` you classified; None for
        bytes input."""
        return self._src.char(self.end) if self._src else None

    @property
    def text(self) -> str:
        """The text of the span: a slice of the ``str`` you classified, or
        of your bytes decoded as UTF-8 (invalid bytes as U+FFFD)."""
        return self._src.slice(self.start, self.end) if self._src else ""


@dataclass(frozen=True)
class Match(_Span):
    """One occurrence of a vocabulary term (``jdc_match``).

    Attributes:
        term: the canonical name of the term (e.g. "MLflow").
        track: "mlops", "llmops", "ml", "shared" or "other".
        layer: the term's layer (e.g. "registry", "role-title").
        section: where it occurs: "title", "duties", "requirements",
            "nice-to-have", "company", "benefits", "preamble"...
        start, end: byte offsets into the input (its UTF-8 encoding for a
            ``str``); :attr:`start_char`/:attr:`end_char` index the ``str``
            and :attr:`text` is the matched text.
        title: true in the posting's title.
        negated: a negation word precedes it in its sentence (reported,
            but it neither counts nor fires a signal).
        weight: the term's weight in the model.
    """

    term: str
    track: str
    layer: str
    section: str
    start: int
    end: int
    title: bool
    negated: bool
    weight: float
    _src: Optional[_Source] = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class Signal(_Span):
    """A fired red or green flag (``jdc_signal``).

    Attributes:
        id: the rule's id, e.g. "feature-store", "no-salary".
        polarity: "red" or "green".
        message: what the flag means, one sentence.
        start, end: byte span of the evidence sentence (0, 0 for
            "no-salary"); :attr:`start_char`/:attr:`end_char`/:attr:`text`
            as for :class:`Match`.
    """

    id: str
    polarity: str
    message: str
    start: int
    end: int
    _src: Optional[_Source] = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class Contribution:
    """How one term contributed to its track's evidence
    (``jdc_contribution``): ``evidence`` is ``weight`` x the title factor
    when ``in_title``, plus ``weight`` x ``section_factor`` x (1 + ln
    ``count``)."""

    term: str
    track: str
    weight: float
    in_title: bool
    count: int
    section_factor: float
    evidence: float


@dataclass(frozen=True)
class Seniority(_Span):
    """Seniority level ("junior", "mid", "senior", "staff" or "unknown")
    and the byte span of its evidence (0, 0 when unknown); see
    :class:`Match` for ``start_char``/``end_char``/``text``."""

    level: str
    start: int
    end: int
    _src: Optional[_Source] = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class Salary(_Span):
    """A salary range stated in the posting (``jdc_salary``). ``min`` or
    ``max`` is None when not stated ("up to X"); ``currency`` (ISO code) is
    "" and ``period`` ("year", "day", "hour"...) None when unknown;
    ``start``/``end`` the byte span of the amount (see :class:`Match` for
    ``start_char``/``end_char``/``text``)."""

    min: Optional[float]
    max: Optional[float]
    currency: str
    period: Optional[str]
    start: int
    end: int
    _src: Optional[_Source] = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class Terms:
    """Work terms (``jdc_terms``); each None when the posting does not
    say: ``employment`` ("permanent", "contract"...), ``ir35`` ("inside",
    "outside"), ``workmode`` ("remote", "hybrid", "onsite"), ``region``
    (UK region, e.g. "london") and ``city``."""

    employment: Optional[str] = None
    ir35: Optional[str] = None
    workmode: Optional[str] = None
    region: Optional[str] = None
    city: Optional[str] = None


@dataclass(frozen=True)
class Market:
    """The headline salary against the UK market band (``jdc_market``):
    ``verdict`` "below", "within", "above" or "unknown";
    ``band_min``/``band_max`` (GBP) and ``source`` (the seed article) are
    None when unknown; ``missing`` says what is missing when the verdict is
    "unknown" ("salary", "currency", "seniority", "track", "band")."""

    verdict: str = "unknown"
    band_min: Optional[float] = None
    band_max: Optional[float] = None
    source: Optional[str] = None
    missing: Optional[str] = None


class _Pending:
    """A C result not yet converted: owns it (and the model's in-use
    count) until :func:`_materialize` or garbage collection."""

    __slots__ = ("r", "model", "src", "lock", "__weakref__")

    def __init__(self, r: Any, model: "Model", src: _Source) -> None:
        self.r = r
        self.model = model
        self.src = src
        self.lock = threading.Lock()

    def release(self) -> None:
        """Free the C result and let the model go (idempotent)."""
        r, self.r = self.r, None
        if r is not None:
            _c.jdc_result_free(r)
            self.model._release()

    def __del__(self) -> None:
        try:
            self.release()
        except Exception:      # interpreter shutdown
            pass


#: Result fields read from the C result on first access.
_LAZY = frozenset({"matches", "signals", "contributions", "seniority",
                   "salary", "terms", "market", "_json"})


@dataclass(frozen=True)
class Result:
    """The classification of one posting.

    Attributes:
        label: "mlops", "llmops", "hybrid" or "other".
        score: confidence in the label, in [0, 1].
        scores: ``{"mlops": x, "llmops": y}``, per-track scores in [0, 1].
        probabilities: ``{"other": p, "mlops": p, "llmops": p, "hybrid":
            p}``, the calibrated probability of each label (they sum to 1;
            ``score`` is the label's).
        matches: every matched term (:class:`Match`), in text order.
        signals: the red and green flags (:class:`Signal`), in the model's
            rule order.
        contributions: per-term evidence (:class:`Contribution`), in
            first-seen order.
        seniority: the seniority level and its evidence span.
        salary: the salary ranges found (:class:`Salary`); the first is the
            headline.
        terms: work terms (employment, IR35, work mode, region, city).
        market: the headline salary against the UK market band.

    Numbers are full precision; :meth:`to_dict` gives the library's JSON
    (rounded to 4 decimals), identical to one line of ``jdclass --json``.

    ``label``, ``score`` and ``scores`` are read when the posting is
    classified; the other attributes are converted from the library's result
    the first time one of them is read (all at once, thread-safe), so that
    the classifying threads of :func:`classify_many` and
    :func:`classify_iter` hold the GIL only briefly. Until then the result
    keeps its model in use (a closed :class:`Model` is freed after its last
    unread result is read or collected). ``repr()`` is one short line.
    """

    label: str
    score: float
    scores: Dict[str, float]
    probabilities: Dict[str, float]
    matches: List[Match]
    signals: List[Signal]
    contributions: List[Contribution]
    seniority: Seniority
    salary: List[Salary]
    terms: Terms
    market: Market
    _json: str = field(repr=False, compare=False)

    def __getattr__(self, name: str) -> Any:
        # only called for names not in __dict__: the lazy fields
        d = self.__dict__
        if name in _LAZY and "_pending" in d:
            _materialize(self)
            return d[name]
        raise AttributeError(f"'Result' object has no attribute '{name}'")

    def __getstate__(self) -> Dict[str, Any]:
        if "_pending" in self.__dict__:
            _materialize(self)
        return {k: v for k, v in self.__dict__.items() if k != "_pending"}

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self.__dict__.update(state)

    def __repr__(self) -> str:
        n, k = len(self.matches), len(self.signals)
        return (f"<Result {self.label} {self.score:.2f} "
                f"mlops={self.scores['mlops']:.2f} "
                f"llmops={self.scores['llmops']:.2f} "
                f"{n} match{'' if n == 1 else 'es'} "
                f"{k} signal{'' if k == 1 else 's'}>")

    def to_json(self, file: Optional[str] = None) -> str:
        """The library's JSON for this result (``jdc_result_json()``): one
        line, the same as ``jdclass --json`` prints; with `file`, a
        ``"file"`` key comes first, as the CLI writes it."""
        if file is None:
            return self._json
        if not isinstance(file, str):
            raise TypeError(f"file must be str, not {type(file).__name__}")
        return ('{"file":' + json.dumps(file, ensure_ascii=False) + ","
                + self._json[1:])

    def to_dict(self, file: Optional[str] = None) -> Dict[str, Any]:
        """The JSON object of :meth:`to_json` as a new dict: "label",
        "score", "scores", "model", "matches", "signals" (and whatever the
        library adds), in the library's key order; with `file`, equal to
        the object ``jdclass --json FILE`` prints (``"file"`` first)."""
        d = json.loads(self._json)
        if file is None:
            return d
        if not isinstance(file, str):
            raise TypeError(f"file must be str, not {type(file).__name__}")
        return {"file": file, **d}


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
_new = object.__new__


def _result(r: Any, model: "Model", source: Union[str, bytes]) -> Result:
    """A Result owning jdc_result `r` (and `model`'s in-use count): the
    label and scores now, the rest on first access (_materialize)."""
    res = _new(Result)
    res.__dict__.update(
        label=track_name(_c.jdc_result_label(r)),
        score=_c.jdc_result_score(r),
        scores={"mlops": _c.jdc_result_track_score(r, _lib.JDC_TRACK_MLOPS),
                "llmops": _c.jdc_result_track_score(r,
                                                    _lib.JDC_TRACK_LLMOPS)},
        probabilities={track_name(k): _c.jdc_result_probability(r, k)
                       for k in range(4)},
        _pending=_Pending(r, model, _Source(source)))
    return res


def _materialize(res: Result) -> None:
    """Convert the pending C result of `res` into its lazy fields, then
    free it (once, under the pending result's lock)."""
    d = res.__dict__
    pending = d.get("_pending")
    if pending is None:
        return
    with pending.lock:
        if "_pending" not in d:
            return
        d.update(_details(pending.r, pending.src))
        del d["_pending"]
        pending.release()


def _details(r: Any, src: _Source) -> Dict[str, Any]:
    """The lazy fields of a Result, read from jdc_result `r`."""
    dec = _decode
    get_match = _c.jdc_result_match
    matches = []
    for i in range(_c.jdc_result_match_count(r)):
        m = get_match(r, i).contents
        matches.append(_Match(dec(m.term), dec(m.track), dec(m.layer),
                              dec(m.section), m.start, m.end,
                              bool(m.in_title), bool(m.negated), m.weight,
                              src))
    get_signal = _c.jdc_result_signal
    signals = []
    for i in range(_c.jdc_result_signal_count(r)):
        s = get_signal(r, i).contents
        signals.append(_Signal(dec(s.id), dec(s.polarity), dec(s.message),
                               s.start, s.end, src))
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
                              _opt(s.period), s.start, s.end, src))
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
    return dict(matches=matches, signals=signals, contributions=contributions,
                seniority=Seniority(level, start.value, end.value, src),
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
            ``start``/``end`` in the result are byte offsets into those
            bytes; for a str, ``start_char``/``end_char`` index the str and
            ``.text`` is the spanned text.
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

    Example::

        >>> r = jdclass.classify("# MLOps Engineer\nOwn our MLflow registry.")
        >>> r.label, [m.text for m in r.matches][:2]
        ('mlops', ['MLOps Engineer', 'MLflow'])
    """
    m = _model_arg(model)
    return m._classify(_as_bytes(text), _flags(html, no_title),
                       _max_input(max_input), text)


def _workers_arg(workers: Any) -> int:
    """The workers option: a positive int (None: os.cpu_count())."""
    if workers is None:
        return os.cpu_count() or 1
    if isinstance(workers, bool) or not isinstance(workers, int):
        raise TypeError("workers must be int or None, not "
                        f"{type(workers).__name__}")
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    return workers


def classify_many(texts: Iterable[Text], *, workers: Optional[int] = None,
                  html: HtmlArg = False, model: Optional[Model] = None,
                  no_title: bool = False,
                  max_input: Optional[int] = None) -> List[Result]:
    """Classify many postings on a pool of threads; all results at once.

    The C classification releases the GIL, so it runs in parallel; every
    thread shares the one immutable model. A worker thread holds the GIL
    only to read the label and the scores: the rest of each
    :class:`Result` is converted when first read (in the thread that reads
    it). Measured on one thread: when only labels and scores are read, the
    GIL is held for under a tenth of the time per posting, so workers scale
    up to the cores; reading every match and signal holds it for about half,
    which bounds any number of workers to about 1.8 times one (see
    ``bindings/python/README.md`` and ``tests/bench/py_scaling.py``). For a
    stream, or to get errors per posting, use :func:`classify_iter`.

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
    workers = _workers_arg(workers)
    m = _model_arg(model)
    flags = _flags(html, no_title)
    limit = _max_input(max_input)
    if isinstance(texts, (str, bytes, bytearray, memoryview)):
        raise TypeError("texts must be an iterable of postings, not a "
                        "single " + type(texts).__name__)
    items = [(_as_bytes(t), t) for t in texts]
    if not items:
        return []
    workers = min(workers, len(items))
    if workers == 1:
        return [m._classify(d, flags, limit, t) for d, t in items]
    with concurrent.futures.ThreadPoolExecutor(
            max_workers=workers, thread_name_prefix="jdclass") as pool:
        return list(pool.map(lambda it: m._classify(it[0], flags, limit,
                                                    it[1]), items))


@dataclass(frozen=True)
class Failure:
    """What :func:`classify_iter` yields for a posting that could not be
    classified, in its place. False in a boolean context (a
    :class:`Result` is true), so ``if not r:`` picks the failures.

    Attributes:
        index: the posting's position in the input (from 0).
        error: the exception: :class:`Error` (e.g. code :data:`ETOOBIG`),
            TypeError (not str or bytes)...
    """

    index: int
    error: BaseException

    def __bool__(self) -> bool:
        return False

    @property
    def code(self) -> Optional[int]:
        """The library's status code (:data:`ETOOBIG`...) for an
        :class:`Error`, None for other exceptions."""
        return self.error.code if isinstance(self.error, Error) else None

    @property
    def message(self) -> str:
        """The error message."""
        return str(self.error)

    def __repr__(self) -> str:
        return (f"<Failure #{self.index} {type(self.error).__name__}: "
                f"{self.error}>")


def classify_iter(texts: Iterable[Any], *, workers: Optional[int] = None,
                  html: HtmlArg = False, model: Optional[Model] = None,
                  no_title: bool = False, max_input: Optional[int] = None,
                  window: Optional[int] = None
                  ) -> Iterator[Union[Result, Failure]]:
    """Classify a stream of postings on a pool of threads, yielding each
    result in input order as soon as it and those before it are done.

    The input is consumed lazily: at most `window` postings are read ahead
    of the one being yielded, so an endless iterable or a large file of
    postings runs in bounded memory. A posting that fails (too big, not str
    or bytes, ...) yields a :class:`Failure` in its place instead of
    stopping the batch.

    Args:
        texts: any iterable of str or bytes (a generator is fine).
        workers: number of threads; None for ``os.cpu_count()``; 1
            classifies in the calling thread.
        html, model, no_title, max_input: as for :func:`classify`.
        window: postings in flight at most; None for 4 x `workers`.

    Yields:
        a :class:`Result` or a :class:`Failure` per posting, in input order.

    Raises:
        TypeError, ValueError: bad arguments (raised before the first
            posting is read).

    Example::

        for r in jdclass.classify_iter(read_postings(), workers=4):
            if not r:
                print("failed:", r.index, r.message)
            else:
                print(r.label, r.score)
    """
    workers = _workers_arg(workers)
    m = _model_arg(model)
    flags = _flags(html, no_title)
    limit = _max_input(max_input)
    if window is None:
        window = 4 * workers
    elif isinstance(window, bool) or not isinstance(window, int):
        raise TypeError(f"window must be int or None, not "
                        f"{type(window).__name__}")
    elif window < 1:
        raise ValueError(f"window must be at least 1, not {window}")
    if isinstance(texts, (str, bytes, bytearray, memoryview)):
        raise TypeError("texts must be an iterable of postings, not a "
                        "single " + type(texts).__name__)
    return _iter(iter(texts), m, flags, limit, workers, window)


def _one(m: Model, index: int, text: Any, flags: int,
         limit: int) -> Union[Result, Failure]:
    """Classify one posting of classify_iter: a Result or a Failure."""
    try:
        return m._classify(_as_bytes(text), flags, limit, text)
    except (Error, TypeError, ValueError, MemoryError) as e:
        return Failure(index, e)


def _iter(texts: Iterator[Any], m: Model, flags: int, limit: int,
          workers: int, window: int) -> Iterator[Union[Result, Failure]]:
    """The generator behind classify_iter (arguments already checked)."""
    if workers == 1:
        for i, t in enumerate(texts):
            yield _one(m, i, t, flags, limit)
        return
    pool = concurrent.futures.ThreadPoolExecutor(
        max_workers=workers, thread_name_prefix="jdclass")
    pending: "collections.deque[concurrent.futures.Future]" = \
        collections.deque()
    try:
        index = 0
        for t in texts:
            pending.append(pool.submit(_one, m, index, t, flags, limit))
            index += 1
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for f in pending:          # the consumer stopped early
            f.cancel()
        pool.shutdown(wait=True)
