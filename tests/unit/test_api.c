/* Unit tests of the public API (include/jdclass.h) only, linked against the
 * shared library: versions, error codes, NULL handling, argument checks,
 * JSON output, and the thread rule. */
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jdclass.h"
#include "unit.h"

/* ---- versions and error codes ------------------------------------------------ */

START_TEST(versions_agree)
{
    ck_assert_int_eq(JDC_VERSION_NUMBER, jdc_version_number());
    ck_assert_str_eq(JDC_VERSION_STRING, jdc_version());
    char buf[32];
    snprintf(buf, sizeof buf, "%d.%d.%d", JDC_VERSION_MAJOR, JDC_VERSION_MINOR,
             JDC_VERSION_PATCH);
    ck_assert_str_eq(buf, jdc_version());
    ck_assert_int_eq(jdc_version_number(), JDC_VERSION_MAJOR * 10000 +
                                               JDC_VERSION_MINOR * 100 +
                                               JDC_VERSION_PATCH);
}
END_TEST

START_TEST(strerror_codes)
{
    static const int codes[] = {JDC_OK,     JDC_ERROR,   JDC_ENOMEM,
                                JDC_EIO,    JDC_EFORMAT, JDC_ESTEMMER,
                                JDC_EINVAL, JDC_ETOOBIG};
    const size_t n = sizeof codes / sizeof *codes;
    const char *unknown = jdc_strerror(1);
    ck_assert_str_eq(unknown, "unknown error");
    for (size_t i = 0; i < n; i++) {
        const char *s = jdc_strerror(codes[i]);
        ck_assert_ptr_nonnull(s);
        ck_assert_uint_gt(strlen(s), 0);
        ck_assert_msg(strcmp(s, unknown) != 0, "code %d has no message",
                      codes[i]);
        for (size_t j = 0; j < i; j++)
            ck_assert_msg(strcmp(s, jdc_strerror(codes[j])) != 0,
                          "codes %d and %d share '%s'", codes[i], codes[j], s);
        ck_assert_ptr_eq(jdc_strerror(codes[i]), s); /* static */
    }
    /* the stable values */
    ck_assert_int_eq(JDC_OK, 0);
    ck_assert_int_eq(JDC_ERROR, -1);
    ck_assert_int_eq(JDC_ENOMEM, -2);
    ck_assert_int_eq(JDC_EIO, -3);
    ck_assert_int_eq(JDC_EFORMAT, -4);
    ck_assert_int_eq(JDC_ESTEMMER, -5);
    ck_assert_int_eq(JDC_EINVAL, -6);
    ck_assert_int_eq(JDC_ETOOBIG, -7);
    ck_assert_str_eq(jdc_strerror(-8), "unknown error");
    ck_assert_str_eq(jdc_strerror(100), "unknown error");
    ck_assert_str_eq(jdc_strerror(INT_MIN), "unknown error");
    ck_assert_str_eq(jdc_strerror(INT_MAX), "unknown error");
}
END_TEST

START_TEST(track_names)
{
    ck_assert_str_eq(jdc_track_name(JDC_TRACK_OTHER), "other");
    ck_assert_str_eq(jdc_track_name(JDC_TRACK_MLOPS), "mlops");
    ck_assert_str_eq(jdc_track_name(JDC_TRACK_LLMOPS), "llmops");
    ck_assert_str_eq(jdc_track_name(JDC_TRACK_HYBRID), "hybrid");
    ck_assert_str_eq(jdc_track_name((jdc_track)4), "unknown");
    ck_assert_str_eq(jdc_track_name((jdc_track)-1), "unknown");
    ck_assert_int_eq(JDC_TRACK_OTHER, 0);
    ck_assert_int_eq(JDC_TRACK_MLOPS, 1);
    ck_assert_int_eq(JDC_TRACK_LLMOPS, 2);
    ck_assert_int_eq(JDC_TRACK_HYBRID, 3);
}
END_TEST

START_TEST(null_handling)
{
    ck_assert_str_eq(jdc_model_name(NULL), "");
    ck_assert_str_eq(jdc_model_version(NULL), "");
    ck_assert_uint_eq(jdc_model_term_count(NULL), 0);
    ck_assert_int_eq(jdc_result_label(NULL), JDC_TRACK_OTHER);
    ck_assert_double_eq(jdc_result_score(NULL), 0);
    for (int t = -1; t <= 4; t++)
        ck_assert_double_eq(jdc_result_track_score(NULL, (jdc_track)t), 0);
    ck_assert_uint_eq(jdc_result_match_count(NULL), 0);
    ck_assert_ptr_null(jdc_result_match(NULL, 0));
    ck_assert_ptr_null(jdc_result_json(NULL, NULL));
    ck_assert_ptr_null(jdc_result_json(NULL, "file"));
    jdc_free(NULL);
    jdc_result_free(NULL);
    jdc_model_free(NULL);
    jdc_model *m = (jdc_model *)&m;
    ck_assert_int_eq(jdc_model_load(&m, NULL), JDC_EINVAL);
    ck_assert_ptr_null(m);
    ck_assert_int_eq(jdc_model_load(NULL, "/tmp"), JDC_EINVAL);
    ck_assert_str_ne(jdc_error_last(), "");
}
END_TEST

