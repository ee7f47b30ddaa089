"""Loading of the jdclass C library and its ctypes declarations.

Everything here mirrors ``include/jdclass.h``: the status codes, flags and
tracks, the structs the library owns (``jdc_match``, ``jdc_signal``,
``jdc_contribution``, ``jdc_salary``, ``jdc_terms``, ``jdc_market``) and the
prototype of every exported function, declared once at import.

The library is searched for in this order (the first that loads wins):

1. the ``JDCLASS_LIBRARY`` environment variable, the path of the shared
   library file; when it is set it is the only candidate, so a wrong path is
   an error rather than a silent fall-back to another copy;
2. a ``libjdclass.so*`` shipped inside this package directory;
3. the build tree, when the package is run from the repository: the
   repository root is the first parent directory of this file that holds
   ``include/jdclass.h``, and ``build*/lib/libjdclass.so.0`` below it is
   tried, the most recently built first (sanitizer builds are skipped unless
   the sanitizer runtime is preloaded);
4. the system loader: ``ctypes.util.find_library("jdclass")``, then
   ``libjdclass.so.0``.

Long calls (classify, JSON rendering, model loading) go through
``ctypes.CDLL``, which releases the GIL; the short getters go through
``ctypes.PyDLL``, which keeps it (see RELEASES_GIL).

A candidate is rejected when it does not load, lacks one of the functions
declared below or has another major version than the header these bindings
were written for. When no candidate is left, ImportError lists every
candidate and why it was rejected.

This module is internal: use the ``jdclass`` package.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import warnings
from ctypes import (POINTER, Structure, c_char_p, c_double, c_int, c_size_t,
                    c_uint, c_void_p)
from pathlib import Path
from typing import Any, List, Optional, Sequence, Tuple

__all__ = ["lib", "path", "PROTOTYPES", "STRUCTS", "HEADER_VERSION_NUMBER"]

# ---- constants from include/jdclass.h -------------------------------------

#: JDC_VERSION_NUMBER of the header these bindings were written for (0.1.0).
HEADER_VERSION_MAJOR = 0
HEADER_VERSION_MINOR = 1
HEADER_VERSION_PATCH = 0
HEADER_VERSION_NUMBER = (HEADER_VERSION_MAJOR * 10000
                         + HEADER_VERSION_MINOR * 100 + HEADER_VERSION_PATCH)
HEADER_VERSION_STRING = "0.1.0"
JDC_VERSION_MAJOR = HEADER_VERSION_MAJOR
JDC_VERSION_MINOR = HEADER_VERSION_MINOR
JDC_VERSION_PATCH = HEADER_VERSION_PATCH
JDC_VERSION_NUMBER = HEADER_VERSION_NUMBER
JDC_VERSION_STRING = HEADER_VERSION_STRING

# jdc_status
JDC_OK = 0
JDC_ERROR = -1
JDC_ENOMEM = -2
JDC_EIO = -3
JDC_EFORMAT = -4
JDC_ESTEMMER = -5
JDC_EINVAL = -6
JDC_ETOOBIG = -7

# jdc_track
JDC_TRACK_OTHER = 0
JDC_TRACK_MLOPS = 1
JDC_TRACK_LLMOPS = 2
JDC_TRACK_HYBRID = 3

# flags for jdc_classify()
JDC_FLAG_DEFAULT = 0
JDC_FLAG_NO_TITLE = 1 << 0
JDC_FLAG_HTML = 1 << 1
JDC_FLAG_HTML_AUTO = 1 << 2

JDC_MAX_INPUT_DEFAULT = 64 * 1024 * 1024

# ---- structs (owned by the library; fields in the header's order) ---------
# The library only ever appends fields to these structs and never lets the
# caller allocate them, so reading a prefix of the fields through a pointer
# stays correct when a newer library has more.


class jdc_match(Structure):
    """``jdc_match``: one matched vocabulary term."""

    _fields_ = [
        ("term", c_char_p),
        ("track", c_char_p),
        ("layer", c_char_p),
        ("start", c_size_t),
        ("end", c_size_t),
        ("weight", c_double),
        ("in_title", c_int),
        ("section", c_char_p),
        ("negated", c_int),
    ]


class jdc_signal(Structure):
    """``jdc_signal``: one fired red or green flag."""

    _fields_ = [
        ("id", c_char_p),
        ("polarity", c_char_p),
        ("message", c_char_p),
        ("start", c_size_t),
        ("end", c_size_t),
    ]


class jdc_contribution(Structure):
    """``jdc_contribution``: what one term added to its track's evidence."""

    _fields_ = [
        ("term", c_char_p),
        ("track", c_char_p),
        ("weight", c_double),
        ("in_title", c_int),
        ("count", c_uint),
        ("section_factor", c_double),
        ("evidence", c_double),
    ]


