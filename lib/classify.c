/* The classification entry point and the result accessors.
 *
 * Pipeline: tokenise -> match terms and signal phrases (with sentences and
 * negation) -> sections -> score -> signals. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classifier.h"
#include "extract.h"
#include "html.h"
#include "internal.h"

/* The learned decision: the feature vector, and with the model's weights
 * the label, its calibrated probability and each feature's contribution. */
static int decide(jdc_result *r, const jdc_model *m, const jdc_hits *terms,
                  const jdc_sentences *ss, const jdc_sections *secs)
{
    const jdc_classifier *c = jdc__model_classifier(m);
    if (!c->nfeat)
        return JDC_OK;
    double x[JDC_FEATURES_MAX];
    jdc__features(c, m, terms, ss, secs, r->evidence, x);
    r->features = calloc(c->nfeat, sizeof *r->features);
    if (!r->features)
        return JDC_ENOMEM;
    r->nfeatures = c->nfeat;
    for (size_t f = 0; f < c->nfeat; f++) {
        r->features[f].name = c->feat_name[f];
        r->features[f].value = x[f];
    }
    /* no words at all: no evidence either way, the rules' "other, 0" */
    if (!c->has_weights || ss->n == 0)
        return JDC_OK;
    double z[JDC_NCLASS];
    jdc__logits(c, x, z, NULL);
    jdc__softmax(z, c->temperature, r->prob);
    for (size_t f = 0; f < c->nfeat; f++) {
        double v = (x[f] - c->mean[f]) / c->scale[f];
        for (int k = 0; k < JDC_NCLASS; k++)
            r->features[f].contribution[k] = v * c->w[f * JDC_NCLASS + k];
    }
    int best = 0;
    for (int k = 1; k < JDC_NCLASS; k++)
        if (r->prob[k] > r->prob[best])
            best = k;
    r->label = (jdc_track)best;
    r->score = r->prob[best];
    r->learned = 1;
    return JDC_OK;
}

/* Translate every span of the result from the extracted text of an HTML
 * input back to the caller's HTML bytes. */
static void map_spans(jdc_result *r, const jdc_html *h, const char *html,
                      size_t len)
{
    for (size_t i = 0; i < r->nmatches; i++)
        jdc__html_span(h, html, len, &r->matches[i].start, &r->matches[i].end);
    for (size_t i = 0; i < r->nsignals; i++)
        if (r->signals[i].end > r->signals[i].start)
            jdc__html_span(h, html, len, &r->signals[i].start,
                           &r->signals[i].end);
    for (size_t i = 0; i < r->nsalaries; i++)
        jdc__html_span(h, html, len, &r->salaries[i].start,
                       &r->salaries[i].end);
    if (r->seniority_end > r->seniority_start)
        jdc__html_span(h, html, len, &r->seniority_start, &r->seniority_end);
}

/* Seniority, salary, work terms and the market verdict; the builtin
 * signals they decide. */
