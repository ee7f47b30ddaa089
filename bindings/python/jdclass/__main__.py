"""``python3 -m jdclass [OPTIONS] [FILE...]``: the JSON of ``jdclass --json``.

Prints one JSON object per input, one per line, byte for byte what
``jdclass --json`` prints for the same arguments (each line is the library's
jdc_result_json() with the file name as "file"), with the same options
(``--html``/``--no-html``, ``-r``, ``-t N``, ``--max-input N``, ``-m DIR``),
messages and exit status: 0 when every input was classified; 1 when some
input could not be read or classified (the others are still printed, stderr
names the file and the reason); 2 for a usage error or a model that does not
load. With no FILE, or when FILE is ``-``, reads standard input.
"""

from __future__ import annotations

import concurrent.futures
import errno
import os
import re
import stat
import sys
from typing import BinaryIO, Callable, List, Optional, Sequence, Tuple

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
  -r, --recursive    classify the files under directories
  -t, --threads N    classify on N threads (default: the number of cores);
                     output stays in input order
      --max-input N  largest input in bytes (suffix K, M, G; default 64M)
  -V, --version      print the library and model versions and exit
  -h, --help         print this help and exit

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
    sys.stderr.write(f"{PROG}: {message}\n{USAGE}")
    return 2


def _parse_size(s: str) -> Optional[int]:
    """A --max-input value: digits with an optional K, M or G suffix."""
    m = re.fullmatch(r"\s*\+?([0-9]+)([kKMG]?)", s)
    if not m:
        return None
    v = int(m.group(1)) * {"": 1, "k": 1 << 10, "K": 1 << 10,
                           "M": 1 << 20, "G": 1 << 30}[m.group(2)]
    return v if 0 < v <= 2**64 - 1 else None


def _add_dir(jobs: List[bytes], d: bytes, depth: int) -> bool:
    """Add the regular files under `d` in name order, recursively, like
    the CLI's -r: hidden entries skipped, symbolic links not followed.
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
            ok = _add_dir(jobs, path, depth + 1)
        elif stat.S_ISREG(st.st_mode):
            jobs.append(path)
    if not ok:
        _err(f"{name}: out of memory or unreadable")
    return ok


def _read(fp: BinaryIO, limit: int) -> Optional[bytes]:
    """The whole stream, or None when it is larger than `limit`."""
    data = fp.read(limit + 1)
    return None if len(data) > limit else data


def _progress(done: int, n: int) -> None:
    fill = int(done / n * 40)
    sys.stderr.write(f"\r[{'=' * fill}{' ' * (40 - fill)}] {done}/{n}")
    if done == n:
        sys.stderr.write("\r\033[K")
    sys.stderr.flush()


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line with `argv` (default sys.argv[1:]); returns the
    exit status."""
    args: List[str] = list(sys.argv[1:] if argv is None else argv)
    files: List[str] = []
    model_dir: Optional[str] = None
    html: Optional[bool] = None          # None: detect obvious HTML
    recursive = only_files = False
    threads = os.cpu_count() or 1
    explain = False
    max_input: Optional[int] = None
    i = 0
    while i < len(args):
        a = args[i]
        if only_files or not a.startswith("-") or a == "-":
            files.append(a)
        elif a == "--":
            only_files = True
        elif a in ("-j", "--json"):
            pass
        elif a in ("-e", "--explain"):
            explain = True
        elif a == "--html":
            html = True
        elif a == "--no-html":
            html = False
        elif a in ("-r", "--recursive"):
            recursive = True
        elif a in ("-t", "--threads", "--max-input", "-m", "--model"):
            if i + 1 >= len(args):
                return _usage_error(f"{a} needs a value")
            i += 1
            value = args[i]
            if a in ("-t", "--threads"):
                if not re.fullmatch(r"\s*[+-]?[0-9]+", value) or \
                        not 1 <= int(value) <= 1024:
                    _err("--threads needs a number from 1 to 1024")
                    return 2
                threads = int(value)
            elif a == "--max-input":
                max_input = _parse_size(value)
                if max_input is None:
                    _err("--max-input needs a size in bytes (suffix K, M "
                         "or G allowed)")
                    return 2
            else:
                model_dir = value
        elif a.startswith("--model="):
            model_dir = a[len("--model="):]
        elif a in ("-V", "--version"):
            import jdclass
            m = jdclass.default_model()
            print(f"jdclass {jdclass.library_version()} (model {m.name} "
                  f"{m.version})")
            return 0
        elif a in ("-h", "--help"):
            sys.stdout.write(USAGE)
            return 0
        else:
            return _usage_error(f"unknown option '{a}'")
        i += 1
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
    for f in files:
        raw = os.fsencode(f)
        if recursive and f != "-" and os.path.isdir(raw):
            if not _add_dir(jobs, raw, 0):
                status = 1
        else:
            jobs.append(raw)

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
    show = len(jobs) >= 50 and sys.stderr.isatty()

    def flush(outcome: Outcome) -> int:
        o, e, st = outcome
        if o:
            out.write(o)
        if e:
            out.flush()
            err.write(e)
            err.flush()
        return st

    try:
        with model:
            status |= _run_all(jobs, run_job, flush, threads,
                               _progress if show else None)
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
