/* The learned track decision.
 *
 * A posting becomes a vector of a hundred-odd general features (names are
 * listed by `jdclass train` and `--explain`):
 *  - ev:TRACK@REGION   log(1 + summed term weight) of each vocabulary track
 *                      (mlops, llmops, ml, shared, other) in each region of
 *                      the posting (title, intro, company, duties,
 *                      requirements, nice);
 *  - group-title:G, group-body:G, group-title:none, fam-title:count,
 *                      fam-body:count
 *                      the role families named by role-title terms (data:
 *                      models/\*.families), by their group (ml, data, eng,
 *                      business): whether the title names one of the group,
 *                      how often the body does, and how many distinct
 *                      families each names (a multi-role post names several).
 *                      Per-family features were tried: with a handful of
 *                      postings per family they cost 0.08 cross-validated
 *                      macro-F1;
 *  - sent:*, own:*, weak:*, research*, analysis*, duty:*
 *                      sentence-level evidence from the role's own text
 *                      (intro, duties, requirements, nice-to-have): how many
 *                      sentences are about LLM work, classical ML work or
 *                      other work, their shares, whether an ownership verb
 *                      (build, deploy, own...) or only a weak requirement
 *                      ("familiarity with") governs them, research and
 *                      analysis cues (cue words: models/\*.cues);
 *  - rule:hybrid, rule:share, rule:margin
 *                      the rule-based decision's quantities (score.c): its
 *                      hybrid condition, the llmops share of the evidence
 *                      and the signed log distance from the in-scope line;
 *  - both:sentences, both:evidence
 *                      the smaller of the two sides (LLM, classical ML):
 *                      what a hybrid role needs on both.
 * The decision is a multinomial logistic regression over the standardised
 * features; its weights, standardisation and temperature are the model's
 * *.weights file, written by `jdclass train` (train.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classifier.h"

/* ---- feature names -------------------------------------------------------- */

static const char *const track_names[JDC_T_COUNT] = {"mlops", "llmops", "ml",
                                                     "shared", "other"};
enum { R_TITLE, R_INTRO, R_COMPANY, R_DUTIES, R_REQ, R_NICE, R_COUNT };
static const char *const region_names[R_COUNT] = {
    "title", "intro", "company", "duties", "requirements", "nice"};

/* Sentence-level features, in order. */
enum {
    S_N, S_LLM, S_ML, S_OTHER, S_BOTH, S_LLM_SHARE, S_LLM_FRAC, S_ML_FRAC,
    S_OTHER_FRAC, S_OWN_LLM, S_OWN_ML, S_OWN_OTHER, S_WEAK_LLM, S_WEAK_ML,
    S_RESEARCH, S_RESEARCH_FRAC, S_ANALYSIS, S_ANALYSIS_FRAC, S_DUTY_LLM_FRAC,
    S_DUTY_ML_FRAC, S_DUTY_OTHER_FRAC, S_BOTH_SENT, S_BOTH_EV, S_RULE_HYBRID,
    S_RULE_SHARE, S_RULE_MARGIN, S_PROD_LLM, S_PROD_ML, S_FAM_TITLE_N,
    S_FAM_BODY_N, S_COUNT
};
static const char *const sent_names[S_COUNT] = {
    "sent:n", "sent:llm", "sent:ml", "sent:other", "sent:both",
    "sent:llm-share", "sent:llm-frac", "sent:ml-frac", "sent:other-frac",
    "own:llm", "own:ml", "own:other", "weak:llm", "weak:ml", "research",
    "research-frac", "analysis", "analysis-frac", "duty:llm-frac",
    "duty:ml-frac", "duty:other-frac", "both:sentences", "both:evidence", "rule:hybrid",
    "rule:share", "rule:margin", "prod:llm", "prod:ml", "fam-title:count",
    "fam-body:count"};

#define F_EV 0
#define F_FAM (JDC_T_COUNT * R_COUNT)
/* then 2 x nfamilies + 1 family features, S_COUNT sentence features, layers */

static size_t f_grp(const jdc_classifier *c) { (void)c; return F_FAM + 1; }
static size_t f_sent(const jdc_classifier *c) { return f_grp(c) + 2 * c->ngroups; }

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

static int oom(void) { return jdc__fail(JDC_ENOMEM, "out of memory"); }