/* ---- jdc_classify arguments ---------------------------------------------------- */

static const jdc_model *default_model(void)
{
    const jdc_model *m = jdc_model_default();
    ck_assert_msg(m != NULL, "no default model: %s", jdc_error_last());
    return m;
}

START_TEST(classify_einval)
{
    const jdc_model *m = default_model();
    jdc_result *r = (jdc_result *)&r;
    ck_assert_int_eq(jdc_classify(NULL, m, "x", 1, 0), JDC_EINVAL);
    ck_assert_ptr_nonnull(strstr(jdc_error_last(), "out"));

    ck_assert_int_eq(jdc_classify(&r, NULL, "x", 1, 0), JDC_EINVAL);
    ck_assert_ptr_null(r);
    ck_assert_ptr_nonnull(strstr(jdc_error_last(), "model"));

    r = (jdc_result *)&r;
    ck_assert_int_eq(jdc_classify(&r, m, NULL, 1, 0), JDC_EINVAL);
    ck_assert_ptr_null(r);
    ck_assert_ptr_nonnull(strstr(jdc_error_last(), "text"));

    static const unsigned bad_flags[] = {1u << 3, 1u << 7, 1u << 31,
                                         JDC_FLAG_NO_TITLE | (1u << 5),
                                         ~0u};
    for (size_t i = 0; i < sizeof bad_flags / sizeof *bad_flags; i++) {
        r = (jdc_result *)&r;
        ck_assert_int_eq(jdc_classify(&r, m, "x", 1, bad_flags[i]),
                         JDC_EINVAL);
        ck_assert_ptr_null(r);
        ck_assert_ptr_nonnull(strstr(jdc_error_last(), "flag"));
    }
    /* the valid combinations */
    ck_assert_int_eq(jdc_classify(&r, m, "x", 1, JDC_FLAG_DEFAULT), JDC_OK);
    jdc_result_free(r);
    ck_assert_int_eq(jdc_classify(&r, m, "x", 1, JDC_FLAG_NO_TITLE), JDC_OK);
    jdc_result_free(r);
    ck_assert_int_eq(jdc_classify(&r, m, NULL, 0, 0), JDC_OK);
    ck_assert_int_eq(jdc_result_label(r), JDC_TRACK_OTHER);
    ck_assert_double_eq(jdc_result_score(r), 0);
    jdc_result_free(r);
}
END_TEST

START_TEST(classify_etoobig)
{
    const jdc_model *m = default_model();
    /* calloc'ed so that even a library that read it would read valid memory;
     * the pages are never touched when the limit is checked first */
    char *big = calloc(1, JDC_MAX_INPUT_DEFAULT + 1);
    ck_assert_ptr_nonnull(big);
    jdc_result *r = (jdc_result *)&r;
    ck_assert_int_eq(jdc_classify(&r, m, big, JDC_MAX_INPUT_DEFAULT + 1, 0),
                     JDC_ETOOBIG);
    ck_assert_ptr_null(r);
    ck_assert_str_ne(jdc_error_last(), "");
    free(big);
}
END_TEST

/* The documented ceiling is 4 GiB - 1: a larger max_input is clamped to
 * exactly 4294967295 (a length of 4 GiB is refused by that limit, before
 * its bytes are read: only one page exists here). */
START_TEST(classify_limit_ceiling)
{
    const jdc_model *m = default_model();
    char *buf = calloc(1, 4096);
    ck_assert_ptr_nonnull(buf);
    jdc_result *r = (jdc_result *)&r;
    ck_assert_int_eq(jdc_classify_ex(&r, m, buf, (size_t)UINT32_MAX + 1, 0,
                                     SIZE_MAX), JDC_ETOOBIG);
    ck_assert_ptr_null(r);
    ck_assert_msg(strstr(jdc_error_last(), "limit of 4294967295 bytes"),
                  "%s", jdc_error_last());
    ck_assert_int_eq(jdc_classify_ex(&r, m, buf, 4096, 0, UINT32_MAX),
                     JDC_OK);
    jdc_result_free(r);
    free(buf);
}
END_TEST

/* LF, CRLF and a bare CR are all line ends: the title and the headings
 * survive any of them, LF and CR (same length) give byte-identical JSON,
 * CRLF the same terms in the same sections. */
