/* jdclass CLI: --format csv/tsv rows, the --summary counts and the progress
 * bar. Uses only the public header. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"

/* ---- CSV / TSV ------------------------------------------------------------ */

static const char *const columns[] = {
    "file", "label", "score", "mlops", "llmops", "seniority",
    "salary_min", "salary_max", "currency", "period", "salaries",
    "employment", "ir35", "workmode", "region", "city",
    "market", "band_min", "band_max", "red_flags", "green_flags", NULL};

/* Length of the valid UTF-8 sequence at s[0, n), or 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len;
    unsigned cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, cp = c & 0x07;
    else
        return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    return len;
}

/* One field: CSV quotes it when needed (RFC 4180); TSV turns tabs and line
 * breaks into spaces. Invalid UTF-8 becomes U+FFFD, as in --json. */
static void field(FILE *out, int format, const char *s, int first)
{
    if (!first)
        putc(format == FORMAT_TSV ? '\t' : ',', out);
    if (!s)
        return;
    int quote = format == FORMAT_CSV && strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        putc('"', out);
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t l = utf8_len(p + i, n - i);
        if (!l) {
            fputs("\xEF\xBF\xBD", out);
            i++;
            continue;
        }
        if (l == 1) {
            unsigned char c = p[i];
            if (quote && c == '"')
                putc('"', out);
            if (format == FORMAT_TSV && (c == '\t' || c == '\n' || c == '\r'))
                c = ' ';
            putc(c, out);
        } else {
            fwrite(p + i, 1, l, out);
        }
        i += l;
    }
    if (quote)
        putc('"', out);
}

static void number(FILE *out, int format, double x, const char *fmt)
{
    char buf[64] = "";
    if (!isnan(x))
        snprintf(buf, sizeof buf, fmt, x);
    field(out, format, buf, 0);
}

/* Amounts: whole numbers without decimals, others with two. */
static void amount(FILE *out, int format, double x)
{
    number(out, format, x, !isnan(x) && x == floor(x) ? "%.0f" : "%.2f");
}

void csv_header(FILE *out, int format)
{
    for (int i = 0; columns[i]; i++)
        field(out, format, columns[i], i == 0);
    putc('\n', out);
}

static void flags(FILE *out, int format, const jdc_result *r,
                  const char *polarity)
{
    char buf[1024];
    size_t used = 0;
    buf[0] = 0;
    for (size_t i = 0; i < jdc_result_signal_count(r); i++) {
        const jdc_signal *s = jdc_result_signal(r, i);
        if (strcmp(s->polarity, polarity))
            continue;
        int w = snprintf(buf + used, sizeof buf - used, "%s%s",
                         used ? ";" : "", s->id);
        if (w < 0 || (size_t)w >= sizeof buf - used)
            break;
        used += (size_t)w;
    }
    field(out, format, buf, 0);
}

void csv_row(FILE *out, int format, const char *name, const jdc_result *r)
{
    field(out, format, name, 1);
    field(out, format, jdc_track_name(jdc_result_label(r)), 0);
    number(out, format, jdc_result_score(r), "%.4f");
    number(out, format, jdc_result_track_score(r, JDC_TRACK_MLOPS), "%.4f");
    number(out, format, jdc_result_track_score(r, JDC_TRACK_LLMOPS), "%.4f");
    field(out, format, jdc_result_seniority(r, NULL, NULL), 0);
    const jdc_salary *s = jdc_result_salary(r, 0);
    amount(out, format, s ? s->min : NAN);
    amount(out, format, s ? s->max : NAN);
    field(out, format, s && s->currency[0] ? s->currency : NULL, 0);
    field(out, format, s ? s->period : NULL, 0);
    char count[32];
    snprintf(count, sizeof count, "%zu", jdc_result_salary_count(r));
    field(out, format, count, 0);
    const jdc_terms *t = jdc_result_terms(r);
    field(out, format, t ? t->employment : NULL, 0);
    field(out, format, t ? t->ir35 : NULL, 0);
    field(out, format, t ? t->workmode : NULL, 0);
    field(out, format, t ? t->region : NULL, 0);
    field(out, format, t ? t->city : NULL, 0);
    const jdc_market *m = jdc_result_market(r);
    field(out, format, m ? m->verdict : "unknown", 0);
    amount(out, format, m ? m->band_min : NAN);
    amount(out, format, m ? m->band_max : NAN);
    flags(out, format, r, "red");
    flags(out, format, r, "green");
    putc('\n', out);
}

