"""``python3 -m jdclass [OPTIONS] [FILE...]``: the JSON of ``jdclass --json``.

Prints one JSON object per input, one per line, byte for byte what
``jdclass --json`` prints for the same arguments (each line is the library's
jdc_result_json() with the file name as "file"), with the same options
(``--html``/``--no-html``, ``-r`` with ``--include``/``--exclude GLOB``,
``-t N``, ``--max-input N``, ``-m DIR``; parsed like getopt_long: ``-rt2``,
``--threads=2``, unambiguous prefixes),
messages and exit status: 0 when every input was classified; 1 when some
input could not be read or classified (the others are still printed, stderr
names the file and the reason); 2 for a usage error or a model that does not
load. With no FILE, or when FILE is ``-``, reads standard input.
"""

from __future__ import annotations

import concurrent.futures
import errno
import fnmatch
import os
import re
import stat
import sys
from typing import (BinaryIO, Callable, Dict, List, Optional, Sequence,
                    Tuple)

PROG = "jdclass"

USAGE = """\
Usage: python3 -m jdclass [OPTIONS] [FILE...]
Classify job postings into the role tracks mlops, llmops, hybrid or other:
one JSON object per input, one per line (JSON Lines), as `jdclass --json`.
With no FILE, or when FILE is -, read standard input.

Options:
  -j, --json         accepted for compatibility (the output is always JSON)
  -e, --explain      add "contributions" (terms and features) to the JSON
  -m, --model DIR    load the model from DIR instead of the built-in one
      --html         the inputs are HTML (default: detect obvious HTML)
      --no-html      never treat the inputs as HTML
  -r, --recursive    classify the files under directories: text, Markdown and
                     HTML files (by extension; no extension: by content)
      --include GLOB with -r, read the files whose name matches GLOB instead
      --exclude GLOB with -r, skip files and directories matching GLOB
  -t, --threads N    classify on N threads (default: the number of cores);
                     output stays in input order
      --max-input N  largest input in bytes (suffix K, M, G; default 64M)
      --color[=WHEN] accepted for compatibility (JSON is never coloured)
  -V, --version      print the library and model versions and exit
  -h, --help         print this help and exit

Short options combine (-rt2); long ones take --opt=VALUE.
Exit status: 0 when every input was classified, 1 when some input could not
be read or classified (the others are still printed), 2 for a usage error.
"""

#: One job's outcome: (stdout bytes, stderr bytes, status 0 or 1).
Outcome = Tuple[bytes, bytes, int]


def _err(message: str) -> None:
    """Print "jdclass: message" on stderr; file names in it keep their own
    bytes (os.fsdecode() escaped them as surrogates)."""
    sys.stderr.flush()
    sys.stderr.buffer.write(f"{PROG}: {message}\n".encode(
        "utf-8", "surrogateescape"))
    sys.stderr.buffer.flush()


def _usage_error(message: str) -> int:
    """One line with a hint, as the CLI prints it; returns 2."""
    _err(f"{message} (try '{PROG} --help')")
    return 2


#: (long name, short letter, takes a value: 0 no, 1 yes, 2 only as =VALUE)
_OPTIONS: Sequence[Tuple[str, str, int]] = (
    ("json", "j", 0), ("explain", "e", 0), ("model", "m", 1),
    ("html", "", 0), ("no-html", "", 0), ("recursive", "r", 0),
    ("include", "", 1), ("exclude", "", 1), ("threads", "t", 1),
    ("max-input", "", 1), ("color", "", 2), ("colour", "", 2),
    ("version", "V", 0), ("help", "h", 0),
)


class _UsageError(Exception):
    """A usage error; the message is printed with the hint."""