static int extract(jdc_result *r, const jdc_model *m, const char *text,
                   size_t len, const jdc_tokens *toks, int *builtin,
                   uint32_t *bspan)
{
    jdc_extract x;
    jdc__extract(&x, text, len, toks->title_start, toks->title_end);
    r->seniority = jdc__seniority_name(x.seniority);
    if (x.seniority != JDC_SEN_UNKNOWN) {
        r->seniority_start = x.seniority_span.start;
        r->seniority_end = x.seniority_span.end;
    }
    if (x.nsalary) {
        r->salaries = calloc(x.nsalary, sizeof *r->salaries);
        r->currencies = calloc(x.nsalary, sizeof *r->currencies);
        if (!r->salaries || !r->currencies)
            return JDC_ENOMEM;
        for (size_t i = 0; i < x.nsalary; i++) {
            const jdc_xsalary *xs = &x.salary[i];
            jdc_salary *sl = &r->salaries[i];
            memcpy(r->currencies[i], xs->currency, sizeof r->currencies[i]);
            r->currencies[i][3] = '\0';
            sl->min = xs->min;
            sl->max = xs->max;
            sl->currency = r->currencies[i];
            sl->period = jdc__period_name(xs->period);
            sl->start = xs->start;
            sl->end = xs->end;
        }
        r->nsalaries = x.nsalary;
    }
    r->terms.employment = jdc__employment_name(x.employment);
    r->terms.ir35 = jdc__ir35_name(x.ir35);
    r->terms.workmode = jdc__workmode_name(x.workmode);
    r->terms.region = jdc__region_name(x.region);
    if (x.city[0]) {
        snprintf(r->city, sizeof r->city, "%s", x.city);
        r->terms.city = r->city;
    }
    jdc_xmarket mk;
    jdc__market_compare(&mk, jdc__model_bands(m), &x, (int)r->label);
    r->market.verdict = jdc__verdict_name(mk.verdict);
    r->market.band_min = mk.verdict == JDC_MARKET_UNKNOWN ? NAN : mk.band_min;
    r->market.band_max = mk.verdict == JDC_MARKET_UNKNOWN ? NAN : mk.band_max;
    r->market.source = mk.source;
    r->market.missing = mk.verdict == JDC_MARKET_UNKNOWN ? mk.missing : NULL;
    builtin[JDC_BUILTIN_NO_SALARY] = x.nsalary == 0;
    if (x.nsalary) {
        int k = mk.verdict == JDC_MARKET_BELOW   ? JDC_BUILTIN_BELOW_MARKET
                : mk.verdict == JDC_MARKET_ABOVE ? JDC_BUILTIN_ABOVE_MARKET
                                                 : 0;
        if (k) {
            builtin[k] = 1;
            bspan[2 * k] = x.salary[0].start;
            bspan[2 * k + 1] = x.salary[0].end;
        }
    }
    return JDC_OK;
}

int jdc__bare_cr_to_lf(const char *text, size_t len, char **copy)
{
    *copy = NULL;
    const char *p = text, *end = text + len;
    while ((p = memchr(p, '\r', (size_t)(end - p)))) {
        if (p + 1 == end || p[1] != '\n')
            break;
        p += 2;
    }
    if (!p)
        return JDC_OK;
    char *c = malloc(len);
    if (!c)
        return JDC_ENOMEM;
    memcpy(c, text, len);
    for (size_t i = (size_t)(p - text); i < len; i++)
        if (c[i] == '\r' && (i + 1 == len || c[i + 1] != '\n'))
            c[i] = '\n';
    *copy = c;
    return JDC_OK;
}

int jdc_classify(jdc_result **out, const jdc_model *model, const char *text,
                 size_t len, unsigned flags)
{
    return jdc_classify_ex(out, model, text, len, flags, 0);
}

/* 4 GiB - 1: offsets are 32-bit, and the largest, len itself, still fits. */
#define JDC_MAX_INPUT_HARD ((size_t)UINT32_MAX)