class jdc_feature(Structure):
    """``jdc_feature``: one input of the learned decision and what it added
    to each class's logit (other, mlops, llmops, hybrid)."""

    _fields_ = [
        ("name", c_char_p),
        ("value", c_double),
        ("contribution", c_double * 4),
    ]


class jdc_train_options(Structure):
    """``jdc_train_options``: options of jdc_train()."""

    _fields_ = [
        ("l2", c_double),
        ("folds", c_uint),
        ("max_iter", c_uint),
        ("balanced", c_int),
    ]


class jdc_salary(Structure):
    """``jdc_salary``: a salary range stated in the posting."""

    _fields_ = [
        ("min", c_double),
        ("max", c_double),
        ("currency", c_char_p),
        ("period", c_char_p),
        ("start", c_size_t),
        ("end", c_size_t),
    ]


class jdc_terms(Structure):
    """``jdc_terms``: work terms (each NULL when not stated)."""

    _fields_ = [
        ("employment", c_char_p),
        ("ir35", c_char_p),
        ("workmode", c_char_p),
        ("region", c_char_p),
        ("city", c_char_p),
    ]


class jdc_market(Structure):
    """``jdc_market``: the headline salary against the UK market band."""

    _fields_ = [
        ("verdict", c_char_p),
        ("band_min", c_double),
        ("band_max", c_double),
        ("source", c_char_p),
        ("missing", c_char_p),
    ]


#: Every struct of the header, by C name (used by the layout test).
STRUCTS = {cls.__name__: cls for cls in (jdc_match, jdc_signal,
                                         jdc_contribution, jdc_feature,
                                         jdc_train_options, jdc_salary,
                                         jdc_terms, jdc_market)}


class jdc_model(Structure):
    """Opaque ``jdc_model``."""


class jdc_result(Structure):
    """Opaque ``jdc_result``."""


model_p = POINTER(jdc_model)
result_p = POINTER(jdc_result)

# ---- prototypes: (name, restype, argtypes), in the header's order ---------
# Borrowed strings use c_char_p (ctypes copies them into bytes; nothing to
# free). jdc_result_json() returns an owned string: c_void_p, read with
# ctypes.string_at() and released with jdc_free().

