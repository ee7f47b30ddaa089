/* `jdclass train` and `jdclass eval`: fit the learned decision on labelled
 * postings, and measure a model against labelled postings. Uses only the
 * public header, like any other program.
 *
 * Labelled postings: a labels file (TSV with a header naming at least `id`
 * and `track`; `company`, when present, keeps a company's postings in one
 * cross-validation fold) followed by the directories holding the postings,
 * `ID.txt` (or `ID.md`, `ID.html`, `ID`). Several labels files may follow
 * each other, each with its directories. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jdclass.h>

#include "learn.h"

#define NC 4
static const char *const cls[NC] = {"other", "mlops", "llmops", "hybrid"};

typedef struct item {
    char *id;
    char *path;
    char *company; /* lower-cased, "" when none */
    int label;
} item;

typedef struct items {
    item *v;
    size_t n, cap;
} items;

static void items_free(items *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].id);
        free(s->v[i].path);
        free(s->v[i].company);
    }
    free(s->v);
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static char *join(const char *a, const char *b, const char *c)
{
    size_t n = strlen(a) + strlen(b) + strlen(c) + 2;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s/%s%s", a, b, c);
    return s;
}

static int label_of(const char *s)
{
    for (int k = 0; k < NC; k++)
        if (!strcmp(s, cls[k]))
            return k;
    return -1;
}

/* Split a TSV line in place; returns the number of fields (at most max). */
static size_t tsv_split(char *line, char **f, size_t max)
{
    size_t n = 0;
    char *p = line;
    while (n < max) {
        f[n++] = p;
        char *t = strchr(p, '\t');
        if (!t)
            break;
        *t = '\0';
        p = t + 1;
    }
    return n;
}

