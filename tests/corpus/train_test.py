#!/usr/bin/env python3
"""Re-train the shipped weights on both dev corpora and check them.

Copies the source models/ (without its weights) to a temporary directory,
runs `jdclass train` there over ../shared/corpus and ../shared/corpus-2026,
prints the cross-validated and training-set report, and fails when
  - the weights written differ by a single byte from models/classifier.weights
    (training is deterministic; after a change to the vocabulary, the
    families, the cues or the features, re-train with the command in
    models/README.md and commit the new file), or
  - a cross-validated figure falls below its floor.
Exits 77 ("skipped") when a corpus is absent (a user's clone).

Usage: train_test.py CLI MODELS_DIR SHARED_DIR [--min-cv-accuracy X]
                     [--min-cv-macro-f1 Y] [--max-cv-ece Z]
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cli")
    ap.add_argument("models")
    ap.add_argument("shared")
    ap.add_argument("--min-cv-accuracy", type=float, default=0.0)
    ap.add_argument("--min-cv-macro-f1", type=float, default=0.0)
    ap.add_argument("--max-cv-ece", type=float, default=1.0)
    args = ap.parse_args()
    corpora = [os.path.join(args.shared, c) for c in ("corpus", "corpus-2026")]
    for c in corpora:
        if not os.path.exists(os.path.join(c, "labels.tsv")):
            print("train: skipped (no reference corpus at %s)" % c)
            return 77
    with tempfile.TemporaryDirectory(prefix="jdc-train-") as tmp:
        model = os.path.join(tmp, "model")
        shutil.copytree(args.models, model,
                        ignore=shutil.ignore_patterns("*.weights", "README*"))
        cmd = [args.cli, "train"]
        for c in corpora:
            cmd += [os.path.join(c, "labels.tsv"), os.path.join(c, "postings")]
        cmd += ["-o", model]
        out = subprocess.run(cmd, capture_output=True, text=True, check=False)
        sys.stdout.write(out.stdout)
        sys.stderr.write(out.stderr)
        if out.returncode != 0:
            print("train: FAILED (jdclass train exited %d)" % out.returncode)
            return 1
        with open(os.path.join(model, "classifier.weights"), "rb") as f:
            fresh = f.read()
    with open(os.path.join(args.models, "classifier.weights"), "rb") as f:
        shipped = f.read()
    ok = True
    if fresh != shipped:
        a, b = fresh.splitlines(), shipped.splitlines()
        diff = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]),
                    min(len(a), len(b)))
        print("train: FAILED: re-trained weights differ from "
              "models/classifier.weights (first at line %d); re-train and "
              "commit them (models/README.md)" % (diff + 1))
        ok = False
    m = re.search(r"^cross-validated.*?accuracy ([0-9.]+)\s+macro-F1 ([0-9.]+)"
                  r"\s+expected calibration error ([0-9.]+)", out.stdout,
                  re.S | re.M)
    if not m:
        print("train: FAILED: no cross-validated report in the output")
        return 1
    acc, f1, ece = (float(x) for x in m.groups())
    print("cross-validated: accuracy %.3f (floor %.2f), macro-F1 %.3f "
          "(floor %.2f), ECE %.3f (ceiling %.2f)" %
          (acc, args.min_cv_accuracy, f1, args.min_cv_macro_f1, ece,
           args.max_cv_ece))
    if (acc < args.min_cv_accuracy or f1 < args.min_cv_macro_f1 or
            ece > args.max_cv_ece):
        print("train: FAILED (a cross-validated figure is past its bound)")
        ok = False
    if ok:
        print("train: passed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
