/* Fitting the learned decision: multinomial logistic regression with an L2
 * penalty, solved exactly by Newton's method (a few hundred parameters: the
 * Hessian fits in memory and a Cholesky solve per step converges in a dozen
 * steps), k-fold cross-validation grouped by company, and temperature
 * scaling fitted on the out-of-fold logits. Everything runs in one thread in
 * a fixed order, so the same input gives byte-identical weights.
 *
 * Why not liblinear: its logistic regression is one-vs-rest for more than two
 * classes, whose probabilities do not sum to one and calibrate worse; the
 * exact multinomial fit is short enough to own. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classifier.h"

#define K JDC_NCLASS

typedef struct fit {
    size_t d;        /* features */
    double *mean, *scale;
    double *w;       /* (d + 1) x K: row d is the bias */
} fit;

/* Loss (penalised negative log-likelihood, per class weights) of w. */
static double loss(const double *xs, const int *y, const double *cw,
                   const size_t *rows, size_t n, size_t d, const double *w,
                   double l2)
{
    double L = 0;
    for (size_t i = 0; i < n; i++) {
        const double *x = xs + rows[i] * d;
        double z[K], mx = -INFINITY;
        for (int k = 0; k < K; k++) {
            z[k] = w[d * K + k];
            for (size_t f = 0; f < d; f++)
                z[k] += x[f] * w[f * K + k];
            if (z[k] > mx)
                mx = z[k];
        }
        double s = 0;
        for (int k = 0; k < K; k++)
            s += exp(z[k] - mx);
        L += cw[y[rows[i]]] * (log(s) + mx - z[y[rows[i]]]);
    }
    for (size_t f = 0; f < d * K; f++)
        L += 0.5 * l2 * w[f] * w[f];
    return L;
}

/* In-place Cholesky solve of A v = b (A symmetric positive definite, m x m).
 * Returns 0 when A is not positive definite. */
static int cholesky_solve(double *A, double *b, size_t m)
{
    for (size_t j = 0; j < m; j++) {
        double s = A[j * m + j];
        for (size_t k = 0; k < j; k++)
            s -= A[j * m + k] * A[j * m + k];
        if (!(s > 0))
            return 0;
        double l = sqrt(s);
        A[j * m + j] = l;
        for (size_t i = j + 1; i < m; i++) {
            double t = A[i * m + j];
            for (size_t k = 0; k < j; k++)
                t -= A[i * m + k] * A[j * m + k];
            A[i * m + j] = t / l;
        }
    }
    for (size_t i = 0; i < m; i++) {
        double t = b[i];
        for (size_t k = 0; k < i; k++)
            t -= A[i * m + k] * b[k];
        b[i] = t / A[i * m + i];
    }
    for (size_t i = m; i-- > 0;) {
        double t = b[i];
        for (size_t k = i + 1; k < m; k++)
            t -= A[k * m + i] * b[k];
        b[i] = t / A[i * m + i];
    }
    return 1;
}