def _getopt(args: Sequence[str]) -> Tuple[List[Tuple[str, Optional[str]]],
                                           List[str]]:
    """Parse like the CLI (lib/cli/args.c): short clusters (``-rt2``),
    ``--name=value`` or ``--name value``, unambiguous prefixes, options and
    operands mixed, ``--`` ends the options, ``-`` is an operand. Returns
    ([(long name, value)], operands); raises _UsageError."""
    opts: List[Tuple[str, Optional[str]]] = []
    operands: List[str] = []
    by_short: Dict[str, Tuple[str, str, int]] = {
        o[1]: o for o in _OPTIONS if o[1]}
    i, only_operands = 0, False
    while i < len(args):
        a = args[i]
        i += 1
        if only_operands or not a.startswith("-") or a == "-":
            operands.append(a)
        elif a == "--":
            only_operands = True
        elif not a.startswith("--"):
            k = 1
            while k < len(a):
                c = a[k]
                k += 1
                if c not in by_short:
                    raise _UsageError(f"unknown option '-{c}'")
                name, _, arg = by_short[c]
                value = None
                if arg == 1:
                    if k < len(a):
                        value, k = a[k:], len(a)
                    elif i < len(args):
                        value, i = args[i], i + 1
                    else:
                        raise _UsageError(f"option '-{c}' needs a value")
                opts.append((name, value))
        else:
            name, eq, value_s = a[2:].partition("=")
            exact = [o for o in _OPTIONS if o[0] == name]
            cands = exact or [o for o in _OPTIONS if o[0].startswith(name)]
            if len({o[0] if o[0] != "colour" else "color"
                    for o in cands}) > 1:
                raise _UsageError(f"ambiguous option '{a}' (" + ", ".join(
                    "--" + o[0] for o in cands) + ")")
            if not cands:
                raise _UsageError(f"unknown option '{a}'")
            long, _, arg = cands[0]
            value = value_s if eq else None
            if arg == 0 and eq:
                raise _UsageError(f"option '--{long}' takes no value ('{a}')")
            if arg == 1 and not eq:
                if i >= len(args):
                    raise _UsageError(f"option '--{long}' needs a value")
                value, i = args[i], i + 1
            opts.append(("color" if long == "colour" else long, value))
    return opts, operands


_POSTING_EXT = {"txt", "text", "md", "markdown", "mdown", "mkd", "mkdn",
                "html", "htm", "xhtml"}


class _Filter:
    """Which files -r reads, as the CLI's lib/cli/walk.c decides."""

    def __init__(self, include: List[str], exclude: List[str]) -> None:
        self.include = include
        self.exclude = exclude
        self.skipped = 0

    @staticmethod
    def _match(globs: List[str], path: str, base: str) -> bool:
        return any(fnmatch.fnmatchcase(path if "/" in g else base, g)
                   for g in globs)

    def wants_dir(self, path: bytes) -> bool:
        """Whether -r descends into `path` (not excluded)."""
        p = os.fsdecode(path)
        return not self._match(self.exclude, p, p.rsplit("/", 1)[-1])

    def wants_file(self, path: bytes) -> bool:
        """Whether -r reads the regular file `path`; counts rejections."""
        p = os.fsdecode(path)
        base = p.rsplit("/", 1)[-1]
        if self._match(self.exclude, p, base):
            want = False
        elif self.include:
            want = self._match(self.include, p, base)
        else:
            dot = base.rfind(".")
            want = dot <= 0 or base[dot + 1:].lower() in _POSTING_EXT
        if want:
            try:
                with open(path, "rb") as f:
                    want = b"\0" not in f.read(8192)
            except OSError:
                pass
        if not want:
            self.skipped += 1
        return want


def _parse_size(s: str) -> Optional[int]:
    """A --max-input value: digits with an optional K, M or G suffix."""
    m = re.fullmatch(r"\s*\+?([0-9]+)([kKMG]?)", s)
    if not m:
        return None
    v = int(m.group(1)) * {"": 1, "k": 1 << 10, "K": 1 << 10,
                           "M": 1 << 20, "G": 1 << 30}[m.group(2)]
    return v if 0 < v <= 2**64 - 1 else None