/* Read a labels file and find each posting in `dirs`. */
static int read_labels(items *out, const char *labels, char **dirs,
                       size_t ndirs)
{
    FILE *fp = fopen(labels, "r");
    if (!fp) {
        fprintf(stderr, "jdclass: %s: %s\n", labels, strerror(errno));
        return 1;
    }
    char *line = NULL;
    size_t cap = 0, row = 0;
    ssize_t len;
    int col_id = -1, col_track = -1, col_company = -1, rc = 0;
    while (!rc && (len = getline(&line, &cap, fp)) >= 0) {
        row++;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        char *f[64];
        size_t nf = tsv_split(line, f, 64);
        if (row == 1) {
            for (size_t i = 0; i < nf; i++) {
                if (!strcmp(f[i], "id"))
                    col_id = (int)i;
                else if (!strcmp(f[i], "track") || !strcmp(f[i], "label"))
                    col_track = (int)i;
                else if (!strcmp(f[i], "company"))
                    col_company = (int)i;
            }
            if (col_id < 0 || col_track < 0) {
                fprintf(stderr, "jdclass: %s:1: the header must name the "
                        "columns 'id' and 'track'\n", labels);
                rc = 1;
            }
            continue;
        }
        if (!len)
            continue;
        if ((size_t)col_id >= nf || (size_t)col_track >= nf) {
            fprintf(stderr, "jdclass: %s:%zu: too few columns\n", labels, row);
            rc = 1;
            break;
        }
        int lab = label_of(f[col_track]);
        if (lab < 0) {
            fprintf(stderr, "jdclass: %s:%zu: unknown label '%s' (other, "
                    "mlops, llmops, hybrid)\n", labels, row, f[col_track]);
            rc = 1;
            break;
        }
        char *path = NULL;
        static const char *const ext[] = {".txt", ".md", ".html", ""};
        for (size_t d = 0; !path && d < ndirs; d++)
            for (size_t e = 0; !path && e < 4; e++) {
                char *p = join(dirs[d], f[col_id], ext[e]);
                if (p && is_file(p))
                    path = p;
                else
                    free(p);
            }
        if (!path) {
            fprintf(stderr, "jdclass: %s:%zu: no posting '%s' (.txt, .md, "
                    ".html) in %s%s\n", labels, row, f[col_id],
                    ndirs ? dirs[0] : "(no directory given)",
                    ndirs > 1 ? " or the other directories" : "");
            rc = 1;
            break;
        }
        if (out->n == out->cap) {
            size_t nc = out->cap ? out->cap * 2 : 256;
            item *v = realloc(out->v, nc * sizeof *v);
            if (!v) {
                free(path);
                rc = 1;
                break;
            }
            out->v = v;
            out->cap = nc;
        }
        item *it = &out->v[out->n++];
        it->id = strdup(f[col_id]);
        it->path = path;
        const char *co = col_company >= 0 && (size_t)col_company < nf
                             ? f[col_company] : "";
        it->company = strdup(co);
        for (char *p = it->company; p && *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
        it->label = lab;
        if (!it->id || !it->company)
            rc = 1;
    }
    free(line);
    fclose(fp);
    if (!rc && row == 0) {
        fprintf(stderr, "jdclass: %s: empty labels file\n", labels);
        rc = 1;
    }
    return rc;
}

/* The positional arguments: LABELS DIR... [LABELS DIR...]. */
static int collect(items *out, char **args, size_t nargs)
{
    size_t i = 0;
    while (i < nargs) {
        if (!is_file(args[i])) {
            fprintf(stderr, "jdclass: %s: %s\n", args[i],
                    is_dir(args[i]) ? "expected a labels file before the "
                                      "postings directories"
                                    : "no such labels file");
            return 1;
        }
        size_t j = i + 1;
        while (j < nargs && is_dir(args[j]))
            j++;
        if (j == i + 1) {
            fprintf(stderr, "jdclass: %s: no postings directory follows it\n",
                    args[i]);
            return 1;
        }
        if (read_labels(out, args[i], args + i + 1, j - i - 1))
            return 1;
        i = j;
    }
    if (!out->n) {
        fprintf(stderr, "jdclass: no labelled postings\n");
        return 1;
    }
    return 0;
}

static int read_all(const char *path, char **data, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return -1;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t k;
    while (buf && (k = fread(buf + n, 1, cap - n, fp)) > 0) {
        n += k;
        if (n == cap) {
            if (cap >= JDC_MAX_INPUT_DEFAULT)
                break;
            char *b = realloc(buf, cap * 2);
            if (!b) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = b;
            cap *= 2;
        }
    }
    int err = ferror(fp);
    fclose(fp);
    if (!buf || err) {
        free(buf);
        return -1;
    }
    *data = buf;
    *len = n;
    return 0;
}

/* Classify every item; keeps the features (x, n x d) and probabilities. */
static int classify_all(const items *s, const jdc_model *m, double *x,
                        double *prob)
{
    size_t d = jdc_model_feature_count(m);
    for (size_t i = 0; i < s->n; i++) {
        char *text;
        size_t len;
        if (read_all(s->v[i].path, &text, &len)) {
            fprintf(stderr, "jdclass: %s: cannot read\n", s->v[i].path);
            return 1;
        }
        jdc_result *r;
        int rc = jdc_classify(&r, m, text, len, JDC_FLAG_HTML_AUTO);
        free(text);
        if (rc != JDC_OK) {
            fprintf(stderr, "jdclass: %s: %s\n", s->v[i].path,
                    jdc_error_last());
            return 1;
        }
        if (x)
            for (size_t f = 0; f < d; f++)
                x[i * d + f] = jdc_result_feature(r, f)->value;
        if (prob)
            for (int k = 0; k < NC; k++)
                prob[i * NC + k] = jdc_result_probability(r, (jdc_track)k);
        jdc_result_free(r);
    }
    return 0;
}

/* ---- the report ------------------------------------------------------------- */

typedef struct report {
    size_t n;
    size_t confusion[NC][NC]; /* [gold][predicted] */
    double precision[NC], recall[NC], f1[NC];
    size_t support[NC];
    double accuracy, macro_f1, ece;
    size_t bin_n[10];
    double bin_conf[10], bin_acc[10];
} report;

static int argmax(const double *p)
{
    int b = 0;
    for (int k = 1; k < NC; k++)
        if (p[k] > p[b])
            b = k;
    return b;
}

static void compute(report *rp, const items *s, const double *prob)
{
    memset(rp, 0, sizeof *rp);
    rp->n = s->n;
    size_t right = 0;
    for (size_t i = 0; i < s->n; i++) {
        int g = s->v[i].label, p = argmax(prob + i * NC);
        rp->confusion[g][p]++;
        right += g == p;
        double conf = prob[i * NC + p];
        int b = (int)(conf * 10);
        if (b > 9)
            b = 9;
        if (b < 0)
            b = 0;
        rp->bin_n[b]++;
        rp->bin_conf[b] += conf;
        rp->bin_acc[b] += g == p;
    }
    rp->accuracy = s->n ? (double)right / (double)s->n : 0;
    for (int k = 0; k < NC; k++) {
        size_t tp = rp->confusion[k][k], pred = 0, gold = 0;
        for (int j = 0; j < NC; j++) {
            pred += rp->confusion[j][k];
            gold += rp->confusion[k][j];
        }
        rp->support[k] = gold;
        rp->precision[k] = pred ? (double)tp / (double)pred : 0;
        rp->recall[k] = gold ? (double)tp / (double)gold : 0;
        double pr = rp->precision[k] + rp->recall[k];
        rp->f1[k] = pr > 0 ? 2 * rp->precision[k] * rp->recall[k] / pr : 0;
        rp->macro_f1 += rp->f1[k] / NC;
    }
    for (int b = 0; b < 10; b++)
        if (rp->bin_n[b]) {
            rp->ece += fabs(rp->bin_acc[b] - rp->bin_conf[b]) / (double)s->n;
            rp->bin_conf[b] /= (double)rp->bin_n[b];
            rp->bin_acc[b] /= (double)rp->bin_n[b];
        }
}

static void print_report(FILE *out, const char *title, const report *rp)
{
    fprintf(out, "%s: %zu postings\n", title, rp->n);
    fprintf(out, "  %-8s %9s %9s %9s %6s\n", "class", "precision", "recall",
            "F1", "n");
    for (int k = 1; k <= NC; k++) {
        int c = k % NC; /* mlops, llmops, hybrid, other */
        fprintf(out, "  %-8s %9.3f %9.3f %9.3f %6zu\n", cls[c],
                rp->precision[c], rp->recall[c], rp->f1[c], rp->support[c]);
    }
    fprintf(out, "  accuracy %.3f   macro-F1 %.3f   expected calibration "
            "error %.3f\n", rp->accuracy, rp->macro_f1, rp->ece);
    fprintf(out, "  confusion (rows: reference, columns: predicted)\n"
            "  %-8s", "");
    for (int k = 1; k <= NC; k++)
        fprintf(out, "%8s", cls[k % NC]);
    fputc('\n', out);
    for (int g = 1; g <= NC; g++) {
        fprintf(out, "  %-8s", cls[g % NC]);
        for (int p = 1; p <= NC; p++)
            fprintf(out, "%8zu", rp->confusion[g % NC][p % NC]);
        fputc('\n', out);
    }
    fprintf(out, "  reliability (confidence bin: postings, mean confidence, "
            "accuracy)\n");
    for (int b = 0; b < 10; b++)
        if (rp->bin_n[b])
            fprintf(out, "    %.1f-%.1f: %4zu  %.3f  %.3f\n", b / 10.0,
                    (b + 1) / 10.0, rp->bin_n[b], rp->bin_conf[b],
                    rp->bin_acc[b]);
}

static void print_errors(FILE *out, const items *s, const double *prob)
{
    fprintf(out, "  misclassified:\n");
    for (size_t i = 0; i < s->n; i++) {
        int p = argmax(prob + i * NC);
        if (p != s->v[i].label)
            fprintf(out, "    %-10s reference %-7s predicted %-7s %.2f  %s\n",
                    s->v[i].id, cls[s->v[i].label], cls[p],
                    prob[i * NC + p], s->v[i].path);
    }
}

static void html_escape(FILE *out, const char *s)
{
    for (; *s; s++)
        switch (*s) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc(*s, out);
        }
}