static const char *const line_end_lines[] = {
    "Senior MLOps Engineer",
    "",
    "About us",
    "We build a marketplace.",
    "Responsibilities:",
    "- Own our MLflow model registry and Feast feature store",
    "- Run Kubeflow training pipelines in production",
    "Requirements:",
    "5+ years of Python",
    "Salary: \xC2\xA3" "90,000 - \xC2\xA3" "110,000 per year",
    "Benefits",
    "Pension",
};

static char *join_lines(const char *nl)
{
    size_t n = sizeof line_end_lines / sizeof *line_end_lines, len = 0;
    for (size_t i = 0; i < n; i++)
        len += strlen(line_end_lines[i]) + strlen(nl);
    char *s = malloc(len + 1);
    ck_assert_ptr_nonnull(s);
    s[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        strcat(s, line_end_lines[i]);
        strcat(s, nl);
    }
    return s;
}

START_TEST(line_ends_cr_crlf_lf)
{
    const jdc_model *m = default_model();
    const char *nls[3] = {"\n", "\r", "\r\n"};
    jdc_result *r[3];
    char *json[3];
    for (int k = 0; k < 3; k++) {
        char *text = join_lines(nls[k]);
        ck_assert_int_eq(jdc_classify(&r[k], m, text, strlen(text), 0), JDC_OK);
        json[k] = jdc_result_json(r[k], NULL);
        ck_assert_ptr_nonnull(json[k]);
        free(text);
    }
    ck_assert_str_eq(json[0], json[1]);
    /* the title and the sections were found */
    ck_assert_int_eq(jdc_result_label(r[0]), JDC_TRACK_MLOPS);
    ck_assert_str_eq(jdc_result_seniority(r[0], NULL, NULL), "senior");
    int title = 0, duties = 0;
    for (size_t i = 0; i < jdc_result_match_count(r[0]); i++) {
        const jdc_match *x = jdc_result_match(r[0], i);
        title += !strcmp(x->section, "title");
        duties += !strcmp(x->section, "duties");
    }
    ck_assert_int_gt(title, 0);
    ck_assert_int_gt(duties, 0);
    /* CRLF: the same, one byte later per line */
    ck_assert_int_eq(jdc_result_label(r[2]), jdc_result_label(r[0]));
    ck_assert(jdc_result_score(r[2]) == jdc_result_score(r[0]));
    ck_assert_uint_eq(jdc_result_match_count(r[2]),
                      jdc_result_match_count(r[0]));
    for (size_t i = 0; i < jdc_result_match_count(r[0]); i++) {
        const jdc_match *a = jdc_result_match(r[0], i);
        const jdc_match *c = jdc_result_match(r[2], i);
        ck_assert_str_eq(a->term, c->term);
        ck_assert_str_eq(a->section, c->section);
        ck_assert_uint_eq(c->end - c->start, a->end - a->start);
    }
    ck_assert_uint_eq(jdc_result_signal_count(r[2]),
                      jdc_result_signal_count(r[0]));
    ck_assert_uint_eq(jdc_result_salary_count(r[2]), 1);
    ck_assert(jdc_result_salary(r[2], 0)->min ==
              jdc_result_salary(r[0], 0)->min);
    for (int k = 0; k < 3; k++) {
        jdc_free(json[k]);
        jdc_result_free(r[k]);
    }
}
END_TEST

static void *error_last_in_thread(void *arg)
{
    const char **out = arg;
    *out = jdc_error_last();
    return NULL;
}

START_TEST(error_last_is_thread_local)
{
    jdc_result *r;
    ck_assert_int_eq(jdc_classify(&r, NULL, "x", 1, 0), JDC_EINVAL);
    ck_assert_str_ne(jdc_error_last(), "");
    const char *seen = NULL;
    pthread_t th;
    ck_assert_int_eq(pthread_create(&th, NULL, error_last_in_thread, &seen), 0);
    ck_assert_int_eq(pthread_join(th, NULL), 0);
    ck_assert_ptr_nonnull(seen);
    ck_assert_str_eq(seen, ""); /* nothing failed on that thread */
    ck_assert_str_ne(jdc_error_last(), "");
}
END_TEST