def _add_dir(jobs: List[bytes], d: bytes, depth: int, filt: _Filter) -> bool:
    """Add the regular files under `d` that `filt` wants, in name order,
    recursively, like the CLI's -r: hidden entries skipped, symbolic links
    not followed.
    False (a message printed) when a directory cannot be read."""
    name = os.fsdecode(d)
    if depth > 64:
        _err(f"{name}: directories nested too deeply")
        return False
    try:
        entries = [e for e in os.listdir(d) if not e.startswith(b".")]
    except OSError as e:
        _err(f"{name}: {e.strerror}")
        return False
    ok = True
    for path in sorted(d + b"/" + e for e in entries):
        if not ok:
            break
        try:
            st = os.lstat(path)
        except OSError:
            continue
        if stat.S_ISDIR(st.st_mode):
            if filt.wants_dir(path):
                ok = _add_dir(jobs, path, depth + 1, filt)
        elif stat.S_ISREG(st.st_mode):
            if filt.wants_file(path):
                jobs.append(path)
    if not ok:
        _err(f"{name}: out of memory or unreadable")
    return ok


def _read(fp: BinaryIO, limit: int) -> Optional[bytes]:
    """The whole stream, or None when it is larger than `limit`."""
    data = fp.read(limit + 1)
    return None if len(data) > limit else data