/* A self-contained page: the figures, the confusion matrix as a heat map and
 * the reliability diagram, both inline SVG, and the misclassified postings. */
static int write_html(const char *path, const char *model, const items *s,
                      const double *prob, const report *rp)
{
    FILE *out = fopen(path, "w");
    if (!out) {
        fprintf(stderr, "jdclass: %s: %s\n", path, strerror(errno));
        return 1;
    }
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<title>jdclass eval</title><style>body{font-family:sans-serif;"
          "max-width:60em;margin:2em auto}table{border-collapse:collapse}"
          "td,th{border:1px solid #ccc;padding:.2em .6em;text-align:right}"
          "th{background:#f4f4f4}</style></head><body>\n", out);
    fputs("<h1>jdclass eval</h1>\n<p>Model ", out);
    html_escape(out, model);
    fprintf(out, ", %zu postings: accuracy <b>%.3f</b>, macro-F1 <b>%.3f</b>, "
            "expected calibration error <b>%.3f</b>.</p>\n", rp->n,
            rp->accuracy, rp->macro_f1, rp->ece);
    fputs("<h2>Per class</h2>\n<table><tr><th>class</th><th>precision</th>"
          "<th>recall</th><th>F1</th><th>n</th></tr>\n", out);
    for (int k = 1; k <= NC; k++) {
        int c = k % NC;
        fprintf(out, "<tr><th>%s</th><td>%.3f</td><td>%.3f</td><td>%.3f</td>"
                "<td>%zu</td></tr>\n", cls[c], rp->precision[c],
                rp->recall[c], rp->f1[c], rp->support[c]);
    }
    fputs("</table>\n<h2>Confusion matrix</h2>\n", out);
    size_t mx = 1;
    for (int g = 0; g < NC; g++)
        for (int p = 0; p < NC; p++)
            if (rp->confusion[g][p] > mx)
                mx = rp->confusion[g][p];
    fputs("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"420\" "
          "height=\"360\" font-size=\"13\" role=\"img\" aria-label=\"confusion "
          "matrix\">\n<text x=\"250\" y=\"16\" text-anchor=\"middle\">"
          "predicted</text>\n<text x=\"14\" y=\"200\" transform=\"rotate(-90 "
          "14 200)\" text-anchor=\"middle\">reference</text>\n", out);
    for (int k = 1; k <= NC; k++) {
        fprintf(out, "<text x=\"%d\" y=\"36\" text-anchor=\"middle\">%s"
                "</text>\n", 100 + 75 * (k - 1) + 37, cls[k % NC]);
        fprintf(out, "<text x=\"90\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
                44 + 75 * (k - 1) + 42, cls[k % NC]);
    }
    for (int g = 1; g <= NC; g++)
        for (int p = 1; p <= NC; p++) {
            size_t v = rp->confusion[g % NC][p % NC];
            double a = (double)v / (double)mx;
            int x = 100 + 75 * (p - 1), y = 44 + 75 * (g - 1);
            fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"74\" height=\"74\" "
                    "fill=\"%s\" fill-opacity=\"%.3f\" stroke=\"#999\"/>"
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%zu</text>"
                    "\n", x, y, g == p ? "#2a7" : "#d33", 0.08 + 0.8 * a,
                    x + 37, y + 42, v);
        }
    fputs("</svg>\n<h2>Reliability</h2>\n<p>Postings binned by the label's "
          "probability; a calibrated model's bars reach the diagonal.</p>\n"
          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"360\" "
          "height=\"340\" font-size=\"12\" role=\"img\" aria-label="
          "\"reliability diagram\">\n<rect x=\"40\" y=\"10\" width=\"300\" "
          "height=\"300\" fill=\"none\" stroke=\"#999\"/>\n<line x1=\"40\" "
          "y1=\"310\" x2=\"340\" y2=\"10\" stroke=\"#999\" "
          "stroke-dasharray=\"4\"/>\n", out);
    for (int b = 0; b < 10; b++) {
        if (!rp->bin_n[b])
            continue;
        double h = rp->bin_acc[b] * 300;
        fprintf(out, "<rect x=\"%d\" y=\"%.1f\" width=\"28\" height=\"%.1f\" "
                "fill=\"#37c\"><title>%.1f-%.1f: %zu postings, confidence "
                "%.3f, accuracy %.3f</title></rect>\n", 41 + 30 * b, 310 - h,
                h, b / 10.0, (b + 1) / 10.0, rp->bin_n[b], rp->bin_conf[b],
                rp->bin_acc[b]);
    }
    fputs("<text x=\"190\" y=\"330\" text-anchor=\"middle\">confidence</text>"
          "<text x=\"12\" y=\"160\" transform=\"rotate(-90 12 160)\" "
          "text-anchor=\"middle\">accuracy</text>\n</svg>\n"
          "<h2>Misclassified</h2>\n<table><tr><th>id</th><th>reference</th>"
          "<th>predicted</th><th>probability</th><th>file</th></tr>\n", out);
    for (size_t i = 0; i < s->n; i++) {
        int p = argmax(prob + i * NC);
        if (p == s->v[i].label)
            continue;
        fputs("<tr><td>", out);
        html_escape(out, s->v[i].id);
        fprintf(out, "</td><td>%s</td><td>%s</td><td>%.2f</td><td>",
                cls[s->v[i].label], cls[p], prob[i * NC + p]);
        html_escape(out, s->v[i].path);
        fputs("</td></tr>\n", out);
    }
    fputs("</table>\n</body></html>\n", out);
    if (fclose(out)) {
        fprintf(stderr, "jdclass: %s: write error\n", path);
        return 1;
    }
    return 0;
}