START_TEST(accessors)
{
    const jdc_model *m = default_model();
    static const char text[] =
        "MLOps Engineer\nKubeflow pipelines, MLflow model registry, feature "
        "store, drift monitoring.\nBenefits:\nMLflow training budget.";
    jdc_result *r = NULL;
    ck_assert_int_eq(jdc_classify(&r, m, text, sizeof text - 1, 0), JDC_OK);
    size_t n = jdc_result_match_count(r);
    ck_assert_uint_gt(n, 2);
    size_t prev = 0;
    for (size_t i = 0; i < n; i++) {
        const jdc_match *mt = jdc_result_match(r, i);
        ck_assert_ptr_nonnull(mt);
        ck_assert_ptr_nonnull(mt->term);
        ck_assert_ptr_nonnull(mt->track);
        ck_assert_ptr_nonnull(mt->layer);
        ck_assert_uint_ge(mt->start, prev);
        ck_assert_uint_lt(mt->start, mt->end);
        ck_assert_uint_le(mt->end, sizeof text - 1);
        ck_assert(mt->weight >= 0 && mt->weight <= 10);
        ck_assert(mt->in_title == 0 || mt->in_title == 1);
        ck_assert_int_eq(mt->in_title, mt->start < 14);
        static const char *tracks[] = {"mlops", "llmops", "ml", "shared",
                                       "other"};
        int ok = 0;
        for (size_t k = 0; k < 5; k++)
            ok |= !strcmp(mt->track, tracks[k]);
        ck_assert_msg(ok, "track '%s'", mt->track);
        static const char *sections[] = {"title",        "intro",
                                         "company",      "duties",
                                         "requirements", "nice-to-have",
                                         "benefits"};
        ck_assert_ptr_nonnull(mt->section);
        ok = 0;
        for (size_t k = 0; k < 7; k++)
            ok |= !strcmp(mt->section, sections[k]);
        ck_assert_msg(ok, "section '%s'", mt->section);
        ck_assert_int_eq(mt->in_title, !strcmp(mt->section, "title"));
        prev = mt->end;
    }
    ck_assert_ptr_null(jdc_result_match(r, n));
    ck_assert_ptr_null(jdc_result_match(r, (size_t)-1));
    /* the sections: "title" on the first line, then "intro" until the
     * "Benefits:" heading, "benefits" after it */
    size_t heading = (size_t)(strstr(text, "Benefits:") - text);
    int seen_intro = 0, seen_benefits = 0;
    for (size_t i = 0; i < n; i++) {
        const jdc_match *mt = jdc_result_match(r, i);
        const char *want = mt->start < 14 ? "title"
                           : mt->start < heading ? "intro"
                                                 : "benefits";
        ck_assert_msg(!strcmp(mt->section, want), "match '%s' at %zu in %s",
                      mt->term, mt->start, mt->section);
        seen_intro |= !strcmp(want, "intro");
        seen_benefits |= !strcmp(want, "benefits");
    }
    ck_assert(seen_intro && seen_benefits);
    double s = jdc_result_score(r);
    ck_assert(s >= 0 && s <= 1);
    jdc_result_free(r);
}
END_TEST

START_TEST(classify_random_inputs)
{
    /* word soup from vocabulary-like words, joiners, punctuation, line
     * breaks, invalid UTF-8 and NULs: every invariant of a result holds */
    static const char *parts[] = {
        "MLflow", "Kubeflow", "feature", "store", "stores", "LLM", "RAG",
        "vector", "database", "fine", "tuning", "-", "/", ".", ". ", "\n",
        "\n\n## Requirements\n", "Benefits:\n", "**About us**\n", " ",
        ", ", "C++", "C#", ".NET", "k8s", "vLLM", "pgvector", "LangChain",
        "prompt", "engineering", "evals", "\xFF", "\xC0\x80", "\xE2\x80\x99",
        "\xE2\x82", "don't", "3.11", "GPT-4o", "Spark", "spark", "Go", "go",
        "machine", "learning", "Kubernetes", "Terraform", "data", "analyst"};
    const size_t np = sizeof parts / sizeof *parts;
    const jdc_model *m = default_model();
    char *text = malloc(1 << 16);
    ck_assert_ptr_nonnull(text);
    uint32_t x = 7;
    for (int round = 0; round < 400; round++) {
        size_t len = 0;
        x = x * 1664525u + 1013904223u;
        size_t count = 1 + (x >> 8) % (round < 300 ? 60 : 3000);
        for (size_t i = 0; i < count; i++) {
            x = x * 1664525u + 1013904223u;
            const char *p = parts[(x >> 12) % np];
            size_t l = strlen(p);
            if (len + l + 1 >= (1 << 16))
                break;
            memcpy(text + len, p, l);
            len += l;
            if ((x >> 4) % 3)
                text[len++] = (x >> 20) % 17 ? ' ' : '\0';
        }
        jdc_result *r = NULL;
        ck_assert_int_eq(jdc_classify(&r, m, text, len,
                                      round & 1 ? JDC_FLAG_NO_TITLE : 0),
                         JDC_OK);
        size_t n = jdc_result_match_count(r), prev = 0;
        for (size_t i = 0; i < n; i++) {
            const jdc_match *mt = jdc_result_match(r, i);
            ck_assert_uint_ge(mt->start, prev);
            ck_assert_uint_lt(mt->start, mt->end);
            ck_assert_uint_le(mt->end, len);
            ck_assert(mt->weight >= 0 && mt->weight <= 10);
            if (round & 1)
                ck_assert_int_eq(mt->in_title, 0);
            prev = mt->end;
        }
        double sc = jdc_result_score(r);
        ck_assert(sc >= 0 && sc <= 1);
        for (int t = 0; t < 4; t++) {
            double ts = jdc_result_track_score(r, (jdc_track)t);
            ck_assert(ts >= 0 && ts <= 1);
        }
        char *js = jdc_result_json(r, "random");
        ck_assert_ptr_nonnull(js);
        ck_assert_msg(unit_json_valid(js), "round %d: invalid JSON", round);
        jdc_free(js);
        jdc_result_free(r);
    }
    free(text);
}
END_TEST

