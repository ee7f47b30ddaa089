"""Tests of `jdclass train`, `jdclass eval` and the *.weights model file.

Self-contained: the labelled postings are written here (short postings of our
own), so these run without ../shared. Run by ctest (tests/cli/CMakeLists.txt)
with the environment of test_cli.py.
"""

import json
import math
import shutil
import tempfile
import unittest
from pathlib import Path

from test_cli import CLI, SOURCE_DIR, run  # noqa: F401  (CLI: env check)

POSTINGS = {
    # id: (label, company, text)
    "a1": ("mlops", "acme", "# MLOps Engineer\n\n## What you will do\n"
           "- Build and operate training pipelines in Kubeflow.\n"
           "- Own the MLflow model registry and the Feast feature store.\n"
           "- Monitor prediction drift and retrain models.\n"),
    "a2": ("mlops", "acme", "# Machine Learning Engineer\n\n## Responsibilities\n"
           "- Deploy fraud models to production with SageMaker.\n"
           "- Maintain batch scoring jobs in Airflow.\n"),
    "b1": ("llmops", "bolt", "# AI Engineer\n\n## What you will do\n"
           "- Build RAG pipelines over pgvector and ship LLM features.\n"
           "- Run evals with LLM-as-judge on every prompt change.\n"
           "- Operate guardrails for prompt injection.\n"),
    "b2": ("llmops", "bolt", "# LLM Engineer\n\n## Responsibilities\n"
           "- Serve open models with vLLM and fine-tune them with LoRA.\n"
           "- Build agents with LangGraph and tool calling.\n"),
    "c1": ("other", "cora", "# Frontend Developer\n\n## What you will do\n"
           "- Build React components and CSS layouts.\n"
           "- Write TypeScript for our web app.\n"),
    "c2": ("other", "cora", "# Data Analyst\n\n## Responsibilities\n"
           "- Build dashboards in Tableau and report insights to "
           "stakeholders.\n"),
    "d1": ("other", "", "# Site Reliability Engineer\n\n## Duties\n"
           "- Keep Kubernetes clusters healthy with Prometheus.\n"),
    "d2": ("mlops", "", "# ML Platform Engineer\n\n## Duties\n"
           "- Build the model serving platform with KServe and Triton.\n"
           "- Add model monitoring with Evidently.\n"),
    "d3": ("llmops", "", "# GenAI Engineer\n\n## Duties\n"
           "- Build retrieval-augmented generation with LangChain.\n"
           "- Version prompts and track token cost with Langfuse.\n"),
}


def write_corpus(root: Path, rows=None, header="id\ttrack\tcompany"):
    posts = root / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    lines = [header]
    for pid, (label, company, text) in POSTINGS.items():
        (posts / f"{pid}.txt").write_text(text, encoding="utf-8")
        lines.append(f"{pid}\t{label}\t{company}")
    if rows is not None:
        lines = [header] + rows
    labels = root / "labels.tsv"
    labels.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return labels, posts


def copy_model(dst: Path) -> Path:
    shutil.copytree(SOURCE_DIR / "models", dst,
                    ignore=shutil.ignore_patterns("*.weights", "README*"))
    return dst


class LearnCase(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="jdc-learn-")
        self.tmp = Path(self._tmp.name)

    def tearDown(self):
        self._tmp.cleanup()


