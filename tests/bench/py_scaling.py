#!/usr/bin/env python3
"""classify_many scaling with workers (the figures in the README).

Usage: PYTHONPATH=bindings/python JDCLASS_LIBRARY=build/lib/libjdclass.so.0 \
    /usr/bin/python3 tests/bench/py_scaling.py [POSTINGS_DIR] [REPEAT]

Classifies every file of POSTINGS_DIR (default ../shared/corpus/postings,
else examples/*.md) REPEAT times over (default 4) with classify_many for
workers 1, 2, 4, reading either only the label and scores of each result
("labels") or every match and signal ("details"), with classify_many and
with classify_iter, and prints postings per second (best of 3 runs) and the
speed-up over 1 worker. First it measures, on one thread, the time per
posting of the C classification alone and of classify() with labels or
with details read: what is not C runs with the GIL held, so it cannot run
in parallel, and 1 / (that share) bounds the speed-up of any number of
workers (Amdahl). On a loaded machine the bound is the steadier figure.
"""

import sys
import time
from pathlib import Path

import jdclass


def main() -> None:
    root = Path(__file__).resolve().parents[2]
    d = Path(sys.argv[1]) if len(sys.argv) > 1 else \
        root.parent / "shared" / "corpus" / "postings"
    files = sorted(p for p in d.glob("*") if p.is_file()) if d.is_dir() \
        else sorted((root / "examples").glob("*-*.md"))
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    texts = [p.read_text(encoding="utf-8", errors="replace")
             for p in files] * repeat
    print(f"{len(texts)} postings, {sum(map(len, texts)) / 1e6:.1f} M chars; "
          f"library {jdclass.library_path}")

    from jdclass import _classify_c, _lib
    model = jdclass.default_model()
    handle = model._acquire()
    data = [t.encode("utf-8") for t in texts]

    def per_posting(fn) -> float:
        # CPU time of this (single) thread: steadier than wall time when
        # other processes share the cores
        best = float("inf")
        for _ in range(5):
            t0 = time.thread_time()
            fn()
            best = min(best, time.thread_time() - t0)
        return best / len(texts) * 1e6

    def c_only():
        for d in data:
            _lib.lib.jdc_result_free(_classify_c(handle, d, 0, 0))

    c_us = per_posting(c_only)
    one = {"labels": per_posting(lambda: [jdclass.classify(t).score
                                          for t in texts]),
           "details": per_posting(lambda: [len(jdclass.classify(t).matches)
                                           for t in texts])}
    print(f"one thread: C classification {c_us:.0f} us/posting")
    for name, us in one.items():
        share = max(us - c_us, 1e-9) / us
        print(f"one thread: {name:8} {us:.0f} us/posting, GIL-held share "
              f"{share:.0%}, speed-up bound x{1 / share:.1f}")

    def labels(rs):
        return sum(r.score for r in rs)

    def details(rs):
        return sum(len(r.matches) + len(r.signals) for r in rs)

    for fn in (jdclass.classify_many, getattr(jdclass, "classify_iter",
                                              None)):
        if fn is None:
            continue
        for name, use in (("labels", labels), ("details", details)):
            base = None
            for workers in (1, 2, 4):
                best = float("inf")
                for _ in range(3):
                    t0 = time.perf_counter()
                    use(fn(texts, workers=workers))
                    best = min(best, time.perf_counter() - t0)
                rate = len(texts) / best
                base = base or rate
                print(f"{fn.__name__:13} {name:8} workers={workers}: "
                      f"{rate:7.0f} postings/s  x{rate / base:.2f}")


if __name__ == "__main__":
    main()