/* ---- --summary ------------------------------------------------------------- */

static const char *const labels[SUMMARY_LABELS] = {"mlops", "llmops",
                                                   "hybrid", "other"};
static const char *const levels[SUMMARY_LEVELS] = {"junior", "mid", "senior",
                                                   "staff", "unknown"};
static const char *const verdicts[SUMMARY_VERDICTS] = {"below", "within",
                                                       "above", "unknown"};

static unsigned char index_of(const char *const *names, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (s && !strcmp(names[i], s))
            return (unsigned char)i;
    return (unsigned char)(n - 1); /* the last is "other"/"unknown" */
}

void summary_keys(const jdc_result *r, unsigned char key[3])
{
    const jdc_market *m = jdc_result_market(r);
    key[0] = index_of(labels, SUMMARY_LABELS,
                      jdc_track_name(jdc_result_label(r)));
    key[1] = index_of(levels, SUMMARY_LEVELS,
                      jdc_result_seniority(r, NULL, NULL));
    key[2] = index_of(verdicts, SUMMARY_VERDICTS, m ? m->verdict : NULL);
}

void summary_add(summary *s, const unsigned char key[3])
{
    s->classified++;
    s->label[key[0]]++;
    s->level[key[1]]++;
    s->verdict[key[2]]++;
}

static void counts(FILE *out, const char *title, const char *const *names,
                   const size_t *v, int n)
{
    fprintf(out, "  %-10s", title);
    for (int i = 0; i < n; i++)
        fprintf(out, " %s %zu", names[i], v[i]);
    putc('\n', out);
}

void summary_print(FILE *out, const summary *s)
{
    fprintf(out, "summary: %zu classified, %zu failed", s->classified,
            s->failed);
    if (s->skipped)
        fprintf(out, ", %zu skipped", s->skipped);
    putc('\n', out);
    counts(out, "label:", labels, s->label, SUMMARY_LABELS);
    counts(out, "seniority:", levels, s->level, SUMMARY_LEVELS);
    counts(out, "market:", verdicts, s->verdict, SUMMARY_VERDICTS);
}

/* ---- progress bar ----------------------------------------------------------- */

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void progress_init(progress *pg, int enabled, size_t total)
{
    memset(pg, 0, sizeof *pg);
    pg->enabled = enabled && total > 0;
    pg->total = total;
    pg->last_ms = -1000;
}

void progress_clear(progress *pg)
{
    if (!pg->visible)
        return;
    fputs("\r\033[K", stderr);
    fflush(stderr);
    pg->visible = 0;
}

/* Draws at most every 100 ms (after output erased it, it stays away until
 * then) and not at the end: the bar is gone when the batch is done. The
 * caller has flushed stdout. */
void progress_show(progress *pg, size_t done)
{
    if (!pg->enabled)
        return;
    if (done >= pg->total) {
        progress_clear(pg);
        return;
    }
    long long t = now_ms();
    if (t - pg->last_ms < 100)
        return;
    pg->last_ms = t;
    int width = 40, fill = (int)((double)done / (double)pg->total * width);
    fprintf(stderr, "\r[%.*s%*s] %zu/%zu\033[K", fill,
            "========================================", width - fill, "",
            done, pg->total);
    fflush(stderr);
    pg->visible = 1;
}