/* ---- JSON ------------------------------------------------------------------------ */

START_TEST(json_valid)
{
    const jdc_model *m = default_model();
    static const char text[] = "LLM Engineer\nRAG with pgvector, \"LLM-as-judge\" "
                               "evals\\ and vLLM serving.\x01\xFF";
    jdc_result *r = NULL;
    ck_assert_int_eq(jdc_classify(&r, m, text, sizeof text - 1, 0), JDC_OK);
    char *js = jdc_result_json(r, NULL);
    ck_assert_ptr_nonnull(js);
    ck_assert_msg(unit_json_valid(js), "invalid JSON: %s", js);
    ck_assert_ptr_null(strstr(js, "\"file\""));
    ck_assert_ptr_null(strchr(js, '\n'));
    ck_assert_int_eq(js[0], '{');
    ck_assert_int_eq(js[strlen(js) - 1], '}');
    char want[256];
    snprintf(want, sizeof want, "\"label\":\"%s\"",
             jdc_track_name(jdc_result_label(r)));
    ck_assert_msg(strstr(js, want) != NULL, "%s lacks %s", js, want);
    ck_assert_ptr_nonnull(strstr(js, "\"score\":"));
    ck_assert_ptr_nonnull(strstr(js, "\"scores\":{\"mlops\":"));
    ck_assert_ptr_nonnull(strstr(js, "\"llmops\":"));
    snprintf(want, sizeof want, "\"model\":{\"name\":\"%s\",\"version\":\"%s\"}",
             jdc_model_name(m), jdc_model_version(m));
    ck_assert_msg(strstr(js, want) != NULL, "%s lacks %s", js, want);
    /* every match appears with its span */
    ck_assert_uint_gt(jdc_result_match_count(r), 0);
    for (size_t i = 0; i < jdc_result_match_count(r); i++) {
        const jdc_match *mt = jdc_result_match(r, i);
        snprintf(want, sizeof want,
                 "\"section\":\"%s\",\"start\":%zu,\"end\":%zu,\"title\":%s",
                 mt->section, mt->start, mt->end,
                 mt->in_title ? "true" : "false");
        ck_assert_msg(strstr(js, want) != NULL, "%s lacks %s", js, want);
    }
    jdc_free(js);
    jdc_result_free(r);

    /* an empty result */
    ck_assert_int_eq(jdc_classify(&r, m, "", 0, 0), JDC_OK);
    js = jdc_result_json(r, "");
    ck_assert_ptr_nonnull(js);
    ck_assert_msg(unit_json_valid(js), "invalid JSON: %s", js);
    ck_assert_ptr_nonnull(strstr(js, "\"file\":\"\""));
    ck_assert_ptr_nonnull(strstr(js, "\"label\":\"other\""));
    ck_assert_ptr_nonnull(strstr(js, "\"matches\":[]"));
    jdc_free(js);
    jdc_result_free(r);
}
END_TEST

