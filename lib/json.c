/* JSON rendering of a result: one line, valid JSON for any input. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* Append s as a JSON string. Invalid UTF-8 becomes U+FFFD; control
 * characters are escaped. */
static void put_string(jdc_buf *b, const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    jdc__buf_putc(b, '"');
    size_t i = 0, n = strlen(str);
    while (i < n) {
        unsigned c = s[i];
        if (c == '"' || c == '\\') {
            jdc__buf_putc(b, '\\');
            jdc__buf_putc(b, (char)c);
            i++;
        } else if (c < 0x20 || c == 0x7f) {
            switch (c) {
            case '\n': jdc__buf_puts(b, "\\n"); break;
            case '\t': jdc__buf_puts(b, "\\t"); break;
            case '\r': jdc__buf_puts(b, "\\r"); break;
            default: jdc__buf_printf(b, "\\u%04x", c);
            }
            i++;
        } else if (c < 0x80) {
            jdc__buf_putc(b, (char)c);
            i++;
        } else {
            uint32_t cp;
            size_t need = jdc__utf8_next(s + i, n - i, &cp);
            int ok = need != 0;
            if (ok) {
                jdc__buf_put(b, (const char *)s + i, need);
                i += need;
            } else {
                jdc__buf_puts(b, "\xEF\xBF\xBD");
                i++;
            }
        }
    }
    jdc__buf_putc(b, '"');
}

static void put_number(jdc_buf *b, double x);
#define put_number_raw put_number

static void put_opt_string(jdc_buf *b, const char *s)
{
    if (s)
        put_string(b, s);
    else
        jdc__buf_puts(b, "null");
}

/* A salary figure: integral amounts without decimals; NAN is null. */
static void put_amount(jdc_buf *b, double x)
{
    if (!isfinite(x)) {
        jdc__buf_puts(b, "null");
        return;
    }
    if (x == floor(x) && fabs(x) < 1e15) {
        jdc__buf_printf(b, "%.0f", x);
        return;
    }
    put_number_raw(b, x);
}

static void put_number(jdc_buf *b, double x)
{
    if (!isfinite(x))
        x = 0;
    /* "%.4f" writes LC_NUMERIC's decimal separator (',' under de_DE, even
     * multi-byte in some locales); JSON needs '.'. Keep the digits and put
     * a '.' for whatever separates them. */
    char tmp[64], out[64];
    snprintf(tmp, sizeof tmp, "%.4f", x);
    size_t k = 0;
    int sep = 0;
    for (const char *p = tmp; *p && k + 1 < sizeof out; p++) {
        if ((*p >= '0' && *p <= '9') || (*p == '-' && k == 0)) {
            out[k++] = *p;
            sep = 0;
        } else if (!sep) {
            out[k++] = '.';
            sep = 1;
        }
    }
    out[k] = '\0';
    jdc__buf_puts(b, out);
}

/* A salary object; all fields null when sl is NULL (none stated). */
static void put_salary(jdc_buf *b, const jdc_salary *sl)
{
    if (!sl) {
        jdc__buf_puts(b, "{\"min\":null,\"max\":null,\"currency\":null,"
                         "\"period\":null,\"start\":null,\"end\":null}");
        return;
    }
    jdc__buf_puts(b, "{\"min\":");
    put_amount(b, sl->min);
    jdc__buf_puts(b, ",\"max\":");
    put_amount(b, sl->max);
    jdc__buf_puts(b, ",\"currency\":");
    put_opt_string(b, sl->currency[0] ? sl->currency : NULL);
    jdc__buf_puts(b, ",\"period\":");
    put_opt_string(b, sl->period);
    jdc__buf_printf(b, ",\"start\":%zu,\"end\":%zu}", sl->start, sl->end);
}

char *jdc_result_json(const jdc_result *r, const char *file)
{
    return jdc_result_json_ex(r, file, 0);
}

