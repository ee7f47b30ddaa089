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
            size_t need = 0;
            uint32_t cp = 0;
            if (c >= 0xC2 && c <= 0xDF)
                need = 2, cp = c & 0x1F;
            else if (c >= 0xE0 && c <= 0xEF)
                need = 3, cp = c & 0x0F;
            else if (c >= 0xF0 && c <= 0xF4)
                need = 4, cp = c & 0x07;
            int ok = need && i + need <= n;
            for (size_t k = 1; ok && k < need; k++) {
                if ((s[i + k] & 0xC0) != 0x80)
                    ok = 0;
                else
                    cp = cp << 6 | (s[i + k] & 0x3F);
            }
            if (ok && ((need == 3 && cp < 0x800) ||
                       (need == 4 && cp < 0x10000) || cp > 0x10FFFF ||
                       (cp >= 0xD800 && cp <= 0xDFFF)))
                ok = 0;
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

char *jdc_result_json(const jdc_result *r, const char *file)
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
    jdc__buf_puts(&b, "],\"signals\":[");
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
    jdc__buf_puts(&b, "]}");
    if (b.oom) {
        jdc__buf_free(&b);
        jdc__fail(JDC_ENOMEM, "out of memory");
        return NULL;
    }
    return b.data;
}