START_TEST(json_escapes_file)
{
    const jdc_model *m = default_model();
    jdc_result *r = NULL;
    ck_assert_int_eq(jdc_classify(&r, m, "MLflow", 6, 0), JDC_OK);
    static const struct {
        const char *file, *json;
    } cases[] = {
        {"plain.txt", "\"file\":\"plain.txt\""},
        {"a\"b", "\"file\":\"a\\\"b\""},
        {"C:\\jobs\\x.md", "\"file\":\"C:\\\\jobs\\\\x.md\""},
        {"tab\there", "\"file\":\"tab\\there\""},
        {"nl\ncr\r", "\"file\":\"nl\\ncr\\r\""},
        {"\x01\x1f\x7f", "\"file\":\"\\u0001\\u001f\\u007f\""},
        {"caf\xC3\xA9 \xE2\x80\x99", "\"file\":\"caf\xC3\xA9 \xE2\x80\x99\""},
        {"bad\xFFx", "\"file\":\"bad\xEF\xBF\xBDx\""},
        {"trunc\xE2\x82", "\"file\":\"trunc\xEF\xBF\xBD\xEF\xBF\xBD\""},
        {"over\xC0\x80", "\"file\":\"over\xEF\xBF\xBD\xEF\xBF\xBD\""},
        {"sur\xED\xA0\x80", "\"file\":\"sur\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""},
        {"</script>", "\"file\":\"</script>\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *js = jdc_result_json(r, cases[i].file);
        ck_assert_ptr_nonnull(js);
        ck_assert_msg(unit_json_valid(js), "case %zu: invalid JSON: %s", i, js);
        ck_assert_msg(!strncmp(js + 1, cases[i].json, strlen(cases[i].json)),
                      "case %zu: %s does not start with %s", i, js,
                      cases[i].json);
        jdc_free(js);
    }
    /* any byte string gives valid JSON */
    uint32_t x = 99;
    char name[64];
    for (int round = 0; round < 2000; round++) {
        size_t len = 1 + round % 60;
        for (size_t k = 0; k < len; k++) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            name[k] = (char)(1 + x % 255);
        }
        name[len] = '\0';
        char *js = jdc_result_json(r, name);
        ck_assert_ptr_nonnull(js);
        ck_assert_msg(unit_json_valid(js), "invalid JSON: %s", js);
        jdc_free(js);
    }
    jdc_result_free(r);
}
END_TEST

/* ---- the thread rule ---------------------------------------------------------------- */

#define NTEXTS 4
#define NTHREADS 4
#define ROUNDS 200

static const char *example_files[NTEXTS] = {
    "mlops-platform-engineer.md", "llmops-engineer.md",
    "hybrid-ml-engineer.md", "other-data-analyst.md"};

typedef struct snapshot {
    jdc_track label;
    double score, ml, llm;
    size_t n;
    jdc_match *m; /* copies of the match structs */
} snapshot;

static char *texts[NTEXTS];
static size_t lens[NTEXTS];
static snapshot base[NTEXTS];

static int take(snapshot *s, const jdc_model *m, int i)
{
    jdc_result *r = NULL;
    int rc = jdc_classify(&r, m, texts[i], lens[i], 0);
    if (rc)
        return rc;
    s->label = jdc_result_label(r);
    s->score = jdc_result_score(r);
    s->ml = jdc_result_track_score(r, JDC_TRACK_MLOPS);
    s->llm = jdc_result_track_score(r, JDC_TRACK_LLMOPS);
    s->n = jdc_result_match_count(r);
    s->m = malloc((s->n ? s->n : 1) * sizeof *s->m);
    if (!s->m) {
        jdc_result_free(r);
        return JDC_ENOMEM;
    }
    for (size_t k = 0; k < s->n; k++)
        s->m[k] = *jdc_result_match(r, k); /* strings belong to the model */
    jdc_result_free(r);
    return JDC_OK;
}

/* 0 when equal; otherwise a short description of the first difference */
static const char *diff(const snapshot *a, const snapshot *b)
{
    if (a->label != b->label)
        return "label";
    if (a->score != b->score || a->ml != b->ml || a->llm != b->llm)
        return "score";
    if (a->n != b->n)
        return "match count";
    for (size_t k = 0; k < a->n; k++) {
        const jdc_match *x = &a->m[k], *y = &b->m[k];
        if (strcmp(x->term, y->term) || strcmp(x->track, y->track) ||
            strcmp(x->layer, y->layer) || x->start != y->start ||
            x->end != y->end || x->weight != y->weight ||
            x->in_title != y->in_title)
            return "match";
    }
    return NULL;
}

typedef struct worker {
    int id;
    const jdc_model *model;
    int errors;
    char first[160];
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    for (int round = 0; round < ROUNDS; round++) {
        for (int k = 0; k < NTEXTS; k++) {
            int i = (k + w->id + round) % NTEXTS; /* different orders */
            snapshot s;
            int rc = take(&s, w->model, i);
            const char *d = rc ? jdc_strerror(rc) : diff(&s, &base[i]);
            if (d && !w->errors++)
                snprintf(w->first, sizeof w->first,
                         "thread %d round %d text %d: %s", w->id, round, i, d);
            if (!rc)
                free(s.m);
        }
        if (round % 50 == 49)
            jdc_thread_cleanup(); /* the next call rebuilds the state */
    }
    return NULL;
}

static void threads_setup(void)
{
    for (int i = 0; i < NTEXTS; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/examples/%s", JDCLASS_SOURCE_DIR,
                 example_files[i]);
        texts[i] = unit_read(path, &lens[i]);
    }
}

static void threads_teardown(void)
{
    for (int i = 0; i < NTEXTS; i++) {
        free(texts[i]);
        texts[i] = NULL;
        free(base[i].m);
        base[i].m = NULL;
    }
}