/* ---- the commands ------------------------------------------------------------ */

static void train_usage(FILE *fp)
{
    fputs("usage: jdclass train LABELS DIR... [LABELS DIR...] -o MODEL_DIR "
          "[OPTIONS]\n"
          "Fit the learned decision's weights on labelled postings and write "
          "them to\nMODEL_DIR/classifier.weights (MODEL_DIR is a model "
          "directory: its vocabulary\nand families define the features).\n"
          "  -o, --output DIR   the model directory to train (required)\n"
          "      --l2 X         L2 penalty (default 30)\n"
          "      --folds N      cross-validation folds, grouped by the labels' "
          "company\n                     column (default 5)\n"
          "      --unbalanced   weigh every posting alike (default: rare classes "
          "weigh more,\n                     by sqrt(n / (classes x n_class)))\n"
          "      --features FILE  also write the feature matrix as TSV (id, "
          "label, group,\n                     one column per feature)\n"
          "      --errors       list the misclassified postings\n", fp);
}

static void eval_usage(FILE *fp)
{
    fputs("usage: jdclass eval LABELS DIR... [LABELS DIR...] [OPTIONS]\n"
          "Classify labelled postings and report precision, recall, F1, "
          "accuracy, the\nconfusion matrix and calibration.\n"
          "  -m, --model DIR    the model to evaluate (default: built in)\n"
          "      --html FILE    also write a self-contained HTML report\n"
          "      --errors       list the misclassified postings\n"
          "      --min-accuracy X, --min-macro-f1 X\n"
          "                     exit 1 below these floors\n", fp);
}