size_t jdc_result_feature_order(const jdc_result *r, size_t *order)
{
    if (!r || !order)
        return 0;
    size_t n = 0;
    for (size_t i = 0; i < r->nfeatures; i++)
        order[n++] = i;
    /* a plain insertion sort: thread-safe, and n is about a hundred */
    for (size_t a = 1; a < n; a++) {
        size_t v = order[a], k = a;
        double cv = fabs(r->features[v].contribution[r->label]);
        while (k > 0) {
            double cp = fabs(r->features[order[k - 1]].contribution[r->label]);
            if (cp >= cv)
                break;
            order[k] = order[k - 1];
            k--;
        }
        order[k] = v;
    }
    return n;
}

static void put_explain(jdc_buf *b, const jdc_result *r)
{
    static const char *cls[4] = {"other", "mlops", "llmops", "hybrid"};
    jdc__buf_puts(b, ",\"contributions\":{\"terms\":[");
    for (size_t i = 0; i < r->ncontribs; i++) {
        const jdc_contribution *c = &r->contribs[i];
        if (i)
            jdc__buf_putc(b, ',');
        jdc__buf_puts(b, "{\"term\":");
        put_string(b, c->term);
        jdc__buf_puts(b, ",\"track\":");
        put_string(b, c->track);
        jdc__buf_puts(b, ",\"weight\":");
        put_number(b, c->weight);
        jdc__buf_printf(b, ",\"title\":%s,\"count\":%u,\"section_factor\":",
                        c->in_title ? "true" : "false", c->count);
        put_number(b, c->section_factor);
        jdc__buf_puts(b, ",\"evidence\":");
        put_number(b, c->evidence);
        jdc__buf_putc(b, '}');
    }
    jdc__buf_puts(b, "],\"features\":[");
    size_t order[1024];
    size_t n = r->nfeatures <= 1024 ? jdc_result_feature_order(r, order) : 0;
    for (size_t k = 0; k < n; k++) {
        const jdc_feature *f = &r->features[order[k]];
        if (k)
            jdc__buf_putc(b, ',');
        jdc__buf_puts(b, "{\"name\":");
        put_string(b, f->name);
        jdc__buf_puts(b, ",\"value\":");
        put_number(b, f->value);
        for (int c = 0; c < 4; c++) {
            jdc__buf_printf(b, ",\"%s\":", cls[c]);
            put_number(b, f->contribution[c]);
        }
        jdc__buf_putc(b, '}');
    }
    jdc__buf_puts(b, "]}");
}