START_TEST(threads_share_default_model)
{
    const jdc_model *m = default_model();
    for (int i = 0; i < NTEXTS; i++) {
        ck_assert_int_eq(take(&base[i], m, i), JDC_OK);
        ck_assert_uint_gt(base[i].n, 0);
    }
    /* the four texts really are different */
    for (int i = 0; i < NTEXTS; i++)
        for (int j = 0; j < i; j++)
            ck_assert_ptr_nonnull(diff(&base[i], &base[j]));

    pthread_t th[NTHREADS];
    worker w[NTHREADS];
    for (int t = 0; t < NTHREADS; t++) {
        memset(&w[t], 0, sizeof w[t]);
        w[t].id = t;
        w[t].model = m;
        ck_assert_int_eq(pthread_create(&th[t], NULL, work, &w[t]), 0);
    }
    for (int t = 0; t < NTHREADS; t++)
        ck_assert_int_eq(pthread_join(th[t], NULL), 0);
    for (int t = 0; t < NTHREADS; t++)
        ck_assert_msg(w[t].errors == 0, "%d differences; first: %s",
                      w[t].errors, w[t].first);

    /* after jdc_thread_cleanup() the calling thread classifies as before */
    jdc_thread_cleanup();
    jdc_thread_cleanup(); /* twice is fine */
    for (int i = 0; i < NTEXTS; i++) {
        snapshot s;
        ck_assert_int_eq(take(&s, m, i), JDC_OK);
        const char *d = diff(&s, &base[i]);
        ck_assert_msg(d == NULL, "text %d after cleanup: %s", i, d);
        free(s.m);
    }
}
END_TEST

START_TEST(threads_share_loaded_model)
{
    /* the same with a model loaded from models/, freed after the threads */
    jdc_model *m = NULL;
    ck_assert_int_eq(jdc_model_load(&m, JDCLASS_SOURCE_DIR "/models"), JDC_OK);
    for (int i = 0; i < NTEXTS; i++)
        ck_assert_int_eq(take(&base[i], m, i), JDC_OK);
    pthread_t th[NTHREADS];
    worker w[NTHREADS];
    for (int t = 0; t < NTHREADS; t++) {
        memset(&w[t], 0, sizeof w[t]);
        w[t].id = t;
        w[t].model = m;
        ck_assert_int_eq(pthread_create(&th[t], NULL, work, &w[t]), 0);
    }
    for (int t = 0; t < NTHREADS; t++)
        ck_assert_int_eq(pthread_join(th[t], NULL), 0);
    for (int t = 0; t < NTHREADS; t++)
        ck_assert_msg(w[t].errors == 0, "%d differences; first: %s",
                      w[t].errors, w[t].first);
    /* the loaded model gives the default model's results */
    const jdc_model *d = default_model();
    for (int i = 0; i < NTEXTS; i++) {
        snapshot s;
        ck_assert_int_eq(take(&s, d, i), JDC_OK);
        ck_assert_int_eq(s.label, base[i].label);
        ck_assert_double_eq(s.score, base[i].score);
        ck_assert_uint_eq(s.n, base[i].n);
        free(s.m);
    }
    jdc_model_free(m);
}
END_TEST

START_TEST(cleanup_without_state)
{
    /* jdc_thread_cleanup() before any classification is harmless */
    jdc_thread_cleanup();
    jdc_result *r = NULL;
    ck_assert_int_eq(jdc_classify(&r, default_model(), "MLflow", 6, 0), JDC_OK);
    ck_assert_uint_eq(jdc_result_match_count(r), 1);
    jdc_result_free(r);
    jdc_thread_cleanup();
}
END_TEST

/* ---- the learned decision ------------------------------------------------ */

START_TEST(learned_probabilities)
{
    const jdc_model *m = jdc_model_default();
    ck_assert_ptr_nonnull(m);
    ck_assert_int_eq(jdc_model_has_weights(m), 1);
    size_t d = jdc_model_feature_count(m);
    ck_assert_uint_gt(d, 10);
    ck_assert_ptr_null(jdc_model_feature_name(m, d));
    const char *t = "# LLM Engineer\n\n## What you will do\nBuild RAG with "
                    "pgvector and run evals on every prompt change.\n";
    jdc_result *r;
    ck_assert_int_eq(jdc_classify(&r, m, t, strlen(t), 0), JDC_OK);
    double sum = 0;
    for (int k = 0; k < 4; k++)
        sum += jdc_result_probability(r, (jdc_track)k);
    ck_assert_double_eq_tol(sum, 1.0, 1e-9);
    ck_assert_double_eq_tol(jdc_result_score(r),
                            jdc_result_probability(r, jdc_result_label(r)),
                            1e-12);
    ck_assert_double_eq(jdc_result_probability(r, (jdc_track)7), 0);
    ck_assert_uint_eq(jdc_result_feature_count(r), d);
    /* the contributions add up to the label's logit minus the bias: check
     * that the order helper sorts them by size */
    size_t order[1024];
    ck_assert_uint_eq(jdc_result_feature_order(r, order), d);
    for (size_t i = 1; i < d; i++)
        ck_assert(fabs(jdc_result_feature(r, order[i - 1])
                           ->contribution[jdc_result_label(r)]) >=
                  fabs(jdc_result_feature(r, order[i])
                           ->contribution[jdc_result_label(r)]));
    for (size_t i = 0; i < d; i++)
        ck_assert_str_eq(jdc_result_feature(r, i)->name,
                         jdc_model_feature_name(m, i));
    ck_assert_ptr_null(jdc_result_feature(r, d));
    jdc_result_free(r);
    ck_assert_uint_eq(jdc_result_feature_count(NULL), 0);
    ck_assert_uint_eq(jdc_model_feature_count(NULL), 0);
    ck_assert_int_eq(jdc_model_has_weights(NULL), 0);
}
END_TEST

