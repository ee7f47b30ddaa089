#!/usr/bin/env python3
"""Classify a large set of postings with jdclass on Dask.

Usage:
    PYTHONPATH=bindings/python JDCLASS_LIBRARY=build/lib/libjdclass.so.0 \\
    /usr/bin/python3 examples/dask_classify.py [--scheduler processes] \\
        [--workers N] [--partition-size N] OUT.jsonl FILE_OR_DIR...

Reads every file (directories recursively), classifies them on Dask
(Debian's python3-dask), and writes one JSON line per posting to OUT.jsonl,
in input order: the same objects `jdclass --json` prints.

One model per worker: the built-in model is created once per worker process
(jdclass.default_model() is cached in the process) and shared by that
worker's threads; nothing but file names and JSON strings crosses process
boundaries, so the model is never pickled. Each partition is classified with
jdclass.classify_many, whose C calls release the GIL.

When to reach for it: one machine with the `jdclass` CLI (`-r --threads N`)
already classifies at the library's speed on every core; Dask pays off when
the postings live on many machines, or the job is part of a larger Dask
pipeline (reading from object storage, joining with other data). See the
README's "Scaling out" section for the figures.
"""
import argparse
import json
import os
import sys

import dask
import dask.bag as db

import jdclass


def list_files(paths):
    """The files under `paths`, in name order, directories recursively."""
    out = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                out.extend(os.path.join(root, f) for f in sorted(files)
                           if not f.startswith("."))
        else:
            out.append(p)
    return out


def classify_partition(names):
    """Classify one partition of file names; returns JSON lines."""
    model = jdclass.default_model()  # once per worker process
    texts = []
    for name in names:
        with open(name, "rb") as f:
            texts.append(f.read())
    results = jdclass.classify_many(texts, model=model, html="auto")
    lines = []
    for name, r in zip(names, results):
        obj = {"file": name}
        obj.update(r.to_dict())
        lines.append(json.dumps(obj, ensure_ascii=False))
    return lines


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="output JSON Lines file")
    ap.add_argument("inputs", nargs="+", help="files or directories")
    ap.add_argument("--scheduler", default="processes",
                    choices=["processes", "threads", "synchronous"])
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--partition-size", type=int, default=500,
                    help="postings per Dask task (default 500)")
    args = ap.parse_args(argv)
    names = list_files(args.inputs)
    if not names:
        ap.error("no input files")
    bag = db.from_sequence(names, partition_size=args.partition_size)
    lines = bag.map_partitions(classify_partition)
    with dask.config.set(scheduler=args.scheduler,
                         num_workers=args.workers):
        result = lines.compute()
    with open(args.out, "w", encoding="utf-8") as f:
        for line in result:
            f.write(line + "\n")
    print("classified %d postings into %s" % (len(result), args.out),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