int jdc_classify_ex(jdc_result **out, const jdc_model *model,
                    const char *text, size_t len, unsigned flags,
                    size_t max_input)
{
    if (!out)
        return jdc__fail(JDC_EINVAL, "jdc_classify: out is NULL");
    *out = NULL;
    if (!model)
        return jdc__fail(JDC_EINVAL, "jdc_classify: model is NULL");
    if (!text && len)
        return jdc__fail(JDC_EINVAL, "jdc_classify: text is NULL");
    const unsigned known = JDC_FLAG_NO_TITLE | JDC_FLAG_HTML | JDC_FLAG_HTML_AUTO;
    if (flags & ~known)
        return jdc__fail(JDC_EINVAL, "jdc_classify: unknown flag bits 0x%x",
                         flags & ~known);
    if (max_input == 0)
        max_input = JDC_MAX_INPUT_DEFAULT;
    if (max_input > JDC_MAX_INPUT_HARD)
        max_input = JDC_MAX_INPUT_HARD;
    if (len > max_input)
        return jdc__fail(JDC_ETOOBIG,
                         "input of %zu bytes exceeds the limit of %zu bytes",
                         len, max_input);
    if (!text)
        text = "";
    int rc = JDC_OK;
    jdc_scratch *s = jdc__scratch_get(&rc);
    if (!s)
        return rc;
    /* Line ends: LF, CRLF and a bare CR (old Mac exports, some ATS feeds)
     * all end a line. A text with a bare CR is classified as a copy where
     * each bare CR is an LF: the same length, so every offset still points
     * into the caller's bytes, and every stage sees one kind of line end. */
    char *crlf_copy = NULL;
    rc = jdc__bare_cr_to_lf(text, len, &crlf_copy);
    if (rc)
        return jdc__fail(rc, "%s", jdc_strerror(rc));
    if (crlf_copy)
        text = crlf_copy;
    /* HTML: classify the extracted text, then map every span back */
    const char *orig = text;
    size_t orig_len = len;
    jdc_html *html = NULL;
    if ((flags & JDC_FLAG_HTML) ||
        ((flags & JDC_FLAG_HTML_AUTO) && jdc__looks_like_html(text, len))) {
        html = jdc__scratch_html(s);
        rc = jdc__html_to_text(html, text, len);
        if (rc) {
            free(crlf_copy);
            return jdc__fail(rc, "%s", jdc_strerror(rc));
        }
        text = html->text.data ? html->text.data : "";
        len = html->text.len;
    }
    jdc_result *r = calloc(1, sizeof *r);
    if (!r) {
        free(crlf_copy);
        return jdc__fail(JDC_ENOMEM, "out of memory");
    }
    r->model = model;
    r->seniority = "unknown";
    r->market.verdict = "unknown";
    r->market.band_min = r->market.band_max = NAN;
    r->market.missing = "salary";
    jdc_tokens *toks = jdc__scratch_tokens(s);
    jdc_sections *secs = jdc__scratch_sections(s);
    jdc_sentences *ss = jdc__scratch_sentences(s);
    jdc_hits terms = {0}, sigs = {0};
    rc = jdc__tokenize(toks, text, len, flags);
    if (rc == JDC_OK)
        rc = jdc__match(s, model, toks, text, &terms, &sigs);
    if (rc == JDC_OK)
        rc = jdc__sections(secs, text, len, toks->title_start, toks->title_end);
    if (rc == JDC_OK) {
        jdc__context_assign(&terms, secs, ss);
        jdc__context_assign(&sigs, secs, ss);
    }
    /* The result keeps the first JDC_MATCHES_PER_TERM_MAX matches of each
     * term and counts the others; the scorer still sees every hit. The
     * per-term slots (all -1 between calls) count the kept matches. */
    int32_t *slots = NULL;
    size_t nkeep = 0;
    if (rc == JDC_OK) {
        slots = jdc__scratch_slots(s, jdc_model_term_count(model));
        if (!slots)
            rc = JDC_ENOMEM;
    }
    if (rc == JDC_OK) {
        for (size_t i = 0; i < terms.n; i++)
            if (slots[terms.v[i].term] + 1 < JDC_MATCHES_PER_TERM_MAX) {
                slots[terms.v[i].term]++;
                nkeep++;
            }
        for (size_t i = 0; i < terms.n; i++)
            slots[terms.v[i].term] = -1;
    }
    if (rc == JDC_OK && nkeep) {
        r->matches = malloc(nkeep * sizeof *r->matches);
        if (!r->matches)
            rc = JDC_ENOMEM;
    }
    if (rc == JDC_OK) {
        size_t k = 0;
        for (size_t i = 0; i < terms.n; i++) {
            const jdc_hit *h = &terms.v[i];
            if (slots[h->term] + 1 >= JDC_MATCHES_PER_TERM_MAX)
                continue;
            slots[h->term]++;
            const jdc_term *t = jdc__model_term(model, h->term);
            jdc_match *mt = &r->matches[k++];
            memset(mt, 0, sizeof *mt);
            mt->term = t->name;
            mt->track = jdc__track_term_name(t->track);
            mt->layer = t->layer;
            mt->start = h->start;
            mt->end = h->end;
            mt->weight = t->weight;
            mt->in_title = (h->flags & JDC_TOK_TITLE) != 0;
            mt->section = mt->in_title ? "title"
                                       : jdc__section_name(h->section);
            mt->negated = h->negated;
        }
        for (size_t i = 0; i < terms.n; i++)
            slots[terms.v[i].term] = -1;
        r->nmatches = nkeep;
        r->nmatches_total = terms.n;
        rc = jdc__score(r, model, terms.v, terms.n, slots);
    }
    if (rc == JDC_OK)
        rc = decide(r, model, &terms, ss, secs);
    int builtin[JDC_BUILTIN_ABOVE_MARKET + 1] = {0};
    uint32_t bspan[2 * (JDC_BUILTIN_ABOVE_MARKET + 1)] = {0};
    if (rc == JDC_OK)
        rc = extract(r, model, text, len, toks, builtin, bspan);
    if (rc == JDC_OK)
        rc = jdc__signals_eval(r, model, &sigs, ss, builtin, bspan);
    free(terms.v);
    free(sigs.v);
    if (rc == JDC_OK && html)
        map_spans(r, html, orig, orig_len);
    free(crlf_copy);
    jdc__scratch_trim(s);
    if (rc != JDC_OK) {
        jdc_result_free(r);
        return jdc__fail(rc, "%s", jdc_strerror(rc));
    }
    *out = r;
    return JDC_OK;
}