START_TEST(train_einval)
{
    const jdc_model *m = jdc_model_default();
    size_t d = jdc_model_feature_count(m);
    double *x = calloc(4 * d, sizeof *x);
    ck_assert_ptr_nonnull(x);
    int y[4] = {1, 1, 1, 1}, bad[4] = {0, 1, 9, 2};
    char *w = (char *)1;
    ck_assert_int_eq(jdc_train(NULL, m, x, 4, y, NULL, NULL, NULL), JDC_EINVAL);
    ck_assert_int_eq(jdc_train(&w, NULL, x, 4, y, NULL, NULL, NULL), JDC_EINVAL);
    ck_assert_ptr_null(w);
    ck_assert_int_eq(jdc_train(&w, m, x, 4, y, NULL, NULL, NULL), JDC_EINVAL);
    ck_assert(strstr(jdc_error_last(), "fewer than two classes"));
    ck_assert_int_eq(jdc_train(&w, m, x, 4, bad, NULL, NULL, NULL), JDC_EINVAL);
    ck_assert(strstr(jdc_error_last(), "row 3"));
    x[2 * d + 1] = NAN;
    int two[4] = {0, 1, 0, 1};
    ck_assert_int_eq(jdc_train(&w, m, x, 4, two, NULL, NULL, NULL), JDC_EINVAL);
    ck_assert(strstr(jdc_error_last(), "not finite"));
    free(x);
}
END_TEST

START_TEST(train_deterministic)
{
    const jdc_model *m = jdc_model_default();
    size_t d = jdc_model_feature_count(m), n = 12;
    double *x = malloc(n * d * sizeof *x), cv[12 * 4];
    ck_assert_ptr_nonnull(x);
    int y[12], g[12];
    for (size_t i = 0; i < n; i++) {
        y[i] = (int)(i % 3);
        g[i] = (int)(i / 2);
        for (size_t f = 0; f < d; f++)
            x[i * d + f] = (double)((i * 7 + f * 3) % 5) + (double)y[i] * 0.5;
    }
    jdc_train_options o = {10.0, 3, 0, 1};
    char *a = NULL, *b = NULL;
    ck_assert_int_eq(jdc_train(&a, m, x, n, y, g, &o, cv), JDC_OK);
    ck_assert_int_eq(jdc_train(&b, m, x, n, y, g, &o, NULL), JDC_OK);
    ck_assert_str_eq(a, b);
    ck_assert(strncmp(a, "%format jdclass-weights 1\n", 26) == 0);
    for (size_t i = 0; i < n; i++) {
        double s = cv[i * 4] + cv[i * 4 + 1] + cv[i * 4 + 2] + cv[i * 4 + 3];
        ck_assert_double_eq_tol(s, 1.0, 1e-9);
    }
    jdc_free(a);
    jdc_free(b);
    free(x);
}
END_TEST

Suite *api_suite(void)
{
    Suite *s = suite_create("api");
    TCase *tc = tcase_create("basics");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, versions_agree);
    tcase_add_test(tc, strerror_codes);
    tcase_add_test(tc, track_names);
    tcase_add_test(tc, null_handling);
    tcase_add_test(tc, classify_einval);
    tcase_add_test(tc, classify_etoobig);
    tcase_add_test(tc, classify_limit_ceiling);
    tcase_add_test(tc, line_ends_cr_crlf_lf);
    tcase_add_test(tc, error_last_is_thread_local);
    tcase_add_test(tc, accessors);
    tcase_add_test(tc, classify_random_inputs);
    suite_add_tcase(s, tc);

    tc = tcase_create("learned");
    tcase_add_test(tc, learned_probabilities);
    tcase_add_test(tc, train_einval);
    tcase_add_test(tc, train_deterministic);
    suite_add_tcase(s, tc);

    tc = tcase_create("json");
    tcase_add_test(tc, json_valid);
    tcase_add_test(tc, json_escapes_file);
    suite_add_tcase(s, tc);

    tc = tcase_create("threads");
    tcase_add_checked_fixture(tc, threads_setup, threads_teardown);
    tcase_set_timeout(tc, 100);
    tcase_add_test(tc, threads_share_default_model);
    tcase_add_test(tc, threads_share_loaded_model);
    tcase_add_test(tc, cleanup_without_state);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return unit_run(api_suite()); }