typedef struct lopts {
    const char *model, *output, *html, *dump;
    double l2, min_acc, min_f1;
    unsigned folds;
    int balanced, errors;
    char **args;
    size_t nargs;
} lopts;

static int parse(int argc, char **argv, lopts *o, int train)
{
    memset(o, 0, sizeof *o);
    o->l2 = 30.0;
    o->folds = 5;
    o->balanced = 1;
    o->args = calloc((size_t)argc, sizeof *o->args);
    if (!o->args)
        return 2;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NEEDV                                                               \
    do {                                                                    \
        if (!v) {                                                           \
            fprintf(stderr, "jdclass: %s needs a value\n", a);              \
            return 2;                                                       \
        }                                                                   \
        i++;                                                                \
    } while (0)
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            (train ? train_usage : eval_usage)(stdout);
            return 3;
        } else if (train && (!strcmp(a, "-o") || !strcmp(a, "--output"))) {
            NEEDV;
            o->output = v;
        } else if (!train && (!strcmp(a, "-m") || !strcmp(a, "--model"))) {
            NEEDV;
            o->model = v;
        } else if (!train && !strcmp(a, "--html")) {
            NEEDV;
            o->html = v;
        } else if (train && !strcmp(a, "--l2")) {
            NEEDV;
            char *e;
            o->l2 = strtod(v, &e);
            if (*e || !(o->l2 > 0)) {
                fprintf(stderr, "jdclass: --l2 needs a positive number\n");
                return 2;
            }
        } else if (train && !strcmp(a, "--folds")) {
            NEEDV;
            char *e;
            long f = strtol(v, &e, 10);
            if (*e || f < 0 || f > 100) {
                fprintf(stderr, "jdclass: --folds needs a number from 0 to "
                        "100\n");
                return 2;
            }
            o->folds = (unsigned)f;
        } else if (train && !strcmp(a, "--features")) {
            NEEDV;
            o->dump = v;
        } else if (train && !strcmp(a, "--unbalanced")) {
            o->balanced = 0;
        } else if (!strcmp(a, "--errors")) {
            o->errors = 1;
        } else if (!train && (!strcmp(a, "--min-accuracy") ||
                              !strcmp(a, "--min-macro-f1"))) {
            NEEDV;
            double x = strtod(v, NULL);
            if (a[6] == 'a')
                o->min_acc = x;
            else
                o->min_f1 = x;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "jdclass: unknown option '%s'; try 'jdclass %s "
                    "--help'\n", a, train ? "train" : "eval");
            return 2;
        } else {
            o->args[o->nargs++] = argv[i];
        }
