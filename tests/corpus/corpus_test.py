#!/usr/bin/env python3
"""Classify every posting of the reference corpus and compare with its labels.

Prints accuracy, macro-F1 over the four tracks, per-track precision/recall
and the confusion matrix. Exits 1 below the floors, 77 ("skipped") when the
corpus is absent (a user's clone has no ../shared).

Usage: corpus_test.py CLI CORPUS_DIR [--min-accuracy X] [--min-macro-f1 Y]
                      [--errors]
"""
import argparse
import json
import os
import subprocess
import sys

TRACKS = ["mlops", "llmops", "hybrid", "other"]
# The signal ids the reference labels use (RUBRIC.md); jdclass may fire
# more, which the reference cannot score.
RUBRIC_SIGNALS = ["no-production-ml", "deploy-support-role",
                  "infra-only-monitoring", "unmanaged-compute",
                  "dedicated-platform-team", "deploy-cadence-gates",
                  "feature-store", "rollback-canary", "model-monitoring",
                  "eval-pipeline", "prompt-versioning", "guardrails"]


def read_labels(path):
    rows = {}
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            cols = line.rstrip("\n").split("\t")
            row = dict(zip(header, cols))
            rows[row["id"]] = row
    return rows


def classify(cli, files):
    out = subprocess.run([cli, "--json"] + files, capture_output=True,
                         check=False)
    if out.returncode != 0:
        sys.stderr.write(out.stderr.decode("utf-8", "replace"))
        raise SystemExit("corpus: the CLI failed with status %d" % out.returncode)
    results = {}
    for line in out.stdout.decode("utf-8").splitlines():
        obj = json.loads(line)
        pid = os.path.splitext(os.path.basename(obj["file"]))[0]
        results[pid] = obj
    return results


def num(s):
    """A reference salary figure: None when empty, else a float."""
    return float(s) if s.strip() else None


