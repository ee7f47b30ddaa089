/* Fuzz harness: the extractor (seniority, salary, work terms) and the
 * market bands, called directly through the library's internal entry points
 * (lib/extract.h; the harness links jdclass_objects).
 *
 * Input: the first byte is the mode, the rest the text.
 *  - bit 7 clear: jdc__extract(text). Bit 0 set: the first line is the
 *    title (as the tokeniser would say); bit 1 set: the title span is taken
 *    from bytes 1-2 (start) and 3-4 (end), possibly out of range or
 *    reversed, which jdc__extract must clamp. Then jdc__market_compare with
 *    the default model's bands, for every track.
 *  - bit 7 set: jdc__bands_parse(text) (a *.bands file); when it parses,
 *    the market compare of a fixed salary with the parsed bands.
 *
 * Invariants (abort() when violated): at most JDC_SALARY_MAX salaries;
 * every span within the text, start <= end; enums in range and their names
 * known; currencies 0-3 upper-case letters; amounts NAN or finite and >= 0,
 * min <= max; the city NUL-terminated; verdicts known, with `missing` set
 * exactly when unknown; a band file that fails leaves nothing behind and
 * says why. jdc__extract must never read outside [text, text + len) (the
 * libFuzzer buffer is exactly sized; ASan catches an over-read).
 *
 * Built as a libFuzzer target (JDCLASS_FUZZ=ON) and as a replay program
 * (replay.c) that ctest runs over tests/fuzz/corpus/extract. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "fuzz_util.h"

static void check_span(jdc_span sp, size_t len, const char *what)
{
    FUZZ_CHECK(sp.start <= sp.end && sp.end <= len, "%s span %u-%u of %zu",
               what, sp.start, sp.end, len);
}

static void check_market(const jdc_xmarket *mk)
{
    FUZZ_CHECK(mk->verdict >= JDC_MARKET_UNKNOWN &&
                   mk->verdict <= JDC_MARKET_ABOVE,
               "verdict %d", mk->verdict);
    FUZZ_CHECK(jdc__verdict_name(mk->verdict) != NULL, "verdict name");
    if (mk->verdict == JDC_MARKET_UNKNOWN) {
        FUZZ_CHECK(mk->missing && mk->missing[0], "unknown without missing");
    } else {
        FUZZ_CHECK(isfinite(mk->band_min) && isfinite(mk->band_max) &&
                       mk->band_min <= mk->band_max,
                   "band %g-%g", mk->band_min, mk->band_max);
        FUZZ_CHECK(mk->source, "band without source");
    }
}

static void check_extract(const jdc_extract *x, size_t len)
{
    FUZZ_CHECK(x->seniority >= JDC_SEN_UNKNOWN && x->seniority <= JDC_SEN_STAFF,
               "seniority %d", x->seniority);
    FUZZ_CHECK(jdc__seniority_name(x->seniority), "seniority name");
    check_span(x->seniority_span, len, "seniority");
    FUZZ_CHECK(x->nsalary <= JDC_SALARY_MAX, "nsalary %zu", x->nsalary);
    for (size_t i = 0; i < x->nsalary; i++) {
        const jdc_xsalary *s = &x->salary[i];
        FUZZ_CHECK(s->start <= s->end && s->end <= len,
                   "salary %zu span %u-%u of %zu", i, s->start, s->end, len);
        FUZZ_CHECK(memchr(s->currency, '\0', sizeof s->currency),
                   "currency not terminated");
        for (const char *c = s->currency; *c; c++)
            FUZZ_CHECK(*c >= 'A' && *c <= 'Z', "currency '%s'", s->currency);
        FUZZ_CHECK(s->period >= JDC_PER_NONE && s->period <= JDC_PER_HOUR,
                   "period %d", s->period);
        FUZZ_CHECK(isnan(s->min) || (isfinite(s->min) && s->min >= 0),
                   "min %g", s->min);
        FUZZ_CHECK(isnan(s->max) || (isfinite(s->max) && s->max >= 0),
                   "max %g", s->max);
        FUZZ_CHECK(!isnan(s->min) || !isnan(s->max), "salary with no figure");
        if (!isnan(s->min) && !isnan(s->max))
            FUZZ_CHECK(s->min <= s->max, "min %g > max %g", s->min, s->max);
    }
    FUZZ_CHECK(x->employment >= JDC_EMP_UNKNOWN &&
                   x->employment <= JDC_EMP_INTERNSHIP,
               "employment %d", x->employment);
    check_span(x->employment_span, len, "employment");
    FUZZ_CHECK(x->ir35 >= JDC_IR35_UNKNOWN && x->ir35 <= JDC_IR35_OUTSIDE,
               "ir35");
    check_span(x->ir35_span, len, "ir35");
    FUZZ_CHECK(x->workmode >= JDC_MODE_UNKNOWN &&
                   x->workmode <= JDC_MODE_ONSITE,
               "workmode");
    check_span(x->workmode_span, len, "workmode");
    FUZZ_CHECK(x->region >= JDC_REGION_UNKNOWN &&
                   x->region <= JDC_REGION_REST_OF_UK,
               "region");
    check_span(x->region_span, len, "region");
    FUZZ_CHECK(memchr(x->city, '\0', sizeof x->city), "city not terminated");
    (void)jdc__employment_name(x->employment);
    (void)jdc__ir35_name(x->ir35);
    (void)jdc__workmode_name(x->workmode);
    (void)jdc__region_name(x->region);
}

static const jdc_bands *default_bands(void)
{
    static const jdc_bands *b;
    if (!b) {
        const jdc_model *m = jdc_model_default();
        FUZZ_CHECK(m, "no default model: %s", jdc_error_last());
        b = jdc__model_bands(m);
    }
    return b;
}

static void fuzz_bands(const char *text, size_t len)
{
    jdc_bands b = {0};
    int rc = jdc__bands_parse(&b, "fuzz.bands", text, len);
    if (rc != JDC_OK) {
        FUZZ_CHECK(rc == JDC_EFORMAT || rc == JDC_ENOMEM, "status %d", rc);
        FUZZ_CHECK(b.n == 0, "failed parse kept %zu rows", b.n);
        FUZZ_CHECK(jdc_error_last()[0], "no error message");
        jdc__bands_free(&b);
        return;
    }
    for (size_t i = 0; i < b.n; i++) {
        const jdc_band *r = &b.v[i];
        FUZZ_CHECK(isfinite(r->min) && isfinite(r->max) && r->min > 0 &&
                       r->min <= r->max,
                   "band row %zu: %g-%g", i, r->min, r->max);
        FUZZ_CHECK(memchr(r->source, '\0', sizeof r->source),
                   "source not terminated");
    }
    static const char *const texts[] = {
        "# Senior MLOps Engineer\nLondon. \xc2\xa3" "120,000 per annum.",
        "# Junior LLMOps Engineer\nManchester. \xc2\xa3" "40k - \xc2\xa3"
        "55k.",
        "# Staff ML Engineer\nContract, outside IR35, \xc2\xa3" "800 per day.",
        "# Mid-level MLOps Engineer\nLeeds, hybrid. Up to \xc2\xa3" "90,000.",
    };
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        jdc_extract x;
        size_t tl = strlen(texts[k]);
        const char *nl = strchr(texts[k], '\n');
        jdc__extract(&x, texts[k], tl, 0, (uint32_t)(nl - texts[k]));
        for (int track = JDC_TRACK_OTHER; track <= JDC_TRACK_HYBRID; track++) {
            jdc_xmarket mk;
            jdc__market_compare(&mk, &b, &x, track);
            check_market(&mk);
        }
    }
    jdc__bands_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned mode = data[0];
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    if (mode & 0x80) {
        fuzz_bands(text, len);
        return 0;
    }
    uint32_t ts = 0, te = 0;
    if (mode & 2) {
        if (len >= 4) {
            ts = (uint32_t)data[1] | (uint32_t)data[2] << 8;
            te = (uint32_t)data[3] | (uint32_t)data[4] << 8;
        }
    } else if (mode & 1) {
        const char *nl = memchr(text, '\n', len);
        te = (uint32_t)(nl ? (size_t)(nl - text) : len);
    }
    jdc_extract x;
    jdc__extract(&x, text, len, ts, te);
    check_extract(&x, len);
    for (int track = JDC_TRACK_OTHER; track <= JDC_TRACK_HYBRID; track++) {
        jdc_xmarket mk;
        jdc__market_compare(&mk, default_bands(), &x, track);
        check_market(&mk);
    }
    return 0;
}