class _Progress:
    """The CLI's progress bar on stderr: erased before any output is
    written (so results never share its line), drawn at most every 100 ms,
    gone at the end; never on stdout."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.visible = False
        self.last = -1.0

    def clear(self) -> None:
        """Erase the bar if it is shown."""
        if self.visible:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
            self.visible = False

    def __call__(self, done: int, n: int) -> None:
        """Show `done` of `n` (erase it when done == n)."""
        import time
        if done >= n:
            self.clear()
            return
        now = time.monotonic()
        if now - self.last < 0.1:
            return
        self.last = now
        fill = int(done / n * 40)
        sys.stderr.write(f"\r[{'=' * fill}{' ' * (40 - fill)}] {done}/{n}"
                         "\033[K")
        sys.stderr.flush()
        self.visible = True


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line with `argv` (default sys.argv[1:]); returns the
    exit status."""
    args: List[str] = list(sys.argv[1:] if argv is None else argv)
    model_dir: Optional[str] = None
    html: Optional[bool] = None          # None: detect obvious HTML
    recursive = False
    threads = os.cpu_count() or 1
    explain = False
    max_input: Optional[int] = None
    include: List[str] = []
    exclude: List[str] = []
    try:
        opts, files = _getopt(args)
    except _UsageError as e:
        return _usage_error(str(e))
    for name, value in opts:
        if name == "explain":
            explain = True
        elif name == "html":
            html = True
        elif name == "no-html":
            html = False
        elif name == "recursive":
            recursive = True
        elif name == "include":
            include.append(str(value))
        elif name == "exclude":
            exclude.append(str(value))
        elif name == "threads":
            if not re.fullmatch(r"\s*[+-]?[0-9]+", str(value)) or \
                    not 1 <= int(str(value)) <= 1024:
                return _usage_error("--threads needs a number from 1 to "
                                    "1024")
            threads = int(str(value))
        elif name == "max-input":
            max_input = _parse_size(str(value))
            if max_input is None:
                return _usage_error("--max-input needs a size in bytes "
                                    "(suffix K, M or G allowed)")
        elif name == "color":
            if value not in (None, "always", "yes", "force", "never", "no",
                             "none", "auto", "tty", "if-tty"):
                return _usage_error(f"--color needs auto, always or never, "
                                    f"not '{value}'")
        elif name == "model":
            model_dir = value
        elif name == "version":
            import jdclass
            m = jdclass.default_model()
            print(f"jdclass {jdclass.library_version()} (model {m.name} "
                  f"{m.version})")
            return 0
        elif name == "help":
            sys.stdout.write(USAGE)
            return 0
    if not files:
        files = ["-"]

    import jdclass

    try:
        model = (jdclass.Model(model_dir) if model_dir is not None
                 else jdclass.default_model())
    except jdclass.Error as e:
        if model_dir is None:
            _err(str(e))
            return 1
        _err(f"cannot load model: {e}")
        return 2

    status = 0
    jobs: List[bytes] = []
    filt = _Filter(include, exclude)
    for f in files:
        raw = os.fsencode(f)
        if recursive and f != "-" and os.path.isdir(raw):
            if not _add_dir(jobs, raw, 0, filt):
                status = 1
        else:
            jobs.append(raw)
    if filt.skipped:
        _err(f"skipped {filt.skipped} file{'' if filt.skipped == 1 else 's'}"
             " under the directories (not text, Markdown or HTML, or "
             "excluded)")

    flags = (jdclass.FLAG_HTML if html
             else jdclass.FLAG_HTML_AUTO if html is None
             else jdclass.FLAG_DEFAULT)
    limit = max_input if max_input is not None else jdclass.MAX_INPUT_DEFAULT
    ex_limit = min(limit, 2**64 - 1) if max_input is not None else 0

    def run_job(name: bytes) -> Outcome:
        is_stdin = name == b"-"

        def failed(reason: str) -> Outcome:
            # the file name's own bytes, as the CLI prints them
            return (b"", PROG.encode() + b": " + name + b": "
                    + reason.encode("utf-8", "surrogateescape") + b"\n", 1)

        try:
            if is_stdin:
                data = _read(sys.stdin.buffer, limit)
            else:
                with open(name, "rb") as fp:
                    data = _read(fp, limit)
        except IsADirectoryError:
            return failed("is a directory (use -r to classify the files in "
                          "it)")
        except OSError as e:
            return failed(str(e.strerror or e))
        if data is None:
            return failed(f"larger than the limit of {limit} bytes")
        try:
            line = model._classify_json(data, flags, ex_limit, name, explain)
        except jdclass.Error as e:
            return failed(str(e))
        return line + b"\n", b"", 0

    out, err = sys.stdout.buffer, sys.stderr.buffer
    bar = _Progress(len(jobs)) if len(jobs) >= 50 and sys.stderr.isatty() \
        else None

    def flush(outcome: Outcome) -> int:
        o, e, st = outcome
        if bar and (o or e):
            bar.clear()
        if o:
            out.write(o)
            if bar:
                out.flush()
        if e:
            out.flush()
            err.write(e)
            err.flush()
        return st

    try:
        with model:
            status |= _run_all(jobs, run_job, flush, threads,
                               bar)
        out.flush()
    except BrokenPipeError:
        # The reader went away (the CLI dies of SIGPIPE): stop quietly and
        # keep Python from complaining again when it flushes at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as e:
        if e.errno == errno.EPIPE:
            return 1
        _err(f"write error: {e.strerror or e}")
        return 1
    return status


def _run_all(jobs: List[bytes], run_job: Callable[[bytes], Outcome],
             flush: Callable[[Outcome], int], threads: int,
             progress: Optional[Callable[[int, int], None]]) -> int:
    """Run the jobs, on `threads` threads when more than one, printing each
    job's output in input order as soon as it and all before it are done
    (workers run at most threads * 8 jobs ahead of the printer)."""
    status = 0
    n = len(jobs)
    if threads <= 1 or n <= 1:
        for k, name in enumerate(jobs):
            status |= flush(run_job(name))
            if progress:
                progress(k + 1, n)
        return status
    window = threads * 8
    with concurrent.futures.ThreadPoolExecutor(
            max_workers=threads, thread_name_prefix="jdclass") as pool:
        pending: List[concurrent.futures.Future] = []
        submitted = 0
        for k in range(n):
            while submitted < n and submitted < k + window:
                pending.append(pool.submit(run_job, jobs[submitted]))
                submitted += 1
            status |= flush(pending.pop(0).result())
            if progress:
                progress(k + 1, n)
    return status


if __name__ == "__main__":
    sys.exit(main())