def f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cli")
    ap.add_argument("corpus")
    ap.add_argument("--min-accuracy", type=float, default=0.0)
    ap.add_argument("--min-macro-f1", type=float, default=0.0)
    ap.add_argument("--min-signal-f1", type=float, default=0.0)
    ap.add_argument("--min-seniority", type=float, default=0.0)
    ap.add_argument("--min-salary", type=float, default=0.0)
    ap.add_argument("--extract-errors", action="store_true",
                    help="list seniority and salary mismatches")
    ap.add_argument("--signal-errors", action="store_true",
                    help="list the signal false positives and negatives")
    ap.add_argument("--errors", action="store_true",
                    help="list the misclassified postings")
    args = ap.parse_args()
    labels_path = os.path.join(args.corpus, "labels.tsv")
    if not os.path.exists(labels_path):
        print("corpus: skipped (no reference corpus at %s)" % args.corpus)
        return 77
    labels = read_labels(labels_path)
    ids = sorted(labels)
    files = [os.path.join(args.corpus, "postings", i + ".txt") for i in ids]
    results = classify(args.cli, files)
    confusion = {t: {u: 0 for u in TRACKS} for t in TRACKS}
    correct = 0
    errors = []
    for i in ids:
        gold = labels[i]["track"]
        got = results[i]["label"]
        confusion[gold][got] += 1
        if gold == got:
            correct += 1
        else:
            errors.append((i, gold, got, results[i]["score"],
                           labels[i].get("confidence", ""),
                           labels[i].get("title", "")))
    n = len(ids)
    acc = correct / n
    f1s = []
    print("corpus: %d postings" % n)
    print("%-8s %9s %9s %9s %6s" % ("track", "precision", "recall", "F1", "n"))
    for t in TRACKS:
        tp = confusion[t][t]
        pred = sum(confusion[g][t] for g in TRACKS)
        gold = sum(confusion[t].values())
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        f1s.append(f1(p, r))
        print("%-8s %9.3f %9.3f %9.3f %6d" % (t, p, r, f1s[-1], gold))
    macro = sum(f1s) / len(f1s)
    print("confusion (rows: reference, columns: jdclass)")
    print("%-8s" % "" + "".join("%8s" % t for t in TRACKS))
    for t in TRACKS:
        print("%-8s" % t + "".join("%8d" % confusion[t][u] for u in TRACKS))
    # confidence: the label score should rank right answers above wrong ones
    ok_scores = [results[i]["score"] for i in ids
                 if results[i]["label"] == labels[i]["track"]]
    bad_scores = [results[i]["score"] for i in ids
                  if results[i]["label"] != labels[i]["track"]]
    if ok_scores and bad_scores:
        print("mean score: right %.3f, wrong %.3f" %
              (sum(ok_scores) / len(ok_scores), sum(bad_scores) / len(bad_scores)))
    print("accuracy %.3f (floor %.2f)   macro-F1 %.3f (floor %.2f)" %
          (acc, args.min_accuracy, macro, args.min_macro_f1))
    if args.errors:
        for e in errors:
            print("  %s gold=%-7s got=%-7s score=%.2f conf=%-4s %s" % e)
    # signals against the reference `signals` column
    tp = fp = fn = 0
    per = {sid: [0, 0, 0] for sid in RUBRIC_SIGNALS}
    sig_errors = []
    for i in ids:
        gold = set(x for x in labels[i].get("signals", "").split(",") if x)
        got = set(s["id"] for s in results[i].get("signals", [])
                  if s["id"] in per)
        for sid in got & gold:
            per[sid][0] += 1
        for sid in got - gold:
            per[sid][1] += 1
            sig_errors.append((i, "false+", sid))
        for sid in gold - got:
            if sid in per:
                per[sid][2] += 1
                sig_errors.append((i, "false-", sid))
    print("%-24s %9s %9s %6s %6s %6s" % ("signal", "precision", "recall",
                                          "tp", "fp", "fn"))
    for sid in RUBRIC_SIGNALS:
        a, b, c = per[sid]
        tp, fp, fn = tp + a, fp + b, fn + c
        print("%-24s %9.3f %9.3f %6d %6d %6d" % (
            sid, a / (a + b) if a + b else 0.0, a / (a + c) if a + c else 0.0,
            a, b, c))
    sp = tp / (tp + fp) if tp + fp else 0.0
    sr = tp / (tp + fn) if tp + fn else 0.0
    sf1 = f1(sp, sr)
    print("signals micro: precision %.3f recall %.3f F1 %.3f (floor %.2f)" %
          (sp, sr, sf1, args.min_signal_f1))
    if args.signal_errors:
        for e in sig_errors:
            print("  %s %s %s" % e)
    # seniority and salary against the reference columns
    sen_ok = sal_ok = 0
    ext_errors = []
    for i in ids:
        gold = labels[i]
        got = results[i]
        if got["seniority"]["level"] == gold["seniority"]:
            sen_ok += 1
        else:
            ext_errors.append((i, "seniority", gold["seniority"],
                               got["seniority"]["level"]))
        sal = got["salary"]
        want = (num(gold["salary_min"]), num(gold["salary_max"]),
                gold["currency"] or None, gold["period"] or None)
        have = (sal["min"], sal["max"], sal["currency"], sal["period"])
        if want == have:
            sal_ok += 1
        else:
            ext_errors.append((i, "salary", want, have))
    sen_acc = sen_ok / n
    sal_acc = sal_ok / n
    print("seniority accuracy %.3f (floor %.2f)   salary exact match %.3f "
          "(floor %.2f)" % (sen_acc, args.min_seniority, sal_acc,
                            args.min_salary))
    if args.extract_errors:
        for e in ext_errors:
            print("  %s %s want=%s got=%s" % e)
    if (acc < args.min_accuracy or macro < args.min_macro_f1 or
            sf1 < args.min_signal_f1 or sen_acc < args.min_seniority or
            sal_acc < args.min_salary):
        print("corpus: FAILED (below the floor)")
        return 1
    print("corpus: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