static int add_name(jdc_classifier *c, const char *a, const char *b)
{
    if (c->nfeat >= JDC_FEATURES_MAX)
        return jdc__fail(JDC_EFORMAT, "model has more than %d features "
                         "(families and layers)", JDC_FEATURES_MAX);
    size_t n = strlen(a) + strlen(b) + 1;
    char *s = malloc(n);
    if (!s)
        return oom();
    snprintf(s, n, "%s%s", a, b);
    c->feat_name[c->nfeat++] = s;
    return JDC_OK;
}

static int build_features(jdc_classifier *c, const jdc_model *m)
{
    size_t nterms = jdc_model_term_count(m);
    c->feat_name = calloc(JDC_FEATURES_MAX, sizeof *c->feat_name);
    c->term_layer_feat = malloc((nterms ? nterms : 1) * sizeof *c->term_layer_feat);
    if (!c->feat_name || !c->term_layer_feat)
        return oom();
    int rc = JDC_OK;
    char buf[64];
    for (int t = 0; rc == JDC_OK && t < JDC_T_COUNT; t++)
        for (int g = 0; rc == JDC_OK && g < R_COUNT; g++) {
            snprintf(buf, sizeof buf, "ev:%s@%s", track_names[t],
                     region_names[g]);
            rc = add_name(c, buf, "");
        }
    if (rc == JDC_OK)
        rc = add_name(c, "group-title:none", "");
    for (size_t g = 0; rc == JDC_OK && g < c->ngroups; g++)
        rc = add_name(c, "group-title:", c->group[g]);
    for (size_t g = 0; rc == JDC_OK && g < c->ngroups; g++)
        rc = add_name(c, "group-body:", c->group[g]);
    for (int s = 0; rc == JDC_OK && s < S_COUNT; s++)
        rc = add_name(c, sent_names[s], "");
    for (size_t i = 0; i < nterms; i++)
        c->term_layer_feat[i] = -1; /* no layer features in this version */
    return rc;
}

/* ---- model files: *.families and *.weights ------------------------------- */

typedef struct reader {
    const char *name;
    size_t line;
} reader;

static int rfail(const reader *r, const char *fmt, const char *arg)
{
    char msg[512];
    snprintf(msg, sizeof msg, fmt, arg ? arg : "");
    return jdc__fail(JDC_EFORMAT, "%s:%zu: %s", r->name, r->line, msg);
}

static const char *trim(const char *s, size_t *n)
{
    while (*n && (*s == ' ' || *s == '\t' || *s == '\r'))
        s++, (*n)--;
    while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t' || s[*n - 1] == '\r'))
        (*n)--;
    return s;
}

/* Split a line at '|' into at most `max` trimmed fields; returns the count
 * (max + 1 when there are more). */
static size_t split(const char *s, size_t n, char sep, const char **f,
                    size_t *fl, size_t max)
{
    size_t nf = 0, st = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == sep) {
            if (nf == max)
                return max + 1;
            fl[nf] = i - st;
            f[nf] = trim(s + st, &fl[nf]);
            nf++;
            st = i + 1;
        }
    }
    return nf;
}

static int eqn(const char *s, size_t n, const char *lit)
{
    return strlen(lit) == n && !memcmp(s, lit, n);
}

/* A signed decimal number, at most 15 digits, no exponent. */
static int parse_number(const char *s, size_t n, double *out)
{
    int neg = 0;
    if (n && (s[0] == '-' || s[0] == '+'))
        neg = s[0] == '-', s++, n--;
    uint64_t mant = 0;
    int digits = 0, frac = -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.' && frac < 0)
            frac = 0;
        else if (s[i] >= '0' && s[i] <= '9') {
            if (++digits > 15)
                return 0;
            mant = mant * 10 + (uint64_t)(s[i] - '0');
            if (frac >= 0)
                frac++;
        } else
            return 0;
    }
    if (!digits)
        return 0;
    double p = 1;
    for (int i = 0; i < frac; i++)
        p *= 10;
    *out = (neg ? -1.0 : 1.0) * (double)mant / p;
    return 1;
}

