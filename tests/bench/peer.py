#!/usr/bin/python3
"""Python peer for the jdclass benchmark.

The same job as jdclass, written in Python the way a data team would: regex
tokeniser, PyStemmer (Snowball English, the same algorithm as libstemmer) and
pyahocorasick for the phrase matching. It exists to give the C library's
throughput a realistic yardstick, not to reproduce its labels exactly.

    /usr/bin/python3 tests/bench/peer.py --model DIR --rounds N FILE...

Loads the vocabulary (DIR/*.terms, format in models/README.md) and every FILE
into memory, classifies all files N times, and prints one line of JSON:

    {"peer": "python", "bytes": B, "postings": P, "rounds": N, "seconds": S,
     "mb_per_s": X, "postings_per_s": Y}

Only classification is timed (time.perf_counter around each round; reading
files, decoding them and loading the vocabulary are not). `seconds` is the
median round time; `mb_per_s` (MB = 10^6 bytes of raw file input) and
`postings_per_s` are medians over rounds of each round's throughput.

Needs Debian's python3-stemmer and python3-ahocorasick, hence /usr/bin/python3.
"""

import argparse
import bisect
import glob
import itertools
import json
import os
import re
import statistics
import sys
import time

try:
    import Stemmer
    import ahocorasick
except ImportError as e:  # pragma: no cover - environment problem
    sys.stderr.write(
        "peer.py: %s (run with /usr/bin/python3; needs python3-stemmer and "
        "python3-ahocorasick)\n" % e)
    sys.exit(2)

TRACKS = ("mlops", "llmops", "ml", "shared", "other")
FLAGS = ("literal", "case")
LAYER_RE = re.compile(r"^[a-z0-9-]+$")

# Tokens: runs of letters/digits, joined by '.', '-' or '/' when the next
# character is again a letter/digit, with an optional trailing '++' or '#'.
# So C++, C#, CI/CD, Node.js, scikit-learn and LLM-as-judge stay whole, while
# a sentence-final '.' or a dash between spaces is not part of a token.
TOKEN_RE = re.compile(r"[^\W_]+(?:[./-][^\W_]+)*(?:\+\+|#)?")
# What joins the parts of a token that may also be written apart.
APART_RE = re.compile(r"[-/]")

# Labelling: a track needs at least this much weight for the posting to be
# in scope; below it the label is `other`.
DEFAULT_THRESHOLD = 6.0


class ModelError(Exception):
    pass


def tokenize(text):
    """Lower-cased tokens of `text`."""
    return TOKEN_RE.findall(text.lower())


class Vocabulary:
    """The phrases of a model, in two Aho-Corasick automata.

    `stem_ac` holds ordinary terms as space-joined stemmed tokens and is run
    over the stemmed text; `lit_ac` holds `literal` and `case` terms as
    space-joined lower-cased tokens and is run over the lower-cased text.
    Each value is (phrase length in characters, number of tokens, term index).
    """

    def __init__(self, stemmer):
        self.stemmer = stemmer
        self.terms = []  # (canonical, track, layer, weight)
        self.stem_ac = ahocorasick.Automaton()
        self.lit_ac = ahocorasick.Automaton()
        self._seen = {}  # (automaton kind, phrase) -> ("file:line", term)

    def _add_phrase(self, kind, phrase, ntok, idx, where, explicit):
        key = (kind, phrase)
        if key in self._seen:
            first_where, first_idx = self._seen[key]
            # The same term spelling a phrase twice (an alias that stems to
            # the canonical name, as in "feature store | feature stores") is
            # harmless; an implied written-apart variant yields to any other
            # term. Two terms naming the same phrase is an error.
            if explicit and first_idx != idx:
                raise ModelError("%s: duplicate phrase '%s' (first at %s)"
                                 % (where, phrase, first_where))
            return
        self._seen[key] = (where, idx)
        ac = self.stem_ac if kind == "stem" else self.lit_ac
        ac.add_word(phrase, (len(phrase), ntok, idx))

    def add_term(self, canonical, aliases, track, layer, weight, flags, where):
        idx = len(self.terms)
        self.terms.append((canonical, track, layer, weight))
        # `case` terms should match only with the exact case written in the
        # file. For the peer's simplicity they are treated like `literal`
        # terms and matched on the lower-cased text (so "ray" matches "Ray").
        literal = "literal" in flags or "case" in flags
        kind = "lit" if literal else "stem"
        for spelling in [canonical] + aliases:
            toks = tokenize(spelling)
            if not toks:
                raise ModelError("%s: '%s' has no tokens" % (where, spelling))
            if len(toks) > 8:
                raise ModelError("%s: '%s' has more than 8 tokens"
                                 % (where, spelling))
            forms = [(toks, True)]
            # A hyphen- or slash-joined token also matches the same words
            # written apart: "fine-tuning" matches "fine tuning".
            apart = []
            for t in toks:
                apart.extend(p for p in APART_RE.split(t) if p)
            if apart != toks:
                forms.append((apart, False))
            for ftoks, explicit in forms:
                if not literal:
                    ftoks = self.stemmer.stemWords(ftoks)
                self._add_phrase(kind, " ".join(ftoks), len(ftoks), idx,
                                 where, explicit)

    def finish(self):
        for ac in (self.stem_ac, self.lit_ac):
            if len(ac):
                ac.make_automaton()


def _split_list(field):
    return [] if field == "-" else [a.strip() for a in field.split(";")
                                    if a.strip()]