#undef NEEDV
    }
    if (!o->nargs) {
        fprintf(stderr, "jdclass: no labels file; try 'jdclass %s --help'\n",
                train ? "train" : "eval");
        return 2;
    }
    if (train && !o->output) {
        fprintf(stderr, "jdclass: train needs -o MODEL_DIR; try 'jdclass "
                "train --help'\n");
        return 2;
    }
    return 0;
}

int jdc_cli_train(int argc, char **argv)
{
    lopts o;
    int rc = parse(argc, argv, &o, 1);
    if (rc) {
        free(o.args);
        return rc == 3 ? 0 : 2;
    }
    jdc_model *m = NULL;
    items s = {0};
    double *x = NULL, *cv = NULL, *prob = NULL;
    int *y = NULL, *grp = NULL;
    char *weights = NULL;
    if ((rc = collect(&s, o.args, o.nargs)))
        goto done;
    if (jdc_model_load_ex(&m, o.output, JDC_LOAD_NO_WEIGHTS) != JDC_OK) {
        fprintf(stderr, "jdclass: %s\n", jdc_error_last());
        rc = 2;
        goto done;
    }
    size_t d = jdc_model_feature_count(m);
    x = malloc(s.n * d * sizeof *x);
    cv = malloc(s.n * NC * sizeof *cv);
    prob = malloc(s.n * NC * sizeof *prob);
    y = malloc(s.n * sizeof *y);
    grp = malloc(s.n * sizeof *grp);
    if (!x || !cv || !prob || !y || !grp) {
        fprintf(stderr, "jdclass: out of memory\n");
        rc = 1;
        goto done;
    }
    if ((rc = classify_all(&s, m, x, NULL)))
        goto done;
    for (size_t i = 0; i < s.n; i++) {
        y[i] = s.v[i].label;
        grp[i] = (int)i;
        if (s.v[i].company[0])
            for (size_t j = 0; j < i; j++)
                if (!strcmp(s.v[j].company, s.v[i].company)) {
                    grp[i] = grp[j];
                    break;
                }
    }
    if (o.dump) {
        FILE *fp = fopen(o.dump, "w");
        if (!fp) {
            fprintf(stderr, "jdclass: %s: %s\n", o.dump, strerror(errno));
            rc = 1;
            goto done;
        }
        fputs("id\tlabel\tgroup", fp);
        for (size_t f = 0; f < d; f++)
            fprintf(fp, "\t%s", jdc_model_feature_name(m, f));
        fputc('\n', fp);
        for (size_t i = 0; i < s.n; i++) {
            fprintf(fp, "%s\t%s\t%d", s.v[i].id, cls[y[i]], grp[i]);
            for (size_t f = 0; f < d; f++)
                fprintf(fp, "\t%.6g", x[i * d + f]);
            fputc('\n', fp);
        }
        if (fclose(fp)) {
            fprintf(stderr, "jdclass: %s: write error\n", o.dump);
            rc = 1;
            goto done;
        }
    }
    jdc_train_options to = {o.l2, o.folds, 0, o.balanced};
    if (jdc_train(&weights, m, x, s.n, y, grp, &to, cv) != JDC_OK) {
        fprintf(stderr, "jdclass: %s\n", jdc_error_last());
        rc = 1;
        goto done;
    }
    char *path = join(o.output, "classifier", ".weights");
    FILE *fp = path ? fopen(path, "w") : NULL;
    if (!fp || fputs(weights, fp) < 0 || fclose(fp)) {
        fprintf(stderr, "jdclass: %s: cannot write\n", path ? path : "");
        free(path);
        rc = 1;
        goto done;
    }
    printf("wrote %s: %zu features, %zu postings\n", path, d, s.n);
    free(path);
    report rp;
    if (o.folds >= 2 && o.folds <= s.n) {
        compute(&rp, &s, cv);
        char title[64];
        snprintf(title, sizeof title, "cross-validated (%u folds grouped by "
                 "company)", o.folds);
        print_report(stdout, title, &rp);
        if (o.errors)
            print_errors(stdout, &s, cv);
    }
    /* the training-set figures, with the file just written */
    jdc_model_free(m);
    m = NULL;
    if (jdc_model_load(&m, o.output) != JDC_OK) {
        fprintf(stderr, "jdclass: %s\n", jdc_error_last());
        rc = 1;
        goto done;
    }
    if ((rc = classify_all(&s, m, NULL, prob)))
        goto done;
    compute(&rp, &s, prob);
    print_report(stdout, "training set", &rp);
done:
    jdc_free(weights);
    jdc_model_free(m);
    items_free(&s);
    free(x), free(cv), free(prob), free(y), free(grp), free(o.args);
    return rc;
}