size_t jdc__fmt_fixed(char *buf, double x)
{
    long long v = llround(x * 1e6);
    unsigned long long a = v < 0 ? (unsigned long long)(-(v + 1)) + 1
                                 : (unsigned long long)v;
    char tmp[32];
    size_t n = 0;
    for (int i = 0; i < 6; i++, a /= 10)
        tmp[n++] = (char)('0' + a % 10);
    tmp[n++] = '.';
    do {
        tmp[n++] = (char)('0' + a % 10);
        a /= 10;
    } while (a);
    size_t k = 0;
    if (v < 0)
        buf[k++] = '-';
    while (n)
        buf[k++] = tmp[--n];
    buf[k] = '\0';
    return k;
}

typedef int (*line_fn)(jdc_classifier *c, const jdc_model *m, reader *r,
                       const char *s, size_t n, void *st);

static int each_line(jdc_classifier *c, const jdc_model *m, const jdc_file *f,
                     const char *format, line_fn fn, void *st)
{
    reader r = {f->name, 0};
    const char *s = f->data, *end = f->data + f->len;
    int seen_format = 0;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
        r.line++;
        if (memchr(s, '\0', n))
            return rfail(&r, "NUL byte in line", NULL);
        size_t tl = n;
        const char *t = trim(s, &tl);
        if (r.line == 1 && tl >= 3 && !memcmp(t, "\xEF\xBB\xBF", 3))
            t += 3, tl -= 3;
        s = nl ? nl + 1 : end;
        if (tl == 0 || t[0] == '#')
            continue;
        if (!seen_format) {
            if (!eqn(t, tl, format))
                return rfail(&r, "expected '%s' as the first line", format);
            seen_format = 1;
            continue;
        }
        int rc = fn(c, m, &r, t, tl, st);
        if (rc)
            return rc;
    }
    if (!seen_format) {
        r.line = 1;
        return rfail(&r, "empty file: missing format line", NULL);
    }
    return JDC_OK;
}

static int family_line(jdc_classifier *c, const jdc_model *m, reader *r,
                       const char *s, size_t n, void *st)
{
    (void)st;
    const char *f[4];
    size_t fl[4];
    if (split(s, n, '|', f, fl, 3) != 3)
        return rfail(r, "expected 'family | group | term; term; ...'", NULL);
    for (int k = 0; k < 2; k++) {
        if (fl[k] == 0 || fl[k] > 40)
            return rfail(r, "family and group names must be 1 to 40 "
                         "characters", NULL);
        for (size_t i = 0; i < fl[k]; i++) {
            char ch = f[k][i];
            if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                  ch == '-'))
                return rfail(r, "family and group names may only contain "
                             "a-z, 0-9 and '-'", NULL);
        }
    }
    char gname[48];
    memcpy(gname, f[1], fl[1]);
    gname[fl[1]] = '\0';
    size_t gi;
    for (gi = 0; gi < c->ngroups; gi++)
        if (!strcmp(c->group[gi], gname))
            break;
    if (gi == c->ngroups) {
        char **v = realloc(c->group, (c->ngroups + 1) * sizeof *v);
        if (!v)
            return oom();
        c->group = v;
        if (!(c->group[c->ngroups] = xstrdup(gname)))
            return oom();
        c->ngroups++;
    }
    char name[48];
    memcpy(name, f[0], fl[0]);
    name[fl[0]] = '\0';
    for (size_t i = 0; i < c->nfamilies; i++)
        if (!strcmp(c->family[i], name))
            return rfail(r, "family '%s' defined twice", name);
    if (c->nfamilies >= JDC_FAMILIES_MAX)
        return rfail(r, "too many families (at most 200)", NULL);
    if (c->nfamilies == c->capfamilies) {
        size_t cap = c->capfamilies ? c->capfamilies * 2 : 16;
        char **v = realloc(c->family, cap * sizeof *v);
        if (!v)
            return oom();
        c->family = v;
        c->capfamilies = cap;
    }
    int16_t *fg = realloc(c->family_group, (c->nfamilies + 1) * sizeof *fg);
    if (!fg)
        return oom();
    c->family_group = fg;
    fg[c->nfamilies] = (int16_t)gi;
    if (!(c->family[c->nfamilies] = xstrdup(name)))
        return oom();
    int16_t fam = (int16_t)c->nfamilies++;
    size_t nterms = jdc_model_term_count(m);
    const char *w = f[2];
    size_t wl = fl[2], i = 0;
    while (i <= wl) {
        size_t j = i;
        while (j < wl && w[j] != ';')
            j++;
        size_t len = j - i;
        const char *term = trim(w + i, &len);
        i = j + 1;
        if (!len)
            return rfail(r, "empty term name", NULL);
        char tn[256];
        if (len >= sizeof tn)
            return rfail(r, "term name longer than 255 bytes", NULL);
        memcpy(tn, term, len);
        tn[len] = '\0';
        size_t k;
        for (k = 0; k < nterms; k++)
            if (!strcmp(jdc__model_term(m, (int32_t)k)->name, tn))
                break;
        if (k == nterms)
            return rfail(r, "no term '%s' in the vocabulary", tn);
        if (c->term_family[k] >= 0)
            return rfail(r, "term '%s' is already in another family", tn);
        c->term_family[k] = fam;
    }
    return JDC_OK;
}