char *jdc_result_json_ex(const jdc_result *r, const char *file,
                         unsigned flags)
{
    if (!r)
        return NULL;
    jdc_buf b = {0};
    jdc__buf_putc(&b, '{');
    if (file) {
        jdc__buf_puts(&b, "\"file\":");
        put_string(&b, file);
        jdc__buf_putc(&b, ',');
    }
    jdc__buf_puts(&b, "\"label\":");
    put_string(&b, jdc_track_name(r->label));
    jdc__buf_puts(&b, ",\"score\":");
    put_number(&b, r->score);
    jdc__buf_puts(&b, ",\"scores\":{\"mlops\":");
    put_number(&b, r->track_score[0]);
    jdc__buf_puts(&b, ",\"llmops\":");
    put_number(&b, r->track_score[1]);
    jdc__buf_puts(&b, "},\"probabilities\":{\"other\":");
    put_number(&b, jdc_result_probability(r, JDC_TRACK_OTHER));
    jdc__buf_puts(&b, ",\"mlops\":");
    put_number(&b, jdc_result_probability(r, JDC_TRACK_MLOPS));
    jdc__buf_puts(&b, ",\"llmops\":");
    put_number(&b, jdc_result_probability(r, JDC_TRACK_LLMOPS));
    jdc__buf_puts(&b, ",\"hybrid\":");
    put_number(&b, jdc_result_probability(r, JDC_TRACK_HYBRID));
    jdc__buf_puts(&b, "},\"model\":{\"name\":");
    put_string(&b, jdc_model_name(r->model));
    jdc__buf_puts(&b, ",\"version\":");
    put_string(&b, jdc_model_version(r->model));
    jdc__buf_puts(&b, "},\"matches\":[");
    for (size_t i = 0; i < r->nmatches; i++) {
        const jdc_match *m = &r->matches[i];
        if (i)
            jdc__buf_putc(&b, ',');
        jdc__buf_puts(&b, "{\"term\":");
        put_string(&b, m->term);
        jdc__buf_puts(&b, ",\"track\":");
        put_string(&b, m->track);
        jdc__buf_puts(&b, ",\"layer\":");
        put_string(&b, m->layer);
        jdc__buf_puts(&b, ",\"section\":");
        put_string(&b, m->section);
        jdc__buf_printf(&b,
                        ",\"start\":%zu,\"end\":%zu,\"title\":%s,"
                        "\"negated\":%s}",
                        m->start, m->end, m->in_title ? "true" : "false",
                        m->negated ? "true" : "false");
    }
    jdc__buf_putc(&b, ']');
    if (r->nmatches_total > r->nmatches) /* only when the cap was reached */
        jdc__buf_printf(&b, ",\"matches_omitted\":%zu",
                        r->nmatches_total - r->nmatches);
    jdc__buf_puts(&b, ",\"signals\":[");
    for (size_t i = 0; i < r->nsignals; i++) {
        const jdc_signal *sg = &r->signals[i];
        if (i)
            jdc__buf_putc(&b, ',');
        jdc__buf_puts(&b, "{\"id\":");
        put_string(&b, sg->id);
        jdc__buf_puts(&b, ",\"polarity\":");
        put_string(&b, sg->polarity);
        jdc__buf_puts(&b, ",\"message\":");
        put_string(&b, sg->message);
        jdc__buf_printf(&b, ",\"start\":%zu,\"end\":%zu}", sg->start,
                        sg->end);
    }
    jdc__buf_puts(&b, "],\"seniority\":{\"level\":");
    size_t ss, se;
    const char *level = jdc_result_seniority(r, &ss, &se);
    put_string(&b, level);
    if (strcmp(level, "unknown"))
        jdc__buf_printf(&b, ",\"start\":%zu,\"end\":%zu}", ss, se);
    else
        jdc__buf_puts(&b, ",\"start\":null,\"end\":null}");
    jdc__buf_puts(&b, ",\"salary\":");
    put_salary(&b, r->nsalaries ? &r->salaries[0] : NULL);
    jdc__buf_puts(&b, ",\"salaries\":[");
    for (size_t i = 0; i < r->nsalaries; i++) {
        if (i)
            jdc__buf_putc(&b, ',');
        put_salary(&b, &r->salaries[i]);
    }
    jdc__buf_puts(&b, "],\"terms\":{\"employment\":");
    put_opt_string(&b, r->terms.employment);
    jdc__buf_puts(&b, ",\"ir35\":");
    put_opt_string(&b, r->terms.ir35);
    jdc__buf_puts(&b, ",\"workmode\":");
    put_opt_string(&b, r->terms.workmode);
    jdc__buf_puts(&b, ",\"region\":");
    put_opt_string(&b, r->terms.region);
    jdc__buf_puts(&b, ",\"city\":");
    put_opt_string(&b, r->terms.city);
    jdc__buf_puts(&b, "},\"market\":{\"band_min\":");
    put_amount(&b, r->market.band_min);
    jdc__buf_puts(&b, ",\"band_max\":");
    put_amount(&b, r->market.band_max);
    jdc__buf_puts(&b, ",\"verdict\":");
    put_string(&b, r->market.verdict);
    jdc__buf_puts(&b, ",\"source\":");
    put_opt_string(&b, r->market.source);
    jdc__buf_puts(&b, ",\"missing\":");
    put_opt_string(&b, r->market.missing);
    jdc__buf_putc(&b, '}');
    if (flags & JDC_JSON_EXPLAIN)
        put_explain(&b, r);
    jdc__buf_putc(&b, '}');
    if (b.oom) {
        jdc__buf_free(&b);
        jdc__fail(JDC_ENOMEM, "out of memory");
        return NULL;
    }
    return b.data;
}
