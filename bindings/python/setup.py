"""Build hook of the jdclass Python package (metadata: pyproject.toml).

`pip install` ships the C library inside the package, so that `import
jdclass` works wherever it is installed, with nothing else set:

1. ``JDCLASS_LIBRARY``, when set, names the ``libjdclass.so.0`` to ship;
2. otherwise, when building from a repository checkout (a parent directory
   holds ``include/jdclass.h``), the most recently built
   ``build*/lib/libjdclass.so.0`` under it (sanitizer builds skipped unless
   their runtime is preloaded);
3. otherwise nothing is shipped, and the package finds an installed library
   through the system loader (``cmake --install``, ``ldconfig``) at import.

A library already copied into ``jdclass/`` is shipped as it is. With a
shipped library the wheel is tagged for this platform.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Optional

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

HERE = Path(__file__).resolve().parent


def _is_unloadable_sanitizer_build(path: Path) -> bool:
    """An ASan build cannot be loaded unless its runtime is preloaded."""
    if "asan" in os.environ.get("LD_PRELOAD", ""):
        return False
    try:
        return b"libasan.so" in path.read_bytes()
    except OSError:
        return True


def find_library() -> Optional[Path]:
    """The libjdclass.so.0 to ship, or None (see the module doc)."""
    env = os.environ.get("JDCLASS_LIBRARY")
    if env:
        p = Path(env)
        if not p.is_file():
            raise SystemExit(f"JDCLASS_LIBRARY={env}: no such file")
        return p.resolve()
    for parent in HERE.parents:
        if (parent / "include" / "jdclass.h").is_file():
            built = [p for p in parent.glob("build*/lib/libjdclass.so.0")
                     if p.is_file() and not _is_unloadable_sanitizer_build(p)]
            built.sort(key=lambda p: p.stat().st_mtime, reverse=True)
            return built[0].resolve() if built else None
    return None


LIBRARY = None if list((HERE / "jdclass").glob("libjdclass.so*")) \
    else find_library()


class BuildPy(build_py):
    """build_py that also copies the C library into the package."""

    def run(self) -> None:
        super().run()
        if LIBRARY is not None:
            dest = Path(self.build_lib) / "jdclass" / "libjdclass.so.0"
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(LIBRARY, dest)
            os.chmod(dest, 0o755)
            print(f"jdclass: shipping {LIBRARY} as {dest}")
        else:
            print("jdclass: no libjdclass.so.0 to ship; the installed "
                  "package will look for the library at import")


class BinaryDistribution(Distribution):
    """A wheel carrying a shared library is platform-specific."""

    def has_ext_modules(self) -> bool:
        return LIBRARY is not None or super().has_ext_modules()


setup(cmdclass={"build_py": BuildPy}, distclass=BinaryDistribution)