typedef struct wstate {
    unsigned char *seen; /* per feature */
    int classes, temperature, bias;
} wstate;

static int weights_line(jdc_classifier *c, const jdc_model *m, reader *r,
                        const char *s, size_t n, void *stp)
{
    (void)m;
    wstate *st = stp;
    const char *f[9];
    size_t fl[9];
    size_t nf = split(s, n, '|', f, fl, 8);
    if (eqn(f[0], fl[0], "classes")) {
        static const char *want[] = {"other", "mlops", "llmops", "hybrid"};
        if (nf != 5)
            return rfail(r, "expected 'classes | other | mlops | llmops | "
                         "hybrid'", NULL);
        for (int k = 0; k < JDC_NCLASS; k++)
            if (!eqn(f[k + 1], fl[k + 1], want[k]))
                return rfail(r, "expected 'classes | other | mlops | llmops "
                             "| hybrid'", NULL);
        st->classes = 1;
        return JDC_OK;
    }
    if (eqn(f[0], fl[0], "temperature")) {
        if (nf != 2 || !parse_number(f[1], fl[1], &c->temperature) ||
            !(c->temperature >= 0.01 && c->temperature <= 100))
            return rfail(r, "temperature must be a number from 0.01 to 100",
                         NULL);
        st->temperature = 1;
        return JDC_OK;
    }
    if (eqn(f[0], fl[0], "bias")) {
        if (nf != 1 + JDC_NCLASS)
            return rfail(r, "expected 'bias | four numbers'", NULL);
        for (int k = 0; k < JDC_NCLASS; k++)
            if (!parse_number(f[k + 1], fl[k + 1], &c->bias[k]) ||
                fabs(c->bias[k]) > 1e6)
                return rfail(r, "bias must be a number within +-1e6", NULL);
        st->bias = 1;
        return JDC_OK;
    }
    if (!eqn(f[0], fl[0], "feature"))
        return rfail(r, "expected 'classes', 'temperature', 'bias' or "
                     "'feature' lines", NULL);
    if (nf != 4 + JDC_NCLASS)
        return rfail(r, "expected 'feature | name | mean | scale | four "
                     "weights'", NULL);
    char name[128];
    if (fl[1] == 0 || fl[1] >= sizeof name)
        return rfail(r, "feature name must be 1 to 127 bytes", NULL);
    memcpy(name, f[1], fl[1]);
    name[fl[1]] = '\0';
    size_t k;
    for (k = 0; k < c->nfeat; k++)
        if (!strcmp(c->feat_name[k], name))
            break;
    if (k == c->nfeat)
        return rfail(r, "unknown feature '%s' (the weights were trained for "
                     "another vocabulary or other families)", name);
    if (st->seen[k])
        return rfail(r, "feature '%s' listed twice", name);
    st->seen[k] = 1;
    if (!parse_number(f[2], fl[2], &c->mean[k]) || fabs(c->mean[k]) > 1e6)
        return rfail(r, "mean must be a number within +-1e6", NULL);
    if (!parse_number(f[3], fl[3], &c->scale[k]) ||
        !(c->scale[k] > 0 && c->scale[k] <= 1e6))
        return rfail(r, "scale must be a number above 0 and at most 1e6",
                     NULL);
    for (int j = 0; j < JDC_NCLASS; j++)
        if (!parse_number(f[4 + j], fl[4 + j], &c->w[k * JDC_NCLASS + j]) ||
            fabs(c->w[k * JDC_NCLASS + j]) > 1e6)
            return rfail(r, "weight must be a number within +-1e6", NULL);
    return JDC_OK;
}

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && !strcmp(s + n - k, suf);
}

