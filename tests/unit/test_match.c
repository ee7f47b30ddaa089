/* Unit tests of the matcher (lib/match.c) through jdc_classify() with a
 * small model written by the test: phrases, stemming, literal and
 * case-sensitive terms, joined groups, leftmost-longest resolution, sentence
 * boundaries, and a large input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "unit.h"

static const char model_conf[] =
    "%format jdclass-model 1\nname = unit-match\nversion = 0.0.1\n";

static const char model_terms[] =
    "%format jdclass-terms 1\n"
    "feature store | - | mlops | feature-store | 3 | -\n"
    "model registry | - | mlops | registry | 3 | -\n"
    "model registry api | - | mlops | registry | 4 | -\n"
    "model | - | ml | practice | 1 | -\n"
    "Spark | - | mlops | compute | 2 | case\n"
    "MLflow | - | mlops | registry | 3 | literal\n"
    "pgvector | - | llmops | vector-store | 3 | literal\n"
    "fine-tuning | - | llmops | fine-tuning | 3 | -\n"
    "Python | - | shared | language | 0.3 | -\n"
    "Go | Golang | shared | language | 0.3 | case\n"
    "machine learning | - | ml | practice | 2 | -\n"
    "learning platform | - | mlops | practice | 2 | -\n"
    "CI/CD | - | shared | infra | 1 | literal\n"
    "Node.js | - | other | language | 1 | literal\n"
    "C++ | - | shared | language | 0.5 | literal\n";

static char *dir;
static jdc_model *M;
static jdc_result *R;

static void setup(void)
{
    dir = unit_tmpdir();
    unit_write_str(dir, "model.conf", model_conf);
    unit_write_str(dir, "test.terms", model_terms);
    ck_assert_msg(jdc_model_load(&M, dir) == JDC_OK, "load: %s",
                  jdc_error_last());
    R = NULL;
}

static void teardown(void)
{
    jdc_result_free(R);
    R = NULL;
    jdc_model_free(M);
    M = NULL;
    unit_rmtree(dir);
    dir = NULL;
}

/* Classify `text` with M (no title, so flags do not depend on lines) and
 * return the number of matches; the result stays in R. */
static size_t run_flags(const char *text, unsigned flags)
{
    jdc_result_free(R);
    R = NULL;
    int rc = jdc_classify(&R, M, text, strlen(text), flags);
    ck_assert_msg(rc == JDC_OK, "classify: %s", jdc_error_last());
    return jdc_result_match_count(R);
}

static size_t run(const char *text) { return run_flags(text, JDC_FLAG_NO_TITLE); }

/* Assert match i is `term` over [start, end). */
static void match_is(size_t i, const char *term, size_t start, size_t end)
{
    const jdc_match *m = jdc_result_match(R, i);
    ck_assert_msg(m != NULL, "no match %zu", i);
    ck_assert_msg(!strcmp(m->term, term) && m->start == start && m->end == end,
                  "match %zu: '%s' [%zu,%zu), expected '%s' [%zu,%zu)", i,
                  m->term, m->start, m->end, term, start, end);
}

/* Expect exactly one match of `term` covering the whole of `text`. */
static void whole_match(const char *text, const char *term)
{
    size_t n = run(text);
    ck_assert_msg(n == 1, "'%s': %zu matches, expected 1", text, n);
    match_is(0, term, 0, strlen(text));
}

static void no_match(const char *text)
{
    size_t n = run(text);
    ck_assert_msg(n == 0, "'%s': %zu matches (first '%s'), expected none",
                  text, n, n ? jdc_result_match(R, 0)->term : "");
}

START_TEST(phrase_with_stemming)
{
    const char *s = "We run Feature Stores daily.";
    ck_assert_uint_eq(run(s), 1);
    match_is(0, "feature store", 7, 21);
    ck_assert(!memcmp(s + 7, "Feature Stores", 14));
    const jdc_match *m = jdc_result_match(R, 0);
    ck_assert_str_eq(m->track, "mlops");
    ck_assert_str_eq(m->layer, "feature-store");
    ck_assert_double_eq(m->weight, 3);
    ck_assert_int_eq(m->in_title, 0);
    whole_match("feature store", "feature store");
    whole_match("FEATURE STORE", "feature store");
    whole_match("featured storing", "feature store"); /* same Porter2 stems */
    /* written with a joiner, the parts still match */
    whole_match("feature-store", "feature store");
    whole_match("feature/stores", "feature store");
    /* separators other than sentence ends may sit between the words */
    whole_match("feature \t ( store", "feature store");
    no_match("feature");
    no_match("store feature");
}
END_TEST

