#!/usr/bin/env python3
"""Regenerate the seed inputs of tests/fuzz/corpus/ from the repository.

    python3 tests/fuzz/make_seeds.py

Writes corpus/classify/seed-*, corpus/model/seed-* and corpus/extract/seed-*
(overwriting earlier seeds of the same name). Inputs found by fuzzing are
kept in the same directories under names that do not start with "seed-"
(cov-* for the coverage-minimised corpus of long runs, crash-* for inputs
that crashed) and are never touched here.

Input formats (see the harnesses):
  classify  first byte = flags (1 NO_TITLE, 2 HTML, 4 HTML_AUTO), then text
  model     model.conf, a.terms, b.signals, c.cues, d.bands, z.terms,
            separated by the line "====="
  extract   first byte = mode (0x01 first line is the title, 0x02 title span
            in bytes 1-4, 0x80 the rest is a *.bands file), then text
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(HERE, "corpus")

NO_TITLE, HTML, HTML_AUTO = 1, 2, 4
SEP = b"\n=====\n"


def write(harness, name, data):
    d = os.path.join(CORPUS, harness)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


def read(*parts):
    with open(os.path.join(ROOT, *parts), "rb") as f:
        return f.read()


EXAMPLES = sorted(n for n in os.listdir(os.path.join(ROOT, "examples"))
                  if n.endswith(".md") and n != "README.md")

# ---- text fragments shared by classify and extract -------------------------
SALARY = {
    "salary-gbp-range": "# Senior MLOps Engineer\nLondon. \u00a395,000 \u2013 \u00a3115,000 per annum + bonus.",
    "salary-k-range": "# ML Engineer\nSalary: \u00a390-120k, hybrid (Leeds).",
    "salary-usd": "# Staff LLMOps Engineer\nThe base pay range is $174,000/yr - $235,000/yr. Remote (US).",
    "salary-eur-dots": "# MLOps Engineer\n70.000 \u20ac - 85.000 \u20ac brutto pro Jahr. Berlin.",
    "salary-inr": "# ML Platform Engineer\nCTC: INR 12,00,000 - 18,00,000 per annum. Bengaluru.",
    "salary-day-rate": "# Contract MLOps Engineer\n\u00a3550-\u00a3650 per day, outside IR35, 6 months, remote.",
    "salary-up-to": "# Junior ML Engineer\nUp to \u00a345k DOE. Graduate scheme, Manchester.",
    "salary-hourly": "# AI Engineer (contract)\n$85/hr - $110/hr on W2. Inside IR35 not applicable.",
    "salary-monthly-clp": "# Ingeniero MLOps\nSueldo liquido: $3.100.000 CLP mensual.",
    "salary-not-salary": "# MLOps Engineer\nWe raised a $40M Series B. $2,000 annual learning budget. Equity.",
    "salary-between": "# Senior ML Engineer\nBetween \u00a380,000 and \u00a3100,000 depending on experience.",
    "salary-huge": "# X\n\u00a3999999999999999999999999999999999999 per annum; $1e308; \u00a30.00001k",
    "salary-many": "# MLOps Engineer\n" + " ".join(
        "\u00a3%d,000 - \u00a3%d,000 in city %d." % (40 + i, 50 + i, i) for i in range(12)),
    "seniority-years": "# Engineer\nYou have at least three years of experience, ideally 5+ years with Kubernetes.",
    "seniority-ladder": "# ML Engineer, L5\nFounded 10 years ago. In the last 5 years we grew.",
    "seniority-title": "# Senior Staff Engineer / Associate Director, ML Platform (III)\nRole: Principal.",
}
HEADINGS = (
    "# LLMOps Engineer\n\nAbout us\nWe build things.\n\n"
    "**What you'll do**\n- Build RAG pipelines with a vector database\n\n"
    "Requirements:\n* Python, LangChain, evals\n\n"
    "### Nice to have\nFine-tuning with LoRA\n\n"
    "Benefits & perks\nPension, 30 days holiday.\n\n"
    "Our interview process\nWe never use an LLM during the interview.\n")
NEGATION = (
    "# Data Scientist\nThere is no ML in production yet, and we don't use a "
    "feature store. Not only MLflow but also Kubeflow. Without Kubernetes "
    "experience is fine. We are not just an LLM wrapper.")
TOKENS = (
    "# C++/C# .NET Engineer\nC++, C#, .NET, Node.js, CI/CD, scikit-learn, "
    "GPT-4o, LLM-as-judge, Python/Go, k8s, pgvector, don't, O'Reilly, "
    "fine-tuning, fine tuning, A/B tests, R&D, data_science, "
    "...leading.dots. trailing-joiner- -leading /slash/ "
    "a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r-s-t-u-v-w-x-y-z-a-b-c-d-e-f-g-h-"
    "i-j-k-l-m-n-o-p-q-r-s-t-u-v-w-x-y-z-a-b-c-d-e-f-g-h\n")
LONG_TOKENS = ("# " + "a" * 63 + " " + "b" * 64 + " " + "c" * 65 + "\n"
               + "x" * 300 + " " + "\u00e9" * 100 + " " + "MLOps" * 40 + "\n")
INVALID_UTF8 = (
    b"# MLOps Engineer \xc0\x80 overlong \xe0\x80\x80 \xf0\x80\x80\x80\n"
    b"surrogate \xed\xa0\x80 \xed\xbf\xbf max \xf4\x8f\xbf\xbf over \xf4\x90\x80\x80\n"
    b"truncated \xe2\x82 \xf0\x9f\x98 \xc3 end\n"
    b"stray \x80\xbf\x80 MLflow\x80registry \xf5\xf8\xfc\xfe\xff\n"
    b"feature\xc2\xa0store Kube\xe2\x80\x8bflow caf\xc3\xa9 na\xc3\xafve \xe2\x80\x93\xe2\x80\x94\n"
    b"\xc3")
NUL_BYTES = (b"# MLOps\x00 Engineer\nKubeflow\x00pipelines, MLflow \x00\x00 "
             b"model\x00registry\x01\x02\x1b[31m red \x7f\r\n\x00")
HTML_DOC = (
    "<!DOCTYPE html><html><head><title>Senior LLMOps Engineer &amp; RAG</title>"
    "<style>p{color:red}</style><script>var x='<p>MLflow</p>';</script></head>"
    "<body><h1>Senior LLMOps Engineer</h1><!-- hidden <b>Kubeflow</b> -->"
    "<p><strong>Requirements</strong></p><ul><li>LangChain &amp; LlamaIndex</li>"
    "<li>vector&nbsp;database, guardrails &#x1F600; &#0; &#xD800; &#1114112; "
    "&#150; &unknown; &amp &lt;div&gt;</li></ul><pre>line 1\nline 2</pre>"
    "<table><tr><td>\u00a3100,000</td><td>per annum</td></tr></table>"
    "<svg><text>hidden</text><p>breakout</svg><template>t</template>"
    "<textarea>x</textarea><![CDATA[cdata]]><?php echo 1; ?></body></html>")
HTML_FRAGMENT = (
    "<div><p>We need an <b>MLOps</b> engineer.</p><p>Feast, Tecton</p>"
    "<br><li>item<li>item 2</div><h2>Benefits</h2><p>Pension</p>")
HTML_BROKEN = (
    "<p <p< <a href='x' <b>Kube</b>flow </ p> <!-- unterminated <script> "
    "<style <title>T</title> <title>second</title> &#x; &#; &amp;&amp;;& "
    "<xmp><p></xmp> </body> after </html> tail <")
HTML_NESTED = "<div>" * 200 + "MLOps engineer" + "</div>" * 200 + "<b>" * 100
MARKDOWNISH = ("# Title\n\nExperience with <div> and <span> is a plus. "
               "Use a < b and c > d.\n")


def seeds_classify():
    for name in EXAMPLES:
        text = read("examples", name)
        stem = name[:-3]
        write("classify", "example-" + stem, bytes([0]) + text)
        write("classify", "example-" + stem + "-notitle",
              bytes([NO_TITLE]) + text)
    write("classify", "empty", b"")
    write("classify", "flags-only", bytes([HTML | HTML_AUTO | NO_TITLE]))
    for k, v in SALARY.items():
        write("classify", k, bytes([0]) + v.encode())
    write("classify", "headings", bytes([0]) + HEADINGS.encode())
    write("classify", "headings-crlf",
          bytes([0]) + HEADINGS.replace("\n", "\r\n").encode())
    write("classify", "negation", bytes([0]) + NEGATION.encode())
    write("classify", "tokens", bytes([0]) + TOKENS.encode())
    write("classify", "long-tokens", bytes([0]) + LONG_TOKENS.encode())
    write("classify", "invalid-utf8", bytes([0]) + INVALID_UTF8)
    write("classify", "invalid-utf8-html", bytes([HTML]) + INVALID_UTF8)
    write("classify", "nul-bytes", bytes([0]) + NUL_BYTES)
    write("classify", "bom", bytes([0]) + b"\xef\xbb\xbf# MLOps Engineer\nMLflow")
    write("classify", "html-doc", bytes([HTML]) + HTML_DOC.encode())
    write("classify", "html-doc-auto", bytes([HTML_AUTO]) + HTML_DOC.encode())
    write("classify", "html-fragment-auto",
          bytes([HTML_AUTO]) + HTML_FRAGMENT.encode())
    write("classify", "html-broken", bytes([HTML]) + HTML_BROKEN.encode())
    write("classify", "html-nested", bytes([HTML]) + HTML_NESTED.encode())
    write("classify", "html-not-html-auto",
          bytes([HTML_AUTO]) + MARKDOWNISH.encode())
    write("classify", "one-line-no-spaces",
          bytes([0]) + ("MLOps/Kubeflow/MLflow-feature_store.LLM&RAG" * 50).encode())
    write("classify", "repeats",
          bytes([0]) + ("feature store " * 500).encode())
    write("classify", "whitespace", bytes([0]) + b" \t\n\r\f\v\n\n  \n")
    write("classify", "punctuation", bytes([0]) + b"...!!!???;;;:::---///&&&___")
    write("classify", "title-only-blank-lines", bytes([0]) + b"\n\n\n   \n# \n")


def seeds_extract():
    for name in EXAMPLES:
        write("extract", "example-" + name[:-3], bytes([1]) + read("examples", name))
    for k, v in SALARY.items():
        write("extract", k, bytes([1]) + v.encode())
    write("extract", "terms",
          bytes([1]) + "# Contract ML Engineer (Remote, UK)\nFixed-term 12 month "
          "contract, inside IR35. Hybrid: 2 days in our Manchester office. "
          "Permanent role available after. Full-time. Internship also.".encode())
    write("extract", "title-span-out-of-range",
          bytes([2, 0xff, 0xff, 0x10, 0x00]) + b"Senior MLOps \xc2\xa3100k")
    write("extract", "invalid-utf8", bytes([1]) + INVALID_UTF8)
    write("extract", "nul-bytes", bytes([1]) + NUL_BYTES)
    write("extract", "bands-default", bytes([0x80]) + read("models", "uk-market.bands"))
    bands = ("%format jdclass-bands 1\n"
             "mlops | senior | london | year | - | 100000 | 150000 | seeds/002\n"
             "llmops | junior | uk | day | inside | 300 | 400 | s\n")
    write("extract", "bands-small", bytes([0x80]) + bands.encode())
    write("extract", "bands-bad-rows", bytes([0x80]) + (
        "%format jdclass-bands 1\n"
        "mlops | senior | london | year | - | 150000 | 100000 | min>max\n").encode())
    write("extract", "bands-bad-format", bytes([0x80]) + b"%format jdclass-bands 2\n")
    write("extract", "bands-long-source", bytes([0x80]) + (
        "%format jdclass-bands 1\r\n"
        "mlops | mid | rest-of-uk | year | - | 1e5 | 2e5 | " + "s" * 100 + "\r\n").encode())


SMALL_CONF = "%format jdclass-model 1\nname = tiny\nversion = 1\nin_scope = 2\nsection.duties = 1\n"
SMALL_TERMS = (
    "%format jdclass-terms 1\n"
    "# canonical | aliases | track | layer | weight | flags\n"
    "MLflow | ml flow | mlops | registry | 3 | literal\n"
    "feature store | feature stores; featurestore | mlops | feature-store | 3 | -\n"
    "Go | Golang | shared | language | 0.3 | case\n"
    "CI/CD | - | shared | infra | 1 | -\n"
    "C++ | - | other | language | 0.5 | literal\n"
    "retrieval augmented generation | RAG; retrieval-augmented generation | llmops | rag | 4 | -\n"
    "data analyst | - | other | role-title | 5 | -\n"
    "machine learning engineer | ML engineer | ml | role-title | 3 | -\n")
SMALL_SIGNALS = (
    "%format jdclass-signals 1\n"
    "fs | green | role, requirements | any {feature store; =Feast} | A feature store.\n"
    "np | red | all | near 5 {no; not; yet} {ML in production; models} | No ML yet.\n"
    "mon | red | all, in-scope | without {Grafana; uptime} {drift; evals} | Infra monitoring only.\n"
    "three | red | role | all {ETL} {Terraform} {data science} | Three roles.\n"
    "pay | red | all | builtin no-salary | No salary.\n"
    "below | red | all | builtin below-market | Below.\n"
    "above | green | all | builtin above-market | Above.\n")
SMALL_CUES = (
    "%format jdclass-cues 1\n"
    "negation | no; not; never; don't\n"
    "not-negation | only; just\n"
    "process | interview; applicants\n")
SMALL_BANDS = (
    "%format jdclass-bands 1\n"
    "mlops | senior | london | year | - | 100000 | 150000 | seeds/002\n"
    "llmops | senior | london | year | - | 110000 | 150000 | seeds/000\n")
SMALL_TERMS2 = (
    "%format jdclass-terms 1\n"
    "LLMOps | LLM Ops | llmops | practice | 5 | -\n"
    "Ray | - | mlops | compute | 1 | case\n")


def model(*parts):
    return SEP.join(p.encode() if isinstance(p, str) else p for p in parts)


def seeds_model():
    write("model", "default", model(
        read("models", "model.conf"), read("models", "mlops.terms"),
        read("models", "flags.signals"), read("models", "context.cues"),
        read("models", "uk-market.bands"), read("models", "llmops.terms")))
    write("model", "small", model(SMALL_CONF, SMALL_TERMS, SMALL_SIGNALS,
                                  SMALL_CUES, SMALL_BANDS, SMALL_TERMS2))
    write("model", "small-no-signals", model(SMALL_CONF, SMALL_TERMS))
    write("model", "conf-only", model(SMALL_CONF))
    write("model", "empty", b"")
    write("model", "empty-terms", model(SMALL_CONF, "%format jdclass-terms 1\n"))
    write("model", "crlf", model(*(p.replace("\n", "\r\n") for p in (
        SMALL_CONF, SMALL_TERMS, SMALL_SIGNALS, SMALL_CUES, SMALL_BANDS))))
    write("model", "bom", model("\ufeff" + SMALL_CONF, "\ufeff" + SMALL_TERMS))
    bad_terms = {
        "unknown-track": "a | - | mlop | x | 1 | -\n",
        "weight-range": "a | - | mlops | x | 11 | -\n",
        "weight-nan": "a | - | mlops | x | nan | -\n",
        "nine-tokens": "a b c d e f g h i | - | mlops | x | 1 | -\n",
        "duplicate": "a b | - | mlops | x | 1 | -\nA B | - | llmops | y | 1 | -\n",
        "fields": "a | - | mlops | x | 1\n",
        "flags": "a | - | mlops | x | 1 | literal, case, bogus\n",
        "layer": "a | - | mlops | Bad Layer! | 1 | -\n",
        "empty-alias": "a | ;; ; | mlops | x | 1 | -\n",
        "punct-term": "... | -/- | mlops | x | 1 | -\n",
        "long-term": "x" * 300 + " | " + "y" * 70 + " | mlops | x | 1 | -\n",
    }
    for k, line in bad_terms.items():
        write("model", "terms-" + k, model(
            SMALL_CONF, "%format jdclass-terms 1\n" + line, SMALL_SIGNALS,
            SMALL_CUES, SMALL_BANDS))
    bad_signals = {
        "near-no-window": "x | red | all | near {a} {b} | m\n",
        "unbalanced": "x | red | all | any {a; b | m\n",
        "all-five": "x | red | all | all {a} {b} {c} {d} {e} | m\n",
        "polarity-clash": "x | red | all | any {a} | m\nx | green | all | any {b} | m\n",
        "builtin-bogus": "x | red | all | builtin bogus | m\n",
        "where-bogus": "x | red | nowhere | any {a} | m\n",
        "pipe-in-group": "x | red | all | any {a | b; c} | m | extra\n",
        "huge-window": "x | red | all | near 99999999999999999999 {a} {b} | m\n",
    }
    for k, line in bad_signals.items():
        write("model", "signals-" + k, model(
            SMALL_CONF, SMALL_TERMS, "%format jdclass-signals 1\n" + line,
            SMALL_CUES))
    bad_conf = {
        "format": "%format jdclass-model 2\nname = x\nversion = 1\n",
        "unknown-key": SMALL_CONF + "bogus = 1\n",
        "no-version": "%format jdclass-model 1\nname = x\n",
        "section-bogus": SMALL_CONF + "section.nowhere = 1\n",
        "number-bogus": SMALL_CONF + "title_factor = 1,5\n",
        "number-huge": SMALL_CONF + "in_scope = 1e309\nother_factor = -1e308\n",
        "long-name": "%format jdclass-model 1\nname = " + "n" * 5000 + "\nversion = 1\n",
    }
    for k, conf in bad_conf.items():
        write("model", "conf-" + k, model(conf, SMALL_TERMS))
    write("model", "cues-bad", model(SMALL_CONF, SMALL_TERMS, SMALL_SIGNALS,
                                     "%format jdclass-cues 1\nbogus | a\nnegation |\n"))
    write("model", "bands-bad", model(SMALL_CONF, SMALL_TERMS, SMALL_SIGNALS,
                                      SMALL_CUES, "%format jdclass-bands 1\nmlops | x\n"))
    write("model", "nul-bytes", model(SMALL_CONF.replace("tiny", "ti\0ny"),
                                      SMALL_TERMS.replace("MLflow", "ML\0flow")))
    write("model", "invalid-utf8", model(SMALL_CONF, SMALL_TERMS.encode() +
                                         b"\xc0\x80 | \xed\xa0\x80 | mlops | x | 1 | -\n"))


if __name__ == "__main__":
    seeds_classify()
    seeds_extract()
    seeds_model()
    for h in ("classify", "model", "extract"):
        print(h, len(os.listdir(os.path.join(CORPUS, h))), "files", file=sys.stderr)