int jdc__classifier_build(jdc_classifier *c, const jdc_model *m,
                          const jdc_file *files, size_t nfiles)
{
    memset(c, 0, sizeof *c);
    size_t nterms = jdc_model_term_count(m);
    c->term_family = malloc((nterms ? nterms : 1) * sizeof *c->term_family);
    if (!c->term_family)
        return oom();
    for (size_t i = 0; i < nterms; i++)
        c->term_family[i] = -1;
    int rc = JDC_OK;
    for (size_t i = 0; rc == JDC_OK && i < nfiles; i++)
        if (has_suffix(files[i].name, ".families"))
            rc = each_line(c, m, &files[i], "%format jdclass-families 1",
                           family_line, NULL);
    if (rc == JDC_OK)
        rc = build_features(c, m);
    const jdc_file *wf = NULL;
    for (size_t i = 0; rc == JDC_OK && i < nfiles; i++)
        if (has_suffix(files[i].name, ".weights")) {
            if (wf)
                rc = jdc__fail(JDC_EFORMAT, "%s: a model has at most one "
                               "*.weights file (also %s)", files[i].name,
                               wf->name);
            wf = &files[i];
        }
    if (rc != JDC_OK || !wf)
        return rc;
    c->mean = calloc(c->nfeat, sizeof *c->mean);
    c->scale = calloc(c->nfeat, sizeof *c->scale);
    c->w = calloc(c->nfeat * JDC_NCLASS, sizeof *c->w);
    wstate st = {calloc(c->nfeat, 1), 0, 0, 0};
    if (!c->mean || !c->scale || !c->w || !st.seen) {
        free(st.seen);
        return oom();
    }
    rc = each_line(c, m, wf, "%format jdclass-weights 1", weights_line, &st);
    if (rc == JDC_OK) {
        const char *miss = !st.classes ? "a 'classes' line"
                           : !st.temperature ? "a 'temperature' line"
                           : !st.bias ? "a 'bias' line" : NULL;
        for (size_t k = 0; !miss && k < c->nfeat; k++)
            if (!st.seen[k])
                miss = c->feat_name[k];
        if (miss)
            rc = jdc__fail(JDC_EFORMAT, "%s: missing %s%s (the weights were "
                           "trained for another vocabulary or other "
                           "families)", wf->name,
                           strchr(miss, ' ') ? "" : "feature ", miss);
    }
    free(st.seen);
    if (rc == JDC_OK)
        c->has_weights = 1;
    return rc;
}

void jdc__classifier_free(jdc_classifier *c)
{
    for (size_t i = 0; i < c->nfamilies; i++)
        free(c->family[i]);
    free(c->family);
    for (size_t i = 0; i < c->ngroups; i++)
        free(c->group[i]);
    free(c->group);
    free(c->family_group);
    free(c->term_family);
    free(c->term_layer_feat);
    if (c->feat_name)
        for (size_t i = 0; i < c->nfeat; i++)
            free(c->feat_name[i]);
    free(c->feat_name);
    free(c->mean);
    free(c->scale);
    free(c->w);
    memset(c, 0, sizeof *c);
}

/* ---- the feature vector ----------------------------------------------------- */

static int region_of(const jdc_hit *h)
{
    if (h->flags & JDC_TOK_TITLE)
        return R_TITLE;
    switch (h->section) {
    case JDC_SEC_COMPANY:
    case JDC_SEC_BENEFITS: return R_COMPANY;
    case JDC_SEC_DUTIES: return R_DUTIES;
    case JDC_SEC_REQUIREMENTS: return R_REQ;
    case JDC_SEC_NICE: return R_NICE;
    default: return R_INTRO;
    }
}

static double lg(double v) { return log1p(v); }