START_TEST(longest_match_wins)
{
    const char *s = "our model registry and a model";
    ck_assert_uint_eq(run(s), 2);
    match_is(0, "model registry", 4, 18);
    match_is(1, "model", 25, 30);
    whole_match("Model Registries", "model registry");
    whole_match("model registry API", "model registry api");
    /* the walk goes past "model registry" and comes back to it */
    ck_assert_uint_eq(run("model registry tool"), 1);
    match_is(0, "model registry", 0, 14);
    ck_assert_uint_eq(run("models registry"), 1);
    match_is(0, "model registry", 0, 15);
}
END_TEST

START_TEST(leftmost_longest_non_overlapping)
{
    /* "machine learning" starts first, so "learning platform" cannot match */
    ck_assert_uint_eq(run("machine learning platform"), 1);
    match_is(0, "machine learning", 0, 16);
    ck_assert_uint_eq(run("a learning platform"), 1);
    match_is(0, "learning platform", 2, 19);
    /* several matches: in order of position, never overlapping */
    const char *s = "model registry api, model registry, model, machine "
                    "learning platform and learning platforms";
    size_t n = run(s);
    ck_assert_uint_eq(n, 5);
    match_is(0, "model registry api", 0, 18);
    match_is(1, "model registry", 20, 34);
    match_is(2, "model", 36, 41);
    match_is(3, "machine learning", 43, 59);
    match_is(4, "learning platform", 73, 91);
    for (size_t i = 1; i < n; i++)
        ck_assert_uint_le(jdc_result_match(R, i - 1)->end,
                          jdc_result_match(R, i)->start);
}
END_TEST

START_TEST(case_sensitive_term)
{
    const char *s = "Spark and spark joy and SPARK";
    ck_assert_uint_eq(run(s), 1);
    match_is(0, "Spark", 0, 5);
    no_match("spark joy");
    no_match("Sparks"); /* case terms are literal: not stemmed */
    whole_match("Golang", "Go");
    no_match("golang");
    no_match("go to market");
}
END_TEST

START_TEST(literal_not_stemmed)
{
    const char *s = "MLflow, mlflow, MLFLOW and MLflows";
    ck_assert_uint_eq(run(s), 3);
    match_is(0, "MLflow", 0, 6);
    match_is(1, "MLflow", 8, 14);
    match_is(2, "MLflow", 16, 22);
    whole_match("pgvector", "pgvector");
    no_match("pgvectors");
    no_match("pgvectoring");
}
END_TEST