/* Fit on the standardised rows `rows` of xs (n x d). */
static int newton(const double *xs, const int *y, const double *cw,
                  const size_t *rows, size_t n, size_t d, double l2,
                  unsigned max_iter, double *w)
{
    size_t m = (d + 1) * K;
    double *H = malloc(m * m * sizeof *H), *g = malloc(m * sizeof *g);
    double *wn = malloc(m * sizeof *wn);
    if (!H || !g || !wn) {
        free(H), free(g), free(wn);
        return JDC_ENOMEM;
    }
    memset(w, 0, m * sizeof *w);
    double L = loss(xs, y, cw, rows, n, d, w, l2);
    for (unsigned it = 0; it < max_iter; it++) {
        memset(H, 0, m * m * sizeof *H);
        memset(g, 0, m * sizeof *g);
        for (size_t i = 0; i < n; i++) {
            const double *x = xs + rows[i] * d;
            double z[K], p[K], mx = -INFINITY, s = 0;
            for (int k = 0; k < K; k++) {
                z[k] = w[d * K + k];
                for (size_t f = 0; f < d; f++)
                    z[k] += x[f] * w[f * K + k];
                if (z[k] > mx)
                    mx = z[k];
            }
            for (int k = 0; k < K; k++)
                s += p[k] = exp(z[k] - mx);
            double c = cw[y[rows[i]]];
            for (int k = 0; k < K; k++)
                p[k] /= s;
            /* parameter index of (feature f, class k): f * K + k; the bias
             * is feature d with value 1 */
            for (size_t f = 0; f <= d; f++) {
                double xf = f < d ? x[f] : 1.0;
                if (xf == 0)
                    continue;
                for (int k = 0; k < K; k++)
                    g[f * K + k] += c * xf * (p[k] - (y[rows[i]] == k));
                for (size_t h = f; h <= d; h++) {
                    double xh = h < d ? x[h] : 1.0;
                    if (xh == 0)
                        continue;
                    double xx = c * xf * xh;
                    for (int k = 0; k < K; k++)
                        for (int l = 0; l < K; l++)
                            H[(f * K + k) * m + h * K + l] +=
                                xx * p[k] * ((k == l) - p[l]);
                }
            }
        }
        for (size_t a = 0; a < m; a++) {
            for (size_t b = a + 1; b < m; b++) /* mirror the upper half */
                if (b / K > a / K)
                    H[b * m + a] = H[a * m + b];
                else
                    H[a * m + b] = H[b * m + a];
            double reg = a < d * K ? l2 : 1e-6;
            H[a * m + a] += reg;
            g[a] += (a < d * K ? l2 : 0) * w[a];
        }
        double gn = 0;
        for (size_t a = 0; a < m; a++)
            gn += g[a] * g[a];
        if (sqrt(gn) < 1e-7 * (double)(n ? n : 1))
            break;
        if (!cholesky_solve(H, g, m))
            break;
        /* backtracking line search on the penalised loss */
        double step = 1, Ln = L;
        for (int ls = 0; ls < 30; ls++, step *= 0.5) {
            for (size_t a = 0; a < m; a++)
                wn[a] = w[a] - step * g[a];
            Ln = loss(xs, y, cw, rows, n, d, wn, l2);
            if (Ln <= L)
                break;
        }
        if (!(Ln <= L))
            break;
        memcpy(w, wn, m * sizeof *w);
        double dl = L - Ln;
        L = Ln;
        if (dl < 1e-10 * (L + 1))
            break;
    }
    free(H), free(g), free(wn);
    return JDC_OK;
}

static void standardise(const double *x, size_t n, size_t d,
                        const size_t *rows, size_t nr, double *mean,
                        double *scale)
{
    (void)n;
    for (size_t f = 0; f < d; f++) {
        double s = 0, ss = 0;
        for (size_t i = 0; i < nr; i++)
            s += x[rows[i] * d + f];
        double mu = nr ? s / (double)nr : 0;
        for (size_t i = 0; i < nr; i++) {
            double v = x[rows[i] * d + f] - mu;
            ss += v * v;
        }
        double sd = nr ? sqrt(ss / (double)nr) : 0;
        /* round so that the written file reproduces them exactly; a floor on
         * the scale keeps a rare binary feature (a title family seen in five
         * postings) from weighing ten standard deviations when present */
        mean[f] = llround(mu * 1e6) / 1e6;
        sd = llround(sd * 1e6) / 1e6;
        scale[f] = sd > 0.25 ? sd : 0.25;
    }
}

/* Fit mean, scale and weights on rows; then the logits of `pred` rows. */
static int fit_rows(const double *x, const int *y, const double *cw, size_t n,
                    size_t d, const size_t *rows, size_t nr, double l2,
                    unsigned iters, double *mean, double *scale, double *w)
{
    standardise(x, n, d, rows, nr, mean, scale);
    double *xs = malloc(n * d * sizeof *xs);
    if (!xs)
        return JDC_ENOMEM;
    for (size_t i = 0; i < n; i++)
        for (size_t f = 0; f < d; f++)
            xs[i * d + f] = (x[i * d + f] - mean[f]) / scale[f];
    int rc = newton(xs, y, cw, rows, nr, d, l2, iters, w);
    free(xs);
    return rc;
}

static void logits_of(const double *x, size_t d, const double *mean,
                      const double *scale, const double *w, double *z)
{
    for (int k = 0; k < K; k++)
        z[k] = w[d * K + k];
    for (size_t f = 0; f < d; f++) {
        double v = (x[f] - mean[f]) / scale[f];
        for (int k = 0; k < K; k++)
            z[k] += v * w[f * K + k];
    }
}

static double nll_at(const double *z, const int *y, size_t n, double t)
{
    double L = 0, p[K];
    for (size_t i = 0; i < n; i++) {
        jdc__softmax(z + i * K, t, p);
        L -= log(p[y[i]] > 1e-300 ? p[y[i]] : 1e-300);
    }
    return L;
}