class TestTrain(LearnCase):
    def train(self, model, labels, posts, *extra):
        return run(["train", str(labels), str(posts), "-o", str(model),
                    "--folds", "3", *extra])

    def test_writes_loadable_deterministic_weights(self):
        labels, posts = write_corpus(self.tmp)
        m1, m2 = copy_model(self.tmp / "m1"), copy_model(self.tmp / "m2")
        p1 = self.train(m1, labels, posts)
        self.assertEqual(p1.returncode, 0, p1.stderr.decode())
        out = p1.stdout.decode()
        self.assertIn("cross-validated (3 folds grouped by company)", out)
        self.assertIn("training set: 9 postings", out)
        self.assertIn("expected calibration error", out)
        p2 = self.train(m2, labels, posts)
        self.assertEqual(p2.returncode, 0, p2.stderr.decode())
        w1 = (m1 / "classifier.weights").read_bytes()
        w2 = (m2 / "classifier.weights").read_bytes()
        self.assertTrue(w1.startswith(b"%format jdclass-weights 1\n"))
        self.assertEqual(w1, w2, "training is not deterministic")
        # training again over its own output ignores the old weights
        p3 = self.train(m1, labels, posts)
        self.assertEqual(p3.returncode, 0, p3.stderr.decode())
        self.assertEqual((m1 / "classifier.weights").read_bytes(), w1)
        # the trained model classifies, with probabilities summing to one
        r = run(["--json", "--model", str(m1), str(posts / "b1.txt")])
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        obj = json.loads(r.stdout)
        probs = obj["probabilities"]
        self.assertEqual(set(probs), {"other", "mlops", "llmops", "hybrid"})
        self.assertTrue(math.isclose(sum(probs.values()), 1.0, abs_tol=1e-3))
        self.assertAlmostEqual(obj["score"], probs[obj["label"]], places=3)

    def test_feature_matrix(self):
        labels, posts = write_corpus(self.tmp)
        m = copy_model(self.tmp / "m")
        feats = self.tmp / "x.tsv"
        p = self.train(m, labels, posts, "--features", str(feats))
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        rows = feats.read_text().splitlines()
        header = rows[0].split("\t")
        self.assertEqual(header[:3], ["id", "label", "group"])
        self.assertIn("sent:llm-frac", header)
        self.assertEqual(len(rows), 1 + len(POSTINGS))
        self.assertTrue(all(len(r.split("\t")) == len(header) for r in rows))
        # a and b share companies: one group id each
        groups = {r.split("\t")[0]: r.split("\t")[2] for r in rows[1:]}
        self.assertEqual(groups["a1"], groups["a2"])
        self.assertNotEqual(groups["a1"], groups["b1"])
        self.assertNotEqual(groups["d1"], groups["d2"])  # no company

    def test_unknown_label_names_the_row(self):
        rows = ["a1\tmlops\t", "a2\tmlop\t", "b1\tllmops\t"]
        labels, posts = write_corpus(self.tmp, rows)
        p = self.train(copy_model(self.tmp / "m"), labels, posts)
        self.assertEqual(p.returncode, 1)
        self.assertIn(f"{labels}:3: unknown label 'mlop'", p.stderr.decode())
        self.assertFalse((self.tmp / "m" / "classifier.weights").exists())

    def test_missing_posting_names_the_row(self):
        rows = ["a1\tmlops\t", "zz9\tother\t"]
        labels, posts = write_corpus(self.tmp, rows)
        p = self.train(copy_model(self.tmp / "m"), labels, posts)
        self.assertEqual(p.returncode, 1)
        self.assertIn(f"{labels}:3: no posting 'zz9'", p.stderr.decode())

    def test_one_class_is_refused(self):
        rows = ["a1\tmlops\t", "a2\tmlops\t", "d2\tmlops\t"]
        labels, posts = write_corpus(self.tmp, rows)
        p = self.train(copy_model(self.tmp / "m"), labels, posts)
        self.assertEqual(p.returncode, 1)
        self.assertIn("fewer than two classes", p.stderr.decode())

    def test_header_without_track_column(self):
        labels, posts = write_corpus(self.tmp, ["a1\tmlops"], "id\tlabelz")
        p = self.train(copy_model(self.tmp / "m"), labels, posts)
        self.assertEqual(p.returncode, 1)
        self.assertIn(f"{labels}:1: the header must name the columns 'id' "
                      "and 'track'", p.stderr.decode())

    def test_usage_errors(self):
        labels, posts = write_corpus(self.tmp)
        p = run(["train", str(labels), str(posts)])
        self.assertEqual(p.returncode, 2)
        self.assertIn("train needs -o MODEL_DIR", p.stderr.decode())
        p = run(["train", str(posts), "-o", str(self.tmp)])
        self.assertEqual(p.returncode, 1)
        self.assertIn("expected a labels file", p.stderr.decode())
        p = run(["train", "--l2", "-3", str(labels), str(posts), "-o", "x"])
        self.assertEqual(p.returncode, 2)
        p = run(["train", "--help"])
        self.assertEqual(p.returncode, 0)
        self.assertIn(b"usage: jdclass train", p.stdout)