PROTOTYPES: Sequence[Tuple[str, Any, List[Any]]] = (
    # simple interface
    ("jdc_model_default", model_p, []),
    ("jdc_classify", c_int,
     [POINTER(result_p), model_p, c_char_p, c_size_t, c_uint]),
    ("jdc_classify_ex", c_int,
     [POINTER(result_p), model_p, c_char_p, c_size_t, c_uint, c_size_t]),
    ("jdc_result_json", c_void_p, [result_p, c_char_p]),
    ("jdc_result_json_ex", c_void_p, [result_p, c_char_p, c_uint]),
    ("jdc_free", None, [c_void_p]),
    # models
    ("jdc_model_load", c_int, [POINTER(model_p), c_char_p]),
    ("jdc_model_load_ex", c_int, [POINTER(model_p), c_char_p, c_uint]),
    ("jdc_model_free", None, [model_p]),
    ("jdc_model_name", c_char_p, [model_p]),
    ("jdc_model_version", c_char_p, [model_p]),
    ("jdc_model_has_weights", c_int, [model_p]),
    ("jdc_model_term_count", c_size_t, [model_p]),
    # results
    ("jdc_result_free", None, [result_p]),
    ("jdc_result_label", c_int, [result_p]),
    ("jdc_result_score", c_double, [result_p]),
    ("jdc_result_track_score", c_double, [result_p, c_int]),
    ("jdc_result_match_count", c_size_t, [result_p]),
    ("jdc_result_match_total", c_size_t, [result_p]),
    ("jdc_result_match", POINTER(jdc_match), [result_p, c_size_t]),
    ("jdc_result_seniority", c_char_p,
     [result_p, POINTER(c_size_t), POINTER(c_size_t)]),
    ("jdc_result_salary_count", c_size_t, [result_p]),
    ("jdc_result_salary", POINTER(jdc_salary), [result_p, c_size_t]),
    ("jdc_result_terms", POINTER(jdc_terms), [result_p]),
    ("jdc_result_market", POINTER(jdc_market), [result_p]),
    ("jdc_result_signal_count", c_size_t, [result_p]),
    ("jdc_result_signal", POINTER(jdc_signal), [result_p, c_size_t]),
    ("jdc_result_contribution_count", c_size_t, [result_p]),
    ("jdc_result_contribution", POINTER(jdc_contribution),
     [result_p, c_size_t]),
    ("jdc_result_feature_count", c_size_t, [result_p]),
    ("jdc_result_feature", POINTER(jdc_feature), [result_p, c_size_t]),
    ("jdc_result_feature_order", c_size_t, [result_p, POINTER(c_size_t)]),
    ("jdc_result_probability", c_double, [result_p, c_int]),
    # training the learned decision
    ("jdc_model_feature_count", c_size_t, [model_p]),
    ("jdc_model_feature_name", c_char_p, [model_p, c_size_t]),
    ("jdc_train", c_int,
     [POINTER(c_void_p), model_p, POINTER(c_double), c_size_t,
      POINTER(c_int), POINTER(c_int), POINTER(jdc_train_options),
      POINTER(c_double)]),
    # tracks
    ("jdc_track_name", c_char_p, [c_int]),
    # errors, versions, threads
    ("jdc_strerror", c_char_p, [c_int]),
    ("jdc_error_last", c_char_p, []),
    ("jdc_version_number", c_int, []),
    ("jdc_version", c_char_p, []),
    ("jdc_thread_cleanup", None, []),
)

LIBRARY_ENV = "JDCLASS_LIBRARY"


#: Functions that may take long: called through ctypes.CDLL, which releases
#: the GIL for the call, so other threads run meanwhile (classify_many
#: scales). Every other function is a short getter, called through
#: ctypes.PyDLL, which keeps the GIL: releasing and re-taking it around each
#: of the hundreds of getter calls that convert one result made threads
#: queue for the GIL and classify_many slower on two threads than on one.
RELEASES_GIL = frozenset({
    "jdc_model_default", "jdc_classify", "jdc_classify_ex",
    "jdc_result_json", "jdc_result_json_ex", "jdc_model_load",
    "jdc_model_load_ex", "jdc_model_free", "jdc_train",
})


class Library:
    """The loaded library: one attribute per declared function (restype
    and argtypes set), plus ``path`` and the two ctypes handles."""

    def __init__(self, target: str) -> None:
        self.path = target
        self.cdll = ctypes.CDLL(target)
        self.pydll = ctypes.PyDLL(target)
        for name, restype, argtypes in PROTOTYPES:
            fn = getattr(self.cdll if name in RELEASES_GIL else self.pydll,
                         name)
            fn.restype = restype
            fn.argtypes = argtypes
            setattr(self, name, fn)