/* Temperature minimising the NLL of the logits (golden section on log t). */
static double fit_temperature(const double *z, const int *y, size_t n)
{
    double a = log(0.05), b = log(20.0);
    const double gr = (sqrt(5.0) - 1) / 2;
    double c = b - gr * (b - a), dd = a + gr * (b - a);
    double fc = nll_at(z, y, n, exp(c)), fd = nll_at(z, y, n, exp(dd));
    for (int i = 0; i < 80; i++) {
        if (fc < fd) {
            b = dd, dd = c, fd = fc;
            c = b - gr * (b - a);
            fc = nll_at(z, y, n, exp(c));
        } else {
            a = c, c = dd, fc = fd;
            dd = a + gr * (b - a);
            fd = nll_at(z, y, n, exp(dd));
        }
    }
    return llround(exp((a + b) / 2) * 1e6) / 1e6;
}

static void put(jdc_buf *b, double v)
{
    char num[40];
    jdc__buf_puts(b, " | ");
    jdc__buf_put(b, num, jdc__fmt_fixed(num, v));
}

size_t jdc_model_feature_count(const jdc_model *m)
{
    return m ? jdc__model_classifier(m)->nfeat : 0;
}

const char *jdc_model_feature_name(const jdc_model *m, size_t i)
{
    const jdc_classifier *c = m ? jdc__model_classifier(m) : NULL;
    return c && i < c->nfeat ? c->feat_name[i] : NULL;
}

