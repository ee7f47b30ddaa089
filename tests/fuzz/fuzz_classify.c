/* Fuzz harness: classification through the public API.
 *
 * Input: the first byte chooses the flags (bit 0 JDC_FLAG_NO_TITLE, bit 1
 * JDC_FLAG_HTML, bit 2 JDC_FLAG_HTML_AUTO; the other bits are ignored), the
 * rest is the posting. The posting is classified with the built-in model,
 * every accessor is called and checked, the result is rendered as JSON with
 * and without a `file` name and the JSON is validated; a second
 * classification of the same bytes (warm per-thread memo) must render the
 * same JSON, and the limit path must refuse the input when it is one byte
 * too large.
 *
 * Invariants (abort() when violated):
 *  - jdc_classify succeeds for any bytes;
 *  - every span (matches, signals, seniority, salaries) lies in the input,
 *    start <= end (start < end for matches);
 *  - scores and track scores are finite and in [0, 1]; the label, tracks,
 *    layers, sections, polarities and term fields are known values;
 *  - matches are ordered by start; out-of-range accessors return NULL;
 *  - the JSON is one line of valid JSON (strict grammar, valid UTF-8) and
 *    is deterministic.
 *
 * Built as a libFuzzer target (JDCLASS_FUZZ=ON) and as a replay program
 * (replay.c) that ctest runs over tests/fuzz/corpus/classify. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jdclass.h>

#include "fuzz_util.h"

static const char *const k_tracks[] = {"mlops", "llmops", "ml", "shared",
                                       "other", NULL};
static const char *const k_sections[] = {
    "title", "intro", "company", "duties", "requirements", "nice-to-have",
    "benefits", NULL};
static const char *const k_polarity[] = {"red", "green", NULL};
static const char *const k_seniority[] = {"junior", "mid", "senior", "staff",
                                          "unknown", NULL};
static const char *const k_period[] = {"year", "month", "day", "hour", NULL};
static const char *const k_employment[] = {"permanent", "contract",
                                           "fixed-term", "internship", NULL};
static const char *const k_ir35[] = {"inside", "outside", NULL};
static const char *const k_workmode[] = {"remote", "hybrid", "on-site", NULL};
static const char *const k_region[] = {"london", "rest-of-uk", NULL};
static const char *const k_verdict[] = {"below", "within", "above", "unknown",
                                        NULL};
static const char *const k_missing[] = {"salary", "currency", "seniority",
                                        "track", "band", NULL};

static int opt_in(const char *s, const char *const *list)
{
    return s == NULL || fuzz_one_of(s, list);
}

static void check_result(const jdc_result *r, size_t len)
{
    jdc_track label = jdc_result_label(r);
    FUZZ_CHECK(label >= JDC_TRACK_OTHER && label <= JDC_TRACK_HYBRID,
               "label %d", (int)label);
    FUZZ_CHECK(strcmp(jdc_track_name(label), "unknown"), "label name");
    FUZZ_CHECK(fuzz_in(jdc_result_score(r), 0, 1), "score %g",
               jdc_result_score(r));
    for (int t = JDC_TRACK_OTHER; t <= JDC_TRACK_HYBRID; t++)
        FUZZ_CHECK(fuzz_in(jdc_result_track_score(r, (jdc_track)t), 0, 1),
                   "track %d score %g", t,
                   jdc_result_track_score(r, (jdc_track)t));
    FUZZ_CHECK(jdc_result_track_score(r, (jdc_track)42) == 0, "bad track");

    size_t nm = jdc_result_match_count(r);
    size_t prev = 0;
    for (size_t i = 0; i < nm; i++) {
        const jdc_match *m = jdc_result_match(r, i);
        FUZZ_CHECK(m, "match %zu NULL", i);
        FUZZ_CHECK(m->term && m->term[0], "match %zu term", i);
        FUZZ_CHECK(fuzz_one_of(m->track, k_tracks), "match %zu track", i);
        FUZZ_CHECK(m->layer, "match %zu layer", i);
        FUZZ_CHECK(fuzz_one_of(m->section, k_sections), "match %zu section",
                   i);
        FUZZ_CHECK(m->start < m->end && m->end <= len,
                   "match %zu span %zu-%zu of %zu", i, m->start, m->end, len);
        FUZZ_CHECK(m->start >= prev, "match %zu out of order", i);
        prev = m->start;
        FUZZ_CHECK(fuzz_in(m->weight, 0, 10), "match %zu weight %g", i,
                   m->weight);
        FUZZ_CHECK(m->in_title == 0 || m->in_title == 1, "in_title");
        FUZZ_CHECK(m->negated == 0 || m->negated == 1, "negated");
        FUZZ_CHECK(m->in_title == !strcmp(m->section, "title"),
                   "match %zu title/section disagree", i);
    }
    FUZZ_CHECK(jdc_result_match(r, nm) == NULL, "match past the end");

    size_t ns = jdc_result_signal_count(r);
    for (size_t i = 0; i < ns; i++) {
        const jdc_signal *s = jdc_result_signal(r, i);
        FUZZ_CHECK(s && s->id && s->id[0] && s->message, "signal %zu", i);
        FUZZ_CHECK(fuzz_one_of(s->polarity, k_polarity), "signal polarity");
        FUZZ_CHECK(s->start <= s->end && s->end <= len,
                   "signal %s span %zu-%zu of %zu", s->id, s->start, s->end,
                   len);
    }
    FUZZ_CHECK(jdc_result_signal(r, ns) == NULL, "signal past the end");

    size_t nc = jdc_result_contribution_count(r);
    for (size_t i = 0; i < nc; i++) {
        const jdc_contribution *c = jdc_result_contribution(r, i);
        FUZZ_CHECK(c && c->term && fuzz_one_of(c->track, k_tracks),
                   "contribution %zu", i);
        FUZZ_CHECK(fuzz_in(c->weight, 0, 10), "contribution weight");
        FUZZ_CHECK(isfinite(c->section_factor) && c->section_factor >= 0,
                   "section factor %g", c->section_factor);
        FUZZ_CHECK(isfinite(c->evidence) && c->evidence >= 0,
                   "evidence %g", c->evidence);
        FUZZ_CHECK(c->in_title == 0 || c->in_title == 1, "in_title");
    }
    FUZZ_CHECK(jdc_result_contribution(r, nc) == NULL, "contribution end");

    size_t a = 1, b = 1;
    const char *sen = jdc_result_seniority(r, &a, &b);
    FUZZ_CHECK(fuzz_one_of(sen, k_seniority), "seniority");
    FUZZ_CHECK(a <= b && b <= len, "seniority span %zu-%zu of %zu", a, b,
               len);
    if (!strcmp(sen, "unknown"))
        FUZZ_CHECK(a == 0 && b == 0, "unknown seniority with a span");
    FUZZ_CHECK(jdc_result_seniority(r, NULL, NULL) == sen, "seniority");

    size_t nsal = jdc_result_salary_count(r);
    for (size_t i = 0; i < nsal; i++) {
        const jdc_salary *s = jdc_result_salary(r, i);
        FUZZ_CHECK(s && s->currency && strlen(s->currency) <= 3,
                   "salary %zu currency", i);
        FUZZ_CHECK(opt_in(s->period, k_period), "salary period");
        FUZZ_CHECK(s->start <= s->end && s->end <= len,
                   "salary %zu span %zu-%zu of %zu", i, s->start, s->end,
                   len);
        FUZZ_CHECK(isnan(s->min) || (isfinite(s->min) && s->min >= 0),
                   "salary min %g", s->min);
        FUZZ_CHECK(isnan(s->max) || (isfinite(s->max) && s->max >= 0),
                   "salary max %g", s->max);
        FUZZ_CHECK(!isnan(s->min) || !isnan(s->max), "salary with no figure");
        if (!isnan(s->min) && !isnan(s->max))
            FUZZ_CHECK(s->min <= s->max, "salary %g > %g", s->min, s->max);
    }
    FUZZ_CHECK(jdc_result_salary(r, nsal) == NULL, "salary past the end");

    const jdc_terms *t = jdc_result_terms(r);
    FUZZ_CHECK(t, "terms NULL");
    FUZZ_CHECK(opt_in(t->employment, k_employment), "employment");
    FUZZ_CHECK(opt_in(t->ir35, k_ir35), "ir35");
    FUZZ_CHECK(opt_in(t->workmode, k_workmode), "workmode");
    FUZZ_CHECK(opt_in(t->region, k_region), "region");
    FUZZ_CHECK(!t->city || (t->city[0] && strlen(t->city) < 32), "city");

    const jdc_market *mk = jdc_result_market(r);
    FUZZ_CHECK(mk && fuzz_one_of(mk->verdict, k_verdict), "market verdict");
    if (!strcmp(mk->verdict, "unknown")) {
        FUZZ_CHECK(isnan(mk->band_min) && isnan(mk->band_max), "band");
        FUZZ_CHECK(fuzz_one_of(mk->missing, k_missing), "market missing");
    } else {
        FUZZ_CHECK(isfinite(mk->band_min) && isfinite(mk->band_max) &&
                       mk->band_min <= mk->band_max,
                   "band %g-%g", mk->band_min, mk->band_max);
        FUZZ_CHECK(mk->missing == NULL, "missing with a verdict");
        FUZZ_CHECK(nsal > 0, "verdict without a salary");
    }
}

static char *render(const jdc_result *r, const char *file)
{
    char *js = jdc_result_json(r, file);
    FUZZ_CHECK(js, "jdc_result_json returned NULL");
    size_t where = 0;
    FUZZ_CHECK(fuzz_json_valid(js, &where), "invalid JSON at byte %zu: %s",
               where, js);
    return js;
}

static const jdc_model *model(void)
{
    static const jdc_model *m;
    if (!m) {
        m = jdc_model_default();
        FUZZ_CHECK(m, "no default model: %s", jdc_error_last());
    }
    return m;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned flags = 0;
    if (size) {
        flags = data[0] & (JDC_FLAG_NO_TITLE | JDC_FLAG_HTML |
                           JDC_FLAG_HTML_AUTO);
        data++;
        size--;
    }
    const char *text = (const char *)data;
    const jdc_model *m = model();

    jdc_result *r = NULL;
    int rc = jdc_classify(&r, m, text, size, flags);
    FUZZ_CHECK(rc == JDC_OK && r, "jdc_classify: %d %s", rc,
               jdc_error_last());
    check_result(r, size);

    char *js = render(r, NULL);
    FUZZ_CHECK(!strncmp(js, "{\"label\":\"", 10), "JSON starts %.20s", js);
    /* a file name made of the input's first bytes: any bytes must give
     * valid JSON (invalid UTF-8 becomes U+FFFD) */
    char file[33];
    size_t fl = size < 32 ? size : 32;
    memcpy(file, text, fl);
    file[fl] = '\0';
    free(render(r, file));

    /* same bytes again: the per-thread memo is warm now; the result must
     * not depend on it */
    jdc_result *r2 = NULL;
    rc = jdc_classify_ex(&r2, m, text, size, flags, size ? size : 1);
    FUZZ_CHECK(rc == JDC_OK && r2, "second jdc_classify: %d", rc);
    char *js2 = render(r2, NULL);
    FUZZ_CHECK(!strcmp(js, js2), "results differ between two calls:\n%s\n%s",
               js, js2);
    jdc_free(js2);
    jdc_result_free(r2);
    jdc_free(js);
    jdc_result_free(r);

    /* the limit: one byte too many is refused before any work */
    if (size) {
        jdc_result *r3 = (jdc_result *)1;
        rc = jdc_classify_ex(&r3, m, text, size, flags, size - 1 ? size - 1
                                                                  : 0);
        if (size - 1)
            FUZZ_CHECK(rc == JDC_ETOOBIG && r3 == NULL, "limit: %d", rc);
        else if (rc == JDC_OK)
            jdc_result_free(r3);
    }
    return 0;
}