def _needs_preloaded_sanitizer(file: Path) -> bool:
    """True when `file` links the AddressSanitizer runtime and it is not
    preloaded: dlopen()ing it would abort the whole process."""
    if "asan" in os.environ.get("LD_PRELOAD", ""):
        return False
    try:
        with open(file, "rb") as f:
            return b"libasan.so" in f.read()
    except OSError:
        return False


def _repo_root() -> Optional[Path]:
    """The repository root above this file (a directory holding
    include/jdclass.h), or None when installed elsewhere."""
    for parent in Path(__file__).resolve().parents:
        if (parent / "include" / "jdclass.h").is_file():
            return parent
    return None


def _candidates() -> List[Tuple[str, str]]:
    """(description, name or path for ctypes.CDLL) in search order; an
    empty name is a place looked at where nothing was found (the
    description then says so)."""
    env = os.environ.get(LIBRARY_ENV)
    if env is not None:
        return [(f"{LIBRARY_ENV}={env}", env)]
    out: List[Tuple[str, str]] = [(f"{LIBRARY_ENV}: not set", "")]
    here = Path(__file__).resolve().parent
    shipped = sorted(here.glob("libjdclass.so*"))
    for p in shipped:
        out.append((f"shipped with the package: {p}", str(p)))
    if not shipped:
        out.append((f"shipped with the package: {here}/libjdclass.so*: "
                    "not found", ""))
    root = _repo_root()
    if root is not None:
        built = [p for p in root.glob("build*/lib/libjdclass.so.0")
                 if p.is_file()]
        built.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for p in built:
            out.append((f"build tree: {p}", str(p)))
        if not built:
            out.append((f"build tree: {root}/build*/lib/libjdclass.so.0: "
                        "not found", ""))
    else:
        out.append(("build tree: not imported from a repository (no "
                    "include/jdclass.h above the package)", ""))
    found = ctypes.util.find_library("jdclass")
    if found:
        out.append((f"ctypes.util.find_library('jdclass') = {found}", found))
    else:
        out.append(("ctypes.util.find_library('jdclass'): not found", ""))
    out.append(("system loader: libjdclass.so.0", "libjdclass.so.0"))
    return out


def _load() -> Tuple[Library, str]:
    """Load and declare the library; ImportError listing every attempt."""
    tried: List[str] = []
    for what, target in _candidates():
        if not target:
            tried.append(f"  {what}")
            continue
        if os.sep in target:
            p = Path(target)
            if not p.exists():
                tried.append(f"  {what}: no such file")
                continue
            if _needs_preloaded_sanitizer(p):
                tried.append(f"  {what}: an AddressSanitizer build; preload "
                             "the runtime (LD_PRELOAD=$(gcc "
                             "-print-file-name=libasan.so)) to use it")
                continue
        try:
            cdll = Library(target)
        except OSError as e:
            tried.append(f"  {what}: {e}")
            continue
        except AttributeError as e:
            tried.append(f"  {what}: loads but lacks a function of the "
                         f"jdclass {HEADER_VERSION_STRING} API ({e})")
            continue
        number = cdll.jdc_version_number()
        if number // 10000 != HEADER_VERSION_MAJOR:
            tried.append(f"  {what}: library version "
                         f"{cdll.jdc_version().decode()} has another major "
                         f"version than these bindings "
                         f"({HEADER_VERSION_STRING})")
            continue
        if number < HEADER_VERSION_NUMBER:
            warnings.warn(f"jdclass: the C library {target} is version "
                          f"{cdll.jdc_version().decode()}, older than these "
                          f"bindings ({HEADER_VERSION_STRING})",
                          RuntimeWarning, stacklevel=3)
        return cdll, target
    raise ImportError(
        "jdclass: cannot load the C library libjdclass; tried, in order:\n"
        + "\n".join(tried)
        + f"\nBuild it (cmake -S . -B build && cmake --build build), install "
        f"it, or set {LIBRARY_ENV} to the path of libjdclass.so.0.")


lib, path = _load()
