/* Extraction of seniority, salary and work terms, and the UK market bands.
 * Internal: the public API exposes these through jdc_result accessors. */
#ifndef JDC_EXTRACT_H
#define JDC_EXTRACT_H

#include <stddef.h>
#include <stdint.h>

#include "internal.h"

enum jdc_seniority {
    JDC_SEN_UNKNOWN = 0,
    JDC_SEN_JUNIOR,
    JDC_SEN_MID,
    JDC_SEN_SENIOR,
    JDC_SEN_STAFF
};

enum jdc_period {
    JDC_PER_NONE = 0, /* not stated */
    JDC_PER_YEAR,
    JDC_PER_MONTH,
    JDC_PER_DAY,
    JDC_PER_HOUR
};

typedef struct jdc_xsalary {
    double min, max;   /* NAN when not stated ("up to X": min NAN, max X) */
    char currency[4];  /* ISO 4217 code, "" when unknown */
    int period;        /* enum jdc_period */
    uint32_t start, end; /* byte span of the evidence in the text */
} jdc_xsalary;

enum jdc_employment { JDC_EMP_UNKNOWN = 0, JDC_EMP_PERMANENT, JDC_EMP_CONTRACT,
                      JDC_EMP_FIXED_TERM, JDC_EMP_INTERNSHIP };
enum jdc_ir35 { JDC_IR35_UNKNOWN = 0, JDC_IR35_INSIDE, JDC_IR35_OUTSIDE };
enum jdc_workmode { JDC_MODE_UNKNOWN = 0, JDC_MODE_REMOTE, JDC_MODE_HYBRID,
                    JDC_MODE_ONSITE };
enum jdc_region { JDC_REGION_UNKNOWN = 0, JDC_REGION_LONDON,
                  JDC_REGION_REST_OF_UK };

typedef struct jdc_span {
    uint32_t start, end; /* byte span; start == end when absent */
} jdc_span;

#define JDC_SALARY_MAX 8 /* ranges kept per posting; the first is the headline */

typedef struct jdc_extract {
    int seniority;           /* enum jdc_seniority */
    jdc_span seniority_span; /* the title word or the years phrase */
    jdc_xsalary salary[JDC_SALARY_MAX];
    size_t nsalary;
    int employment;          /* enum jdc_employment */
    jdc_span employment_span;
    int ir35;                /* enum jdc_ir35 */
    jdc_span ir35_span;
    int workmode;            /* enum jdc_workmode */
    jdc_span workmode_span;
    int region;              /* enum jdc_region */
    char city[32];           /* "London", "Manchester"... ("" when none) */
    jdc_span region_span;
} jdc_extract;

/* Extract from the original text. title_start/title_end: byte span of the
 * posting's title line (both 0 when there is none). Linear in len; never
 * allocates; any bytes accepted. */
JDC_HIDDEN void jdc__extract(jdc_extract *out, const char *text, size_t len,
                             uint32_t title_start, uint32_t title_end);

JDC_HIDDEN const char *jdc__seniority_name(int s); /* "junior"... "unknown" */
JDC_HIDDEN const char *jdc__period_name(int p);    /* "year"...; NULL: none */
JDC_HIDDEN const char *jdc__employment_name(int e); /* "permanent"...; NULL */
JDC_HIDDEN const char *jdc__ir35_name(int v);       /* "inside"/"outside"; NULL */
JDC_HIDDEN const char *jdc__workmode_name(int v);   /* "remote"...; NULL */
JDC_HIDDEN const char *jdc__region_name(int v);     /* "london"/"rest-of-uk"; NULL */

/* ---- market bands (models/NAME.bands) ---------------------------------------- */

typedef struct jdc_band {
    int track;     /* JDC_TRACK_MLOPS or JDC_TRACK_LLMOPS (from jdclass.h) */
    int seniority; /* enum jdc_seniority (junior, mid, senior, staff) */
    int region;    /* JDC_REGION_LONDON or JDC_REGION_REST_OF_UK;
                      JDC_REGION_UNKNOWN: the whole UK ("uk" in the file) */
    int period;    /* JDC_PER_YEAR or JDC_PER_DAY */
    int ir35;      /* for day rates: inside/outside; JDC_IR35_UNKNOWN: any */
    double min, max; /* GBP */
    char source[48]; /* the seed file the row comes from */
} jdc_band;

typedef struct jdc_bands {
    jdc_band *v;
    size_t n, cap;
} jdc_bands;

/* Parse one *.bands file (format in models/README.md), appending rows.
 * On a malformed line returns JDC_EFORMAT with jdc__fail("name:line: reason");
 * JDC_ENOMEM on allocation failure. */
JDC_HIDDEN int jdc__bands_parse(jdc_bands *out, const char *name,
                                const char *data, size_t len);
JDC_HIDDEN void jdc__bands_free(jdc_bands *b);

enum jdc_verdict { JDC_MARKET_UNKNOWN = 0, JDC_MARKET_BELOW, JDC_MARKET_WITHIN,
                   JDC_MARKET_ABOVE };

typedef struct jdc_xmarket {
    int verdict;        /* enum jdc_verdict */
    double band_min, band_max;
    const char *source; /* borrowed from the band; NULL when unknown */
    const char *missing; /* when unknown: "salary", "currency", "seniority",
                            "track", "band"... (static string) */
} jdc_xmarket;

/* Compare the headline salary with the band for the track (JDC_TRACK_*),
 * seniority and region (unknown region: London bands, with the seeds' rule
 * that outside London pay is 15-25% lower applied to rest-of-UK when the
 * table has no regional row). */
JDC_HIDDEN void jdc__market_compare(jdc_xmarket *out, const jdc_bands *b,
                                    const jdc_extract *x, int track);
JDC_HIDDEN const char *jdc__verdict_name(int v); /* "below"/"within"/"above"/"unknown" */

#endif
