"""Loading the C library: search order, failures, declarations, layout."""

from __future__ import annotations

import ctypes
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import (BINDINGS_DIR, HEADER, LAYOUT, PYTHON, SANITIZED,
                      python_env, run)

import jdclass
from jdclass import _lib

LIBRARY = os.environ.get("JDCLASS_LIBRARY", "")


def header_text() -> str:
    return HEADER.read_text(encoding="utf-8")


def header_functions() -> list:
    """Names of every function the header exports, in order."""
    return re.findall(r"JDC_EXPORT\b[^;{]*?\b(jdc_\w+)\s*\(",
                      header_text())


def header_struct_fields() -> dict:
    """{struct name: [field names]} of the header's typedef structs."""
    text = re.sub(r"/\*.*?\*/", "", header_text(), flags=re.S)
    out = {}
    for name, body in re.findall(
            r"typedef\s+struct\s+(jdc_\w+)\s*\{(.*?)\}\s*\1\s*;", text,
            flags=re.S):
        out[name] = re.findall(r"(\w+)\s*(?:\[[^\]]*\])?\s*;", body)
    return out


def probe(code: str, env: dict) -> subprocess.CompletedProcess:
    return run([PYTHON, "-c", code], env=env)


# ---- the library under test ---------------------------------------------

def test_loaded_from_environment_variable():
    if not LIBRARY:
        pytest.skip("JDCLASS_LIBRARY not set")
    assert jdclass.library_path == LIBRARY
    assert _lib.path == LIBRARY


def test_bad_environment_path_is_import_error_naming_it(tmp_path):
    bad = tmp_path / "no-such-libjdclass.so.0"
    p = probe("import jdclass",
              python_env(JDCLASS_LIBRARY=str(bad),
                         PYTHONPATH=str(BINDINGS_DIR)))
    assert p.returncode != 0
    err = p.stderr.decode()
    assert "ImportError" in err
    assert str(bad) in err
    assert "JDCLASS_LIBRARY" in err
    assert "no such file" in err


def test_environment_path_that_is_not_a_library(tmp_path):
    bad = tmp_path / "libjdclass.so.0"
    bad.write_bytes(b"not an ELF file\n")
    p = probe("import jdclass",
              python_env(JDCLASS_LIBRARY=str(bad),
                         PYTHONPATH=str(BINDINGS_DIR)))
    assert p.returncode != 0
    err = p.stderr.decode()
    assert "ImportError" in err and str(bad) in err


def test_environment_path_to_another_library_lacks_functions(tmp_path):
    # A real shared library that is not jdclass: rejected with the missing
    # function named, not loaded half-declared.
    import ctypes.util
    libc = ctypes.util.find_library("c")
    if not libc:
        pytest.skip("no libc found")
    p = probe("import jdclass",
              python_env(JDCLASS_LIBRARY=libc, PYTHONPATH=str(BINDINGS_DIR)))
    assert p.returncode != 0
    err = p.stderr.decode()
    assert "lacks a function" in err and "jdc_" in err


def copy_package(dest: Path) -> Path:
    """Copy the jdclass package to dest/jdclass; returns dest."""
    shutil.copytree(BINDINGS_DIR / "jdclass", dest / "jdclass",
                    ignore=shutil.ignore_patterns("__pycache__", "*.so*"))
    return dest


def real_library() -> Path:
    if not LIBRARY or not Path(LIBRARY).is_file():
        pytest.skip("JDCLASS_LIBRARY is not a file")
    return Path(LIBRARY)


PRINT_PATH = "import jdclass; print(jdclass.library_path)"


def isolated_env(pythonpath: Path) -> dict:
    return python_env(JDCLASS_LIBRARY="", LD_LIBRARY_PATH="",
                      PYTHONPATH=str(pythonpath))


def test_library_shipped_inside_the_package(tmp_path):
    lib = real_library()
    site = copy_package(tmp_path / "site")
    shutil.copy(lib, site / "jdclass" / "libjdclass.so.0")
    p = probe(PRINT_PATH, isolated_env(site))
    assert p.returncode == 0, p.stderr.decode()
    assert p.stdout.decode().strip() == str(site / "jdclass" /
                                            "libjdclass.so.0")


def test_library_from_the_build_tree(tmp_path):
    lib = real_library()
    repo = tmp_path / "repo"
    (repo / "include").mkdir(parents=True)
    shutil.copy(HEADER, repo / "include" / "jdclass.h")
    (repo / "build-x" / "lib").mkdir(parents=True)
    shutil.copy(lib, repo / "build-x" / "lib" / "libjdclass.so.0")
    copy_package(repo / "bindings" / "python")
    p = probe(PRINT_PATH, isolated_env(repo / "bindings" / "python"))
    assert p.returncode == 0, p.stderr.decode()
    assert p.stdout.decode().strip() == str(repo / "build-x" / "lib" /
                                            "libjdclass.so.0")