def load_vocabulary(model_dir, stemmer):
    files = sorted(glob.glob(os.path.join(model_dir, "*.terms")))
    if not files:
        raise ModelError("%s: no *.terms files" % model_dir)
    vocab = Vocabulary(stemmer)
    for path in files:
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        if not lines or lines[0].strip() != "%format jdclass-terms 1":
            raise ModelError("%s:1: expected '%%format jdclass-terms 1'" % name)
        for lineno, line in enumerate(lines[1:], start=2):
            where = "%s:%d" % (name, lineno)
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            fields = [x.strip() for x in s.split("|")]
            if len(fields) != 6:
                raise ModelError("%s: expected 6 fields, got %d"
                                 % (where, len(fields)))
            canonical, aliases, track, layer, weight, flags = fields
            if not canonical:
                raise ModelError("%s: empty canonical name" % where)
            if track not in TRACKS:
                raise ModelError("%s: unknown track '%s'" % (where, track))
            if not LAYER_RE.match(layer):
                raise ModelError("%s: bad layer '%s'" % (where, layer))
            try:
                w = float(weight)
            except ValueError:
                raise ModelError("%s: bad weight '%s'" % (where, weight))
            if not 0 <= w <= 10:
                raise ModelError("%s: weight %s out of range 0..10"
                                 % (where, weight))
            flag_list = _split_list(flags.replace(",", ";"))
            for fl in flag_list:
                if fl not in FLAGS:
                    raise ModelError("%s: unknown flag '%s'" % (where, fl))
            vocab.add_term(canonical, _split_list(aliases), track, layer, w,
                           flag_list, where)
    vocab.finish()
    return vocab


def _matches(ac, tokens, out):
    """Append (first token, token count, term index) for every match of `ac`
    in the space-joined `tokens` that starts and ends on token boundaries."""
    if not len(ac) or not tokens:
        return
    s = " ".join(tokens)
    n = len(s)
    starts = None  # character offset of each token, built on first match
    for end, (plen, ntok, idx) in ac.iter(s):
        start = end - plen + 1
        if start and s[start - 1] != " ":
            continue
        if end + 1 != n and s[end + 1] != " ":
            continue
        if starts is None:
            starts = list(itertools.accumulate(
                (len(t) + 1 for t in tokens[:-1]), initial=0))
        out.append((bisect.bisect_left(starts, start), ntok, idx))


def classify(text, vocab, threshold=DEFAULT_THRESHOLD):
    """Label, per-track weight sums and matched term indices of one posting."""
    lowered = tokenize(text)
    stemmed = vocab.stemmer.stemWords(lowered)
    found = []
    _matches(vocab.stem_ac, stemmed, found)
    _matches(vocab.lit_ac, lowered, found)
    # Keep leftmost-longest, non-overlapping matches.
    found.sort(key=lambda m: (m[0], -m[1]))
    sums = dict.fromkeys(TRACKS, 0.0)
    terms = vocab.terms
    kept = []
    next_free = 0
    for first, ntok, idx in found:
        if first < next_free:
            continue
        next_free = first + ntok
        kept.append(idx)
        sums[terms[idx][1]] += terms[idx][3]
    best = "mlops" if sums["mlops"] >= sums["llmops"] else "llmops"
    label = best if sums[best] >= threshold else "other"
    return label, sums, kept


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", required=True, help="model directory")
    ap.add_argument("--rounds", type=int, default=5,
                    help="times to classify every file (default 5)")
    ap.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD,
                    help="least track weight for an in-scope label")
    ap.add_argument("--labels", action="store_true",
                    help="also print one JSON line per file (label, sums) "
                         "to stderr, for checking")
    ap.add_argument("files", nargs="+", metavar="FILE")
    args = ap.parse_args(argv)
    if args.rounds < 1:
        ap.error("--rounds must be at least 1")

    stemmer = Stemmer.Stemmer("english")
    try:
        vocab = load_vocabulary(args.model, stemmer)
    except (ModelError, OSError, UnicodeDecodeError) as e:
        sys.stderr.write("peer.py: %s\n" % e)
        return 2

    texts = []
    nbytes = 0
    try:
        for path in args.files:
            with open(path, "rb") as f:
                raw = f.read()
            nbytes += len(raw)
            texts.append(raw.decode("utf-8", errors="replace"))
    except OSError as e:
        sys.stderr.write("peer.py: %s\n" % e)
        return 2

    if args.labels:
        for path, text in zip(args.files, texts):
            label, sums, kept = classify(text, vocab, args.threshold)
            sys.stderr.write(json.dumps({
                "file": path, "label": label,
                "sums": {k: round(v, 3) for k, v in sums.items()},
                "terms": sorted({vocab.terms[i][0] for i in kept}),
            }) + "\n")

    threshold = args.threshold
    times = []
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        for text in texts:
            classify(text, vocab, threshold)
        times.append(time.perf_counter() - t0)

    # Guard against a zero reading for tiny inputs on a coarse clock.
    times = [max(t, 1e-9) for t in times]
    print(json.dumps({
        "peer": "python",
        "bytes": nbytes,
        "postings": len(texts),
        "rounds": args.rounds,
        "seconds": round(statistics.median(times), 6),
        "mb_per_s": round(statistics.median(nbytes / 1e6 / t for t in times),
                          3),
        "postings_per_s": round(
            statistics.median(len(texts) / t for t in times), 1),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