void jdc__features(const jdc_classifier *c, const jdc_model *m,
                   const jdc_hits *terms, const jdc_sentences *ss,
                   const jdc_sections *secs, const double *evidence,
                   double *x)
{
    memset(x, 0, c->nfeat * sizeof *x);
    double ev[JDC_T_COUNT][R_COUNT] = {{0}};
    double fam_title[JDC_FAMILIES_MAX] = {0}, fam_body[JDC_FAMILIES_MAX] = {0};
    size_t fs = f_sent(c);
    /* per-sentence tallies */
    unsigned n_role = 0, n_llm = 0, n_ml = 0, n_other = 0, n_both = 0;
    unsigned own_llm = 0, own_ml = 0, own_other = 0, weak_llm = 0, weak_ml = 0;
    unsigned research = 0, analysis = 0, prod_llm = 0, prod_ml = 0;
    unsigned n_duty = 0, duty_llm = 0, duty_ml = 0, duty_other = 0;
    size_t h = 0, cursor = 0;
    int any_title_family = 0;
    for (size_t si = 0; si <= ss->n; si++) {
        /* hits before sentence si (or all remaining at the end) belong to
         * sentence si - 1 or earlier; take those of sentence si */
        int has_llm = 0, has_ml = 0, has_other = 0, title = 0;
        while (h < terms->n && (si == ss->n || terms->v[h].sent <= si)) {
            const jdc_hit *x_ = &terms->v[h++];
            if (x_->negated)
                continue;
            const jdc_term *t = jdc__model_term(m, x_->term);
            int g = region_of(x_);
            title |= g == R_TITLE;
            ev[t->track][g] += t->weight;
            int16_t lf = c->term_layer_feat[x_->term];
            if (lf >= 0 && g != R_COMPANY)
                x[lf] += 1;
            int16_t fam = c->term_family[x_->term];
            if (fam >= 0) {
                if (g == R_TITLE) {
                    fam_title[fam] = 1;
                    any_title_family = 1;
                } else {
                    fam_body[fam] += 1;
                }
            }
            if (t->weight <= 0)
                continue;
            if (t->track == JDC_T_LLMOPS)
                has_llm = 1;
            else if (t->track == JDC_T_MLOPS || t->track == JDC_T_ML)
                has_ml = 1;
            else if (t->track == JDC_T_OTHER)
                has_other = 1;
        }
        if (si == ss->n)
            break;
        const jdc_sentence *s = &ss->v[si];
        if (title || (s->flags & JDC_SENT_PROCESS))
            continue;
        int sec = jdc__section_at(secs, &cursor, s->start);
        if (sec == JDC_SEC_COMPANY || sec == JDC_SEC_BENEFITS)
            continue;
        n_role++;
        n_llm += has_llm;
        n_ml += has_ml;
        n_other += has_other;
        n_both += has_llm && has_ml;
        if (s->flags & JDC_SENT_OWN) {
            own_llm += has_llm;
            own_ml += has_ml;
            own_other += has_other;
        }
        if (s->flags & JDC_SENT_WEAK) {
            weak_llm += has_llm;
            weak_ml += has_ml;
        }
        if (s->flags & JDC_SENT_PROD) {
            prod_llm += has_llm;
            prod_ml += has_ml;
        }
        research += (s->flags & JDC_SENT_RESEARCH) != 0;
        analysis += (s->flags & JDC_SENT_ANALYSIS) != 0;
        if (sec == JDC_SEC_DUTIES) {
            n_duty++;
            duty_llm += has_llm;
            duty_ml += has_ml;
            duty_other += has_other;
        }
    }
    for (int t = 0; t < JDC_T_COUNT; t++)
        for (int g = 0; g < R_COUNT; g++)
            x[F_EV + t * R_COUNT + g] = lg(ev[t][g]);
    double *grp_title = x + f_grp(c), *grp_body = grp_title + c->ngroups;
    unsigned fam_title_n = 0, fam_body_n = 0;
    for (size_t f = 0; f < c->nfamilies; f++) {
        fam_title_n += fam_title[f] > 0;
        fam_body_n += fam_body[f] > 0;
        int16_t g = c->family_group[f];
        if (fam_title[f] > 0)
            grp_title[g] = 1;
        grp_body[g] += fam_body[f];
    }
    for (size_t g = 0; g < c->ngroups; g++)
        grp_body[g] = lg(grp_body[g]);
    x[F_FAM] = !any_title_family;
    double role = n_role ? n_role : 1, duty = n_duty ? n_duty : 1;
    double *sf = x + fs;
    sf[S_N] = lg(n_role);
    sf[S_LLM] = lg(n_llm);
    sf[S_ML] = lg(n_ml);
    sf[S_OTHER] = lg(n_other);
    sf[S_BOTH] = lg(n_both);
    sf[S_LLM_SHARE] = (n_llm + 0.5) / (n_llm + n_ml + 1.0);
    sf[S_LLM_FRAC] = n_llm / role;
    sf[S_ML_FRAC] = n_ml / role;
    sf[S_OTHER_FRAC] = n_other / role;
    sf[S_OWN_LLM] = lg(own_llm);
    sf[S_OWN_ML] = lg(own_ml);
    sf[S_OWN_OTHER] = lg(own_other);
    sf[S_WEAK_LLM] = lg(weak_llm);
    sf[S_WEAK_ML] = lg(weak_ml);
    sf[S_RESEARCH] = lg(research);
    sf[S_RESEARCH_FRAC] = research / role;
    sf[S_ANALYSIS] = lg(analysis);
    sf[S_ANALYSIS_FRAC] = analysis / role;
    sf[S_DUTY_LLM_FRAC] = duty_llm / duty;
    sf[S_DUTY_ML_FRAC] = duty_ml / duty;
    sf[S_DUTY_OTHER_FRAC] = duty_other / duty;
    /* both sides substantial (hybrid): the smaller side's evidence */
    sf[S_BOTH_SENT] = lg(n_llm < n_ml ? n_llm : n_ml);
    double side[2] = {0, 0};
    for (int g = 0; g < R_COUNT; g++)
        if (g != R_COMPANY) {
            double f = g == R_TITLE ? 3 : 1;
            side[0] += f * ev[JDC_T_MLOPS][g];
            side[1] += f * ev[JDC_T_LLMOPS][g];
        }
    sf[S_BOTH_EV] = lg(side[0] < side[1] ? side[0] : side[1]);
    /* the rule-based decision's quantities (score.c, model.conf) */
    const jdc_params *p = jdc__model_params(m);
    double eml = evidence[JDC_T_MLOPS], ellm = evidence[JDC_T_LLMOPS];
    double egen = evidence[JDC_T_ML], eoth = evidence[JDC_T_OTHER];
    double denom = eml + ellm + p->generic_mlops * egen;
    double share = denom > 0 ? ellm / denom : 0.5;
    sf[S_RULE_HYBRID] = eml >= p->hybrid_min && ellm >= p->hybrid_min &&
                        share >= p->hybrid_share &&
                        share <= 1 - p->hybrid_share;
    sf[S_RULE_SHARE] = share;
    sf[S_PROD_LLM] = lg(prod_llm);
    sf[S_PROD_ML] = lg(prod_ml);
    sf[S_FAM_TITLE_N] = fam_title_n;
    sf[S_FAM_BODY_N] = lg(fam_body_n);
    double margin = eml + ellm + egen - p->in_scope - p->other_factor * eoth;
    sf[S_RULE_MARGIN] = margin >= 0 ? lg(margin) : -lg(-margin);
}

/* ---- prediction ------------------------------------------------------------ */

void jdc__logits(const jdc_classifier *c, const double *x, double *z,
                 double *contrib)
{
    for (int k = 0; k < JDC_NCLASS; k++)
        z[k] = c->bias[k];
    for (size_t f = 0; f < c->nfeat; f++) {
        double v = (x[f] - c->mean[f]) / c->scale[f];
        for (int k = 0; k < JDC_NCLASS; k++) {
            double e = v * c->w[f * JDC_NCLASS + k];
            z[k] += e;
            if (contrib)
                contrib[f * JDC_NCLASS + k] = e;
        }
    }
}

void jdc__softmax(const double *z, double t, double *p)
{
    double mx = z[0];
    for (int k = 1; k < JDC_NCLASS; k++)
        if (z[k] > mx)
            mx = z[k];
    double s = 0;
    for (int k = 0; k < JDC_NCLASS; k++)
        s += p[k] = exp((z[k] - mx) / t);
    for (int k = 0; k < JDC_NCLASS; k++)
        p[k] /= s;
}