def test_sanitizer_build_is_skipped_with_a_reason(tmp_path):
    if SANITIZED:
        pytest.skip("the ASan runtime is preloaded here")
    repo = tmp_path / "repo"
    (repo / "include").mkdir(parents=True)
    shutil.copy(HEADER, repo / "include" / "jdclass.h")
    (repo / "build-asan" / "lib").mkdir(parents=True)
    fake = repo / "build-asan" / "lib" / "libjdclass.so.0"
    fake.write_bytes(b"\x7fELF... NEEDED libasan.so.8 ...")
    copy_package(repo / "bindings" / "python")
    p = probe(PRINT_PATH, isolated_env(repo / "bindings" / "python"))
    err = p.stderr.decode()
    assert str(fake) in err and "AddressSanitizer" in err, err


def test_nothing_found_lists_every_candidate(tmp_path):
    if ctypes.util.find_library("jdclass"):
        pytest.skip("a libjdclass is installed system-wide")
    site = copy_package(tmp_path / "site")
    p = probe("import jdclass", isolated_env(site))
    assert p.returncode != 0
    err = p.stderr.decode()
    assert "ImportError" in err
    for what in ("shipped with the package", "find_library('jdclass')",
                 "system loader: libjdclass.so.0", "JDCLASS_LIBRARY"):
        assert what in err, (what, err)
    assert str(site / "jdclass") in err


# ---- declarations ---------------------------------------------------------

def test_every_header_function_is_declared():
    declared = [name for name, _, _ in _lib.PROTOTYPES]
    exported = header_functions()
    assert exported, "no JDC_EXPORT function found in the header"
    missing = [f for f in exported if f not in declared]
    assert not missing, f"functions of jdclass.h not declared: {missing}"
    extra = [f for f in declared if f not in exported]
    assert not extra, f"declared but not in jdclass.h: {extra}"
    for name, restype, argtypes in _lib.PROTOTYPES:
        fn = getattr(_lib.lib, name)
        assert fn.restype is restype, name
        assert list(fn.argtypes) == list(argtypes), name


def test_long_calls_release_the_gil_and_getters_keep_it():
    for name, _, _ in _lib.PROTOTYPES:
        fn = getattr(_lib.lib, name)
        keeps_gil = bool(fn._flags_ & ctypes._FUNCFLAG_PYTHONAPI)
        assert keeps_gil == (name not in _lib.RELEASES_GIL), name
    for name in ("jdc_classify", "jdc_classify_ex", "jdc_model_load",
                 "jdc_result_json"):
        assert name in _lib.RELEASES_GIL


def test_owned_string_is_not_c_char_p():
    # jdc_result_json returns memory to free with jdc_free: a c_char_p
    # restype would copy it and leak the original.
    assert _lib.lib.jdc_result_json.restype is ctypes.c_void_p
    assert _lib.lib.jdc_free.argtypes == [ctypes.c_void_p]


def test_struct_mirrors_have_the_header_fields_in_order():
    fields = header_struct_fields()
    for name, cls in _lib.STRUCTS.items():
        assert name in fields, f"{name} not found in jdclass.h"
        mirrored = [f for f, _ in cls._fields_]
        assert mirrored == fields[name], name
    assert set(fields) == set(_lib.STRUCTS), "a struct is not mirrored"


def layout() -> dict:
    if not LAYOUT:
        pytest.skip("JDCLASS_LAYOUT not set (run by ctest)")
    p = run([LAYOUT])
    assert p.returncode == 0
    return json.loads(p.stdout)


def test_struct_layout_matches_the_c_compiler():
    c = layout()
    for name, cls in _lib.STRUCTS.items():
        assert ctypes.sizeof(cls) == c[name]["size"], name
        for field, _ in cls._fields_:
            assert getattr(cls, field).offset == c[name]["fields"][field], \
                f"{name}.{field}"


def test_constants_match_the_header():
    c = layout()
    for key, value in c.items():
        if key.startswith("JDC_") and isinstance(value, int):
            assert getattr(_lib, key) == value, key
    assert _lib.HEADER_VERSION_STRING == c["JDC_VERSION_STRING"]
    assert jdclass.__version__ == c["JDC_VERSION_STRING"]
    assert jdclass.EIO == -3 and jdclass.FLAG_HTML == 1 << 1


def test_version_of_the_loaded_library():
    assert jdclass.library_version_number() == _lib.HEADER_VERSION_NUMBER
    assert jdclass.library_version() == _lib.HEADER_VERSION_STRING
    n = jdclass.library_version_number()
    assert jdclass.library_version() == \
        f"{n // 10000}.{n // 100 % 100}.{n % 100}"


def test_package_version_in_pyproject():
    text = (BINDINGS_DIR / "pyproject.toml").read_text()
    assert f'version = "{jdclass.__version__}"' in text


def test_py_typed_marker():
    assert (BINDINGS_DIR / "jdclass" / "py.typed").is_file()