class TestEval(LearnCase):
    def test_report_and_html(self):
        labels, posts = write_corpus(self.tmp)
        html = self.tmp / "report.html"
        p = run(["eval", str(labels), str(posts), "--html", str(html),
                 "--errors"])
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        out = p.stdout.decode()
        for word in ("precision", "macro-F1", "confusion", "reliability",
                     "expected calibration error"):
            self.assertIn(word, out)
        page = html.read_text(encoding="utf-8")
        self.assertTrue(page.startswith("<!DOCTYPE html>"))
        self.assertEqual(page.count("<svg"), 2)
        self.assertIn("reliability diagram", page)
        self.assertTrue(page.rstrip().endswith("</html>"))

    def test_floors(self):
        labels, posts = write_corpus(self.tmp)
        p = run(["eval", str(labels), str(posts), "--min-accuracy", "1.01"])
        self.assertEqual(p.returncode, 1)
        self.assertIn(b"below the floor", p.stdout)

    def test_counts_match_the_cli(self):
        labels, posts = write_corpus(self.tmp)
        p = run(["eval", str(labels), str(posts)])
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        right = 0
        for pid, (label, _, _) in POSTINGS.items():
            r = run(["--json", str(posts / f"{pid}.txt")])
            right += json.loads(r.stdout)["label"] == label
        acc = float(p.stdout.decode().split("accuracy ")[1].split()[0])
        self.assertAlmostEqual(acc, right / len(POSTINGS), places=3)


class TestWeightsFile(LearnCase):
    def load(self, model):
        return run(["--model", str(model), str(SOURCE_DIR / "examples" /
                                               "llmops-engineer.md")])

    def weights(self):
        return (SOURCE_DIR / "models" / "classifier.weights").read_text()

    def test_shipped_weights_load(self):
        m = copy_model(self.tmp / "m")
        (m / "classifier.weights").write_text(self.weights())
        p = self.load(m)
        self.assertEqual(p.returncode, 0, p.stderr.decode())

    def test_malformed_line(self):
        m = copy_model(self.tmp / "m")
        lines = self.weights().splitlines()
        i = next(k for k, l in enumerate(lines) if l.startswith("bias"))
        lines[i] = "bias | 1 | two | 3 | 4"
        (m / "classifier.weights").write_text("\n".join(lines) + "\n")
        p = self.load(m)
        self.assertEqual(p.returncode, 2)
        self.assertIn(f"classifier.weights:{i + 1}: bias must be a number",
                      p.stderr.decode())

    def test_unknown_and_missing_features(self):
        m = copy_model(self.tmp / "m")
        text = self.weights().replace("feature | sent:llm-frac |",
                                      "feature | layer:rag |")
        (m / "classifier.weights").write_text(text)
        p = self.load(m)
        self.assertEqual(p.returncode, 2)
        self.assertIn("unknown feature 'layer:rag'", p.stderr.decode())
        lines = [l for l in self.weights().splitlines()
                 if not l.startswith("feature | sent:llm-frac |")]
        (m / "classifier.weights").write_text("\n".join(lines) + "\n")
        p = self.load(m)
        self.assertEqual(p.returncode, 2)
        self.assertIn("missing feature sent:llm-frac", p.stderr.decode())

    def test_family_change_invalidates_weights(self):
        m = copy_model(self.tmp / "m")
        (m / "classifier.weights").write_text(self.weights())
        fam = (m / "roles.families").read_text()
        (m / "roles.families").write_text(
            fam.replace("qa | eng |", "qa | testing |"))
        p = self.load(m)
        self.assertEqual(p.returncode, 2)
        self.assertIn("the weights were trained for another vocabulary",
                      p.stderr.decode())

    def test_bad_family_file(self):
        m = copy_model(self.tmp / "m")
        (m / "extra.families").write_text(
            "%format jdclass-families 1\nx | ml | no such term here\n")
        p = self.load(m)
        self.assertEqual(p.returncode, 2)
        self.assertIn("extra.families:2: no term 'no such term here'",
                      p.stderr.decode())


if __name__ == "__main__":
    unittest.main()