void jdc_result_free(jdc_result *r)
{
    if (!r)
        return;
    free(r->matches);
    free(r->signals);
    free(r->contribs);
    free(r->features);
    free(r->salaries);
    free(r->currencies);
    free(r);
}

const char *jdc_result_seniority(const jdc_result *r, size_t *start,
                                 size_t *end)
{
    if (start)
        *start = r ? r->seniority_start : 0;
    if (end)
        *end = r ? r->seniority_end : 0;
    return r ? r->seniority : "unknown";
}

size_t jdc_result_salary_count(const jdc_result *r)
{
    return r ? r->nsalaries : 0;
}

const jdc_salary *jdc_result_salary(const jdc_result *r, size_t i)
{
    return r && i < r->nsalaries ? &r->salaries[i] : NULL;
}

const jdc_terms *jdc_result_terms(const jdc_result *r)
{
    return r ? &r->terms : NULL;
}

const jdc_market *jdc_result_market(const jdc_result *r)
{
    return r ? &r->market : NULL;
}

jdc_track jdc_result_label(const jdc_result *r)
{
    return r ? r->label : JDC_TRACK_OTHER;
}

double jdc_result_score(const jdc_result *r) { return r ? r->score : 0; }

double jdc_result_track_score(const jdc_result *r, jdc_track t)
{
    if (!r)
        return 0;
    double a = r->track_score[0], b = r->track_score[1];
    switch (t) {
    case JDC_TRACK_MLOPS: return a;
    case JDC_TRACK_LLMOPS: return b;
    case JDC_TRACK_HYBRID: return a < b ? a : b;
    case JDC_TRACK_OTHER: return 1.0 - (a > b ? a : b);
    default: return 0;
    }
}

size_t jdc_result_match_count(const jdc_result *r)
{
    return r ? r->nmatches : 0;
}

size_t jdc_result_match_total(const jdc_result *r)
{
    return r ? r->nmatches_total : 0;
}

const jdc_match *jdc_result_match(const jdc_result *r, size_t i)
{
    return r && i < r->nmatches ? &r->matches[i] : NULL;
}

size_t jdc_result_signal_count(const jdc_result *r)
{
    return r ? r->nsignals : 0;
}

const jdc_signal *jdc_result_signal(const jdc_result *r, size_t i)
{
    return r && i < r->nsignals ? &r->signals[i] : NULL;
}

size_t jdc_result_contribution_count(const jdc_result *r)
{
    return r ? r->ncontribs : 0;
}

const jdc_contribution *jdc_result_contribution(const jdc_result *r, size_t i)
{
    return r && i < r->ncontribs ? &r->contribs[i] : NULL;
}

size_t jdc_result_feature_count(const jdc_result *r)
{
    return r ? r->nfeatures : 0;
}

const jdc_feature *jdc_result_feature(const jdc_result *r, size_t i)
{
    return r && i < r->nfeatures ? &r->features[i] : NULL;
}

double jdc_result_probability(const jdc_result *r, jdc_track t)
{
    if (!r || (unsigned)t >= 4)
        return 0;
    if (r->learned)
        return r->prob[t];
    return t == r->label ? r->score : (1 - r->score) / 3;
}

int jdc_model_has_weights(const jdc_model *m)
{
    return m ? jdc__model_classifier(m)->has_weights : 0;
}

void jdc_free(void *p) { free(p); }