int jdc_cli_eval(int argc, char **argv)
{
    lopts o;
    int rc = parse(argc, argv, &o, 0);
    if (rc) {
        free(o.args);
        return rc == 3 ? 0 : 2;
    }
    jdc_model *loaded = NULL;
    const jdc_model *m = jdc_model_default();
    items s = {0};
    double *prob = NULL;
    if (o.model && jdc_model_load(&loaded, o.model) != JDC_OK) {
        fprintf(stderr, "jdclass: %s\n", jdc_error_last());
        rc = 2;
        goto done;
    }
    if (loaded)
        m = loaded;
    if (!m) {
        fprintf(stderr, "jdclass: %s\n", jdc_error_last());
        rc = 2;
        goto done;
    }
    if ((rc = collect(&s, o.args, o.nargs)))
        goto done;
    prob = malloc(s.n * NC * sizeof *prob);
    if (!prob || (rc = classify_all(&s, m, NULL, prob))) {
        rc = 1;
        goto done;
    }
    report rp;
    compute(&rp, &s, prob);
    char title[160];
    snprintf(title, sizeof title, "model %s %s", jdc_model_name(m),
             jdc_model_version(m));
    print_report(stdout, title, &rp);
    if (o.errors)
        print_errors(stdout, &s, prob);
    if (o.html && write_html(o.html, title, &s, prob, &rp))
        rc = 1;
    if (rp.accuracy < o.min_acc || rp.macro_f1 < o.min_f1) {
        printf("eval: below the floor (accuracy %.3f, macro-F1 %.3f)\n",
               o.min_acc, o.min_f1);
        rc = 1;
    }
done:
    jdc_model_free(loaded);
    items_free(&s);
    free(prob), free(o.args);
    return rc;
}