START_TEST(hyphenated_term)
{
    static const char *yes[] = {"fine-tuning", "Fine-Tuning", "fine tuning",
                                "fine tuned", "fine-tuned", "fine tunes",
                                "fine/tuning", "FINE-TUNE"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        whole_match(yes[i], "fine-tuning");
    no_match("fine");
    no_match("tuning");
    no_match("fine. Tuning");
    no_match("fine\ntuning");
    /* inside a longer text, with the span of the whole group */
    ck_assert_uint_eq(run("LoRA fine-tuned models"), 2);
    match_is(0, "fine-tuning", 5, 15);
    match_is(1, "model", 16, 22);
}
END_TEST

START_TEST(joined_groups)
{
    ck_assert_uint_eq(run("Python/Go"), 2);
    match_is(0, "Python", 0, 6);
    match_is(1, "Go", 7, 9);
    ck_assert_uint_eq(run("python/go"), 1); /* Go is case-sensitive */
    match_is(0, "Python", 0, 6);
    whole_match("CI/CD", "CI/CD");
    whole_match("ci/cd", "CI/CD");
    whole_match("CI / CD", "CI/CD"); /* a slash term also matches apart */
    whole_match("Node.js", "Node.js");
    whole_match("C++", "C++");
    no_match("C");
    ck_assert_uint_eq(run("Node.js, C++ and CI/CD."), 3);
    match_is(0, "Node.js", 0, 7);
    match_is(1, "C++", 9, 12);
    match_is(2, "CI/CD", 17, 22);
}
END_TEST

START_TEST(no_match_across_sentence_end)
{
    no_match("We need machine. Learning is fun.");
    no_match("machine! learning");
    no_match("machine? learning");
    no_match("machine; learning");
    no_match("machine: learning");
    no_match("machine\nlearning");
    no_match("machine\r\nlearning");
    ck_assert_uint_eq(run("model. Registry"), 1);
    match_is(0, "model", 0, 5);
    whole_match("machine learning", "machine learning");
    /* the period of an abbreviation-like joiner is no sentence end */
    ck_assert_uint_eq(run("We need machine learning. Feature stores too."), 2);
    match_is(0, "machine learning", 8, 24);
    match_is(1, "feature store", 26, 40);
}
END_TEST

START_TEST(title_matches)
{
    const char *s = "Feature Store Engineer\nWe run a feature store.";
    ck_assert_uint_eq(run_flags(s, 0), 2);
    ck_assert_int_eq(jdc_result_match(R, 0)->in_title, 1);
    ck_assert_int_eq(jdc_result_match(R, 1)->in_title, 0);
    ck_assert_uint_eq(run_flags(s, JDC_FLAG_NO_TITLE), 2);
    ck_assert_int_eq(jdc_result_match(R, 0)->in_title, 0);
}
END_TEST

START_TEST(invalid_bytes_between_words)
{
    /* invalid UTF-8 and NUL act as separators: spans still index the input */
    static const char s[] = "x \xFF" "feature\0\xC0\x80store\xED\xA0\x80 model";
    jdc_result_free(R);
    R = NULL;
    ck_assert_int_eq(jdc_classify(&R, M, s, sizeof s - 1, 0), JDC_OK);
    ck_assert_uint_eq(jdc_result_match_count(R), 2);
    match_is(0, "feature store", 3, 18);
    match_is(1, "model", 22, 27);
}
END_TEST

START_TEST(models_do_not_share_memo)
{
    /* two models in one thread: the per-thread memo must not leak word ids
     * from one model into the other, even when a model is freed and a new
     * one lands at the same address */
    char *dir2 = unit_tmpdir();
    unit_write_str(dir2, "model.conf", model_conf);
    unit_write_str(dir2, "t.terms",
                   "%format jdclass-terms 1\n"
                   "spark | - | mlops | compute | 2 | -\n"
                   "model | - | llmops | practice | 1 | -\n");
    for (int round = 0; round < 4; round++) {
        jdc_model *m2 = NULL;
        ck_assert_int_eq(jdc_model_load(&m2, dir2), JDC_OK);
        ck_assert_uint_eq(run("spark sparks model"), 1);
        match_is(0, "model", 13, 18);
        ck_assert_str_eq(jdc_result_match(R, 0)->track, "ml");
        jdc_result *r2 = NULL;
        ck_assert_int_eq(jdc_classify(&r2, m2, "spark sparks model", 18,
                                      JDC_FLAG_NO_TITLE),
                         JDC_OK);
        ck_assert_uint_eq(jdc_result_match_count(r2), 3);
        ck_assert_str_eq(jdc_result_match(r2, 0)->term, "spark");
        ck_assert_str_eq(jdc_result_match(r2, 1)->term, "spark");
        ck_assert_str_eq(jdc_result_match(r2, 2)->track, "llmops");
        jdc_result_free(r2);
        jdc_model_free(m2);
    }
    unit_rmtree(dir2);
}
END_TEST

START_TEST(many_distinct_words)
{
    /* more distinct words than the per-thread memo keeps between calls:
     * results before, during and after are the same */
    static const char probe[] = "Feature Stores, model registry API, Spark";
    ck_assert_uint_eq(run(probe), 3);
    match_is(0, "feature store", 0, 14);
    match_is(1, "model registry api", 16, 34);
    match_is(2, "Spark", 36, 41);
    const size_t nwords = 150000;
    size_t cap = nwords * 12 + sizeof probe;
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    size_t len = 0;
    for (size_t i = 0; i < nwords; i++)
        len += (size_t)snprintf(text + len, cap - len, "w%zux ", i);
    memcpy(text + len, probe, sizeof probe);
    len += sizeof probe - 1;
    for (int round = 0; round < 2; round++) {
        jdc_result_free(R);
        R = NULL;
        ck_assert_int_eq(jdc_classify(&R, M, text, len, JDC_FLAG_NO_TITLE),
                         JDC_OK);
        ck_assert_uint_eq(jdc_result_match_count(R), 3);
        size_t off = len - (sizeof probe - 1);
        match_is(0, "feature store", off, off + 14);
        match_is(2, "Spark", off + 36, off + 41);
    }
    free(text);
    ck_assert_uint_eq(run(probe), 3);
    match_is(1, "model registry api", 16, 34);
}
END_TEST

START_TEST(million_repeats)
{
    static const char unit[] = "feature store ";
    const size_t ul = sizeof unit - 1, count = 1000000;
    size_t len = ul * count;
    char *text = malloc(len);
    ck_assert_ptr_nonnull(text);
    for (size_t i = 0; i < count; i++)
        memcpy(text + i * ul, unit, ul);
    jdc_result_free(R);
    R = NULL;
    ck_assert_int_eq(jdc_classify(&R, M, text, len, 0), JDC_OK);
    /* every occurrence is counted; the first JDC_MATCHES_PER_TERM_MAX are
     * kept, in order */
    ck_assert_uint_eq(jdc_result_match_total(R), count);
    ck_assert_uint_eq(jdc_result_match_count(R), JDC_MATCHES_PER_TERM_MAX);
    for (size_t i = 0; i < JDC_MATCHES_PER_TERM_MAX; i++) {
        const jdc_match *m = jdc_result_match(R, i);
        if (m->start != i * ul || m->end != i * ul + 13)
            ck_abort_msg("match %zu at [%zu,%zu)", i, m->start, m->end);
    }
    ck_assert_ptr_null(jdc_result_match(R, JDC_MATCHES_PER_TERM_MAX));
    /* the contribution counts every body occurrence */
    ck_assert_uint_eq(jdc_result_contribution_count(R), 1);
    ck_assert_uint_eq(jdc_result_contribution(R, 0)->count, count);
    char *js = jdc_result_json(R, NULL);
    ck_assert_ptr_nonnull(js);
    ck_assert_ptr_nonnull(strstr(js, "\"matches_omitted\":999900,"));
    jdc_free(js);
    /* repeated evidence is capped: the score is a proper probability */
    ck_assert_double_ge(jdc_result_score(R), 0);
    ck_assert_double_le(jdc_result_score(R), 1);
    free(text);
}
END_TEST

/* Units are walked in windows of 4,096 (lib/match.c): a posting repeated
 * 40 times (far more than one window) gives exactly 40 times the matches of
 * one copy, each at the offset of a match of the copy. */
START_TEST(windowed_walk_same_hits)
{
    size_t plen;
    char *one = unit_read(JDCLASS_SOURCE_DIR "/examples/hybrid-ml-engineer.md",
                          &plen);
    const size_t copies = 40, stride = plen + 2;
    char *text = malloc(stride * copies);
    ck_assert_ptr_nonnull(text);
    for (size_t k = 0; k < copies; k++) {
        memcpy(text + k * stride, one, plen);
        memcpy(text + k * stride + plen, "\n\n", 2);
    }
    const jdc_model *dm = jdc_model_default();
    jdc_result *r1 = NULL, *rn = NULL;
    ck_assert_int_eq(jdc_classify(&r1, dm, text, stride, JDC_FLAG_NO_TITLE),
                     JDC_OK);
    ck_assert_int_eq(jdc_classify(&rn, dm, text, stride * copies,
                                  JDC_FLAG_NO_TITLE), JDC_OK);
    size_t n1 = jdc_result_match_total(r1);
    ck_assert_uint_gt(n1, 20);
    ck_assert_uint_eq(jdc_result_match_total(rn), n1 * copies);
    for (size_t i = 0; i < jdc_result_match_count(rn); i++) {
        const jdc_match *m = jdc_result_match(rn, i);
        size_t off = m->start / stride * stride, k;
        for (k = 0; k < jdc_result_match_count(r1); k++) {
            const jdc_match *a = jdc_result_match(r1, k);
            if (a->start + off == m->start && a->end + off == m->end &&
                !strcmp(a->term, m->term))
                break;
        }
        ck_assert_msg(k < jdc_result_match_count(r1),
                      "match %zu (%s at %zu) is not in the single copy", i,
                      m->term, m->start);
    }
    jdc_result_free(r1);
    jdc_result_free(rn);
    free(text);
    free(one);
}
END_TEST

Suite *match_suite(void)
{
    Suite *s = suite_create("match");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, phrase_with_stemming);
    tcase_add_test(tc, longest_match_wins);
    tcase_add_test(tc, leftmost_longest_non_overlapping);
    tcase_add_test(tc, case_sensitive_term);
    tcase_add_test(tc, literal_not_stemmed);
    tcase_add_test(tc, hyphenated_term);
    tcase_add_test(tc, joined_groups);
    tcase_add_test(tc, no_match_across_sentence_end);
    tcase_add_test(tc, title_matches);
    tcase_add_test(tc, invalid_bytes_between_words);
    tcase_add_test(tc, models_do_not_share_memo);
    suite_add_tcase(s, tc);

    tc = tcase_create("large");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 100);
    tcase_add_test(tc, million_repeats);
    tcase_add_test(tc, windowed_walk_same_hits);
    tcase_add_test(tc, many_distinct_words);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return unit_run(match_suite()); }