int jdc_train(char **weights, const jdc_model *model, const double *x,
              size_t n, const int *labels, const int *groups,
              const jdc_train_options *opt, double *cv_prob)
{
    if (!weights)
        return jdc__fail(JDC_EINVAL, "jdc_train: weights is NULL");
    *weights = NULL;
    if (!model || (!x && n) || (!labels && n))
        return jdc__fail(JDC_EINVAL, "jdc_train: NULL argument");
    const jdc_classifier *c = jdc__model_classifier(model);
    size_t d = c->nfeat;
    if (!d)
        return jdc__fail(JDC_EINVAL, "jdc_train: the model has no features");
    jdc_train_options o = {30.0, 5, 100, 0};
    if (opt)
        o = *opt;
    if (!(o.l2 > 0))
        o.l2 = 30.0;
    if (!o.max_iter)
        o.max_iter = 100;
    size_t count[K] = {0};
    for (size_t i = 0; i < n; i++) {
        if (labels[i] < 0 || labels[i] >= K)
            return jdc__fail(JDC_EINVAL, "jdc_train: row %zu: label %d is "
                             "not a jdc_track", i + 1, labels[i]);
        count[labels[i]]++;
    }
    int nclasses = 0;
    for (int k = 0; k < K; k++)
        nclasses += count[k] > 0;
    if (nclasses < 2)
        return jdc__fail(JDC_EINVAL, "jdc_train: the labels name fewer than "
                         "two classes");
    for (size_t i = 0; i < n * d; i++)
        if (!isfinite(x[i]))
            return jdc__fail(JDC_EINVAL, "jdc_train: row %zu: feature %zu "
                             "is not finite", i / d + 1, i % d);
    double cw[K];
    for (int k = 0; k < K; k++)
        cw[k] = o.balanced && count[k]
                    ? pow((double)n / (nclasses * (double)count[k]), 0.5)
                    : 1.0;
    int rc = JDC_OK;
    size_t m = (d + 1) * K;
    size_t *rows = malloc((n ? n : 1) * sizeof *rows);
    unsigned *fold = calloc(n ? n : 1, sizeof *fold);
    double *mean = malloc(d * sizeof *mean), *scale = malloc(d * sizeof *scale);
    double *w = malloc(m * sizeof *w), *z = malloc((n ? n : 1) * K * sizeof *z);
    if (!rows || !fold || !mean || !scale || !w || !z) {
        rc = jdc__fail(JDC_ENOMEM, "out of memory");
        goto done;
    }
    double temperature = 1.0;
    unsigned folds = o.folds;
    if (folds >= 2 && folds <= n) {
        /* groups to folds: largest group first, each to the fold with the
         * fewest rows so far (ties: the lowest fold), deterministic */
        size_t *gsize = calloc(n, sizeof *gsize);
        size_t *order = malloc(n * sizeof *order);
        int *gid = malloc(n * sizeof *gid);
        size_t ng = 0;
        if (!gsize || !order || !gid) {
            free(gsize), free(order), free(gid);
            rc = jdc__fail(JDC_ENOMEM, "out of memory");
            goto done;
        }
        /* compact group ids in first-seen order */
        for (size_t i = 0; i < n; i++) {
            size_t g = ng;
            if (groups && groups[i] >= 0)
                for (size_t j = 0; j < i; j++)
                    if (groups[j] == groups[i]) {
                        g = (size_t)gid[j];
                        break;
                    }
            if (g == ng)
                ng++;
            gid[i] = (int)g;
            gsize[g]++;
        }
        for (size_t g = 0; g < ng; g++)
            order[g] = g;
        for (size_t a = 1; a < ng; a++) { /* stable insertion sort by size */
            size_t v = order[a], b = a;
            while (b > 0 && gsize[order[b - 1]] < gsize[v]) {
                order[b] = order[b - 1];
                b--;
            }
            order[b] = v;
        }
        size_t *frows = calloc(folds, sizeof *frows);
        unsigned *gfold = malloc(ng * sizeof *gfold);
        if (!frows || !gfold) {
            free(gsize), free(order), free(gid), free(frows), free(gfold);
            rc = jdc__fail(JDC_ENOMEM, "out of memory");
            goto done;
        }
        for (size_t a = 0; a < ng; a++) {
            unsigned best = 0;
            for (unsigned f = 1; f < folds; f++)
                if (frows[f] < frows[best])
                    best = f;
            gfold[order[a]] = best;
            frows[best] += gsize[order[a]];
        }
        for (size_t i = 0; i < n; i++)
            fold[i] = gfold[gid[i]];
        free(gsize), free(order), free(gid), free(frows), free(gfold);
        for (unsigned f = 0; rc == JDC_OK && f < folds; f++) {
            size_t nr = 0;
            for (size_t i = 0; i < n; i++)
                if (fold[i] != f)
                    rows[nr++] = i;
            rc = fit_rows(x, labels, cw, n, d, rows, nr, o.l2, o.max_iter,
                          mean, scale, w);
            for (size_t i = 0; rc == JDC_OK && i < n; i++)
                if (fold[i] == f)
                    logits_of(x + i * d, d, mean, scale, w, z + i * K);
        }
        if (rc == JDC_OK) {
            temperature = fit_temperature(z, labels, n);
            if (cv_prob)
                for (size_t i = 0; i < n; i++)
                    jdc__softmax(z + i * K, temperature, cv_prob + i * K);
        }
    }
    if (rc != JDC_OK)
        goto done;
    for (size_t i = 0; i < n; i++)
        rows[i] = i;
    rc = fit_rows(x, labels, cw, n, d, rows, n, o.l2, o.max_iter, mean, scale,
                  w);
    if (rc != JDC_OK)
        goto done;
    jdc_buf b = {0};
    char l2s[40];
    jdc__fmt_fixed(l2s, o.l2);
    jdc__buf_printf(&b,
                    "%%format jdclass-weights 1\n"
                    "# Written by `jdclass train`: multinomial logistic "
                    "regression over the\n"
                    "# features of the model, L2 penalty %s%s, %zu postings "
                    "(other %zu, mlops %zu,\n"
                    "# llmops %zu, hybrid %zu); temperature from %u-fold "
                    "cross-validation grouped\n"
                    "# by company. Regenerate, do not edit: see "
                    "models/README.md.\n"
                    "classes | other | mlops | llmops | hybrid\n"
                    "temperature",
                    l2s, o.balanced ? " (classes balanced)" : "", n, count[0], count[1], count[2], count[3],
                    folds >= 2 && folds <= n ? folds : 0);
    put(&b, temperature);
    jdc__buf_puts(&b, "\nbias");
    for (int k = 0; k < K; k++)
        put(&b, w[d * K + k]);
    jdc__buf_putc(&b, '\n');
    for (size_t f = 0; f < d; f++) {
        jdc__buf_printf(&b, "feature | %s", c->feat_name[f]);
        put(&b, mean[f]);
        put(&b, scale[f]);
        for (int k = 0; k < K; k++)
            put(&b, w[f * K + k]);
        jdc__buf_putc(&b, '\n');
    }
    jdc__buf_putc(&b, '\0');
    if (b.oom) {
        jdc__buf_free(&b);
        rc = jdc__fail(JDC_ENOMEM, "out of memory");
        goto done;
    }
    *weights = b.data;
done:
    free(rows), free(fold), free(mean), free(scale), free(w), free(z);
    return rc;
}
