/* Unit tests of the scorer (lib/score.c) through jdc_classify() with a test
 * model: labels for clear-cut texts, title weight, the repetition cap, and
 * the range of every score. The tests pin properties, not tuning constants. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "unit.h"

static const char model_conf[] =
    "%format jdclass-model 1\nname = unit-score\nversion = 0.0.1\n";

static const char model_terms[] =
    "%format jdclass-terms 1\n"
    "# mlops\n"
    "Kubeflow | - | mlops | orchestration | 4 | literal\n"
    "MLflow | - | mlops | registry | 4 | literal\n"
    "feature store | - | mlops | feature-store | 3 | -\n"
    "model registry | - | mlops | registry | 3 | -\n"
    "drift monitoring | data drift | mlops | monitoring | 3 | -\n"
    "retraining pipeline | - | mlops | pipeline | 4 | -\n"
    "experiment tracking | - | mlops | registry | 3 | -\n"
    "# llmops\n"
    "RAG | retrieval-augmented generation | llmops | retrieval | 4 | literal\n"
    "vector database | - | llmops | vector-store | 3 | -\n"
    "prompt engineering | - | llmops | prompting | 3 | -\n"
    "LLM evaluation | LLM evals | llmops | evaluation | 4 | -\n"
    "guardrails | - | llmops | guardrails | 3 | -\n"
    "vLLM | - | llmops | serving | 4 | literal\n"
    "LangChain | - | llmops | framework | 3 | literal\n"
    "# ml\n"
    "machine learning | - | ml | practice | 2 | -\n"
    "model serving | - | ml | serving | 2 | -\n"
    "# shared\n"
    "Kubernetes | k8s | shared | infra | 1 | literal\n"
    "Docker | - | shared | infra | 1 | literal\n"
    "Terraform | - | shared | infra | 1 | literal\n"
    "AWS | - | shared | cloud | 1 | literal\n"
    "# other\n"
    "data analyst | - | other | role-title | 4 | -\n"
    "Tableau | - | other | bi | 3 | literal\n"
    "dashboards | - | other | bi | 2 | -\n";

/* twenty distinct mlops terms of weight 1: zqa .. zqt */
static char synth_terms[2048];

static char *dir;
static jdc_model *M;

static void setup(void)
{
    dir = unit_tmpdir();
    unit_write_str(dir, "model.conf", model_conf);
    unit_write_str(dir, "a.terms", model_terms);
    size_t n = (size_t)snprintf(synth_terms, sizeof synth_terms,
                                "%%format jdclass-terms 1\n");
    for (char c = 'a'; c <= 't'; c++)
        n += (size_t)snprintf(synth_terms + n, sizeof synth_terms - n,
                              "zq%c | - | mlops | synthetic | 1 | literal\n",
                              c);
    unit_write_str(dir, "b.terms", synth_terms);
    ck_assert_msg(jdc_model_load(&M, dir) == JDC_OK, "load: %s",
                  jdc_error_last());
}

static void teardown(void)
{
    jdc_model_free(M);
    M = NULL;
    unit_rmtree(dir);
    dir = NULL;
}

static void check_ranges(const jdc_result *r, const char *text)
{
    double s = jdc_result_score(r);
    ck_assert_msg(s >= 0 && s <= 1, "score %g out of range for '%.60s'", s,
                  text);
    double ml = jdc_result_track_score(r, JDC_TRACK_MLOPS);
    double llm = jdc_result_track_score(r, JDC_TRACK_LLMOPS);
    for (int t = JDC_TRACK_OTHER; t <= JDC_TRACK_HYBRID; t++) {
        double x = jdc_result_track_score(r, (jdc_track)t);
        ck_assert_msg(x >= 0 && x <= 1, "track %d score %g out of range", t,
                      x);
    }
    /* the documented relations between the per-track scores */
    ck_assert_double_eq(jdc_result_track_score(r, JDC_TRACK_HYBRID),
                        ml < llm ? ml : llm);
    ck_assert_double_eq(jdc_result_track_score(r, JDC_TRACK_OTHER),
                        1.0 - (ml > llm ? ml : llm));
    ck_assert_double_eq(jdc_result_track_score(r, (jdc_track)42), 0);
    ck_assert_double_eq(jdc_result_track_score(r, (jdc_track)-1), 0);
    jdc_track l = jdc_result_label(r);
    ck_assert(l >= JDC_TRACK_OTHER && l <= JDC_TRACK_HYBRID);
}

static jdc_result *classify(const char *text, unsigned flags)
{
    jdc_result *r = NULL;
    int rc = jdc_classify(&r, M, text, strlen(text), flags);
    ck_assert_msg(rc == JDC_OK, "classify: %s", jdc_error_last());
    check_ranges(r, text);
    return r;
}

static void label_is(const char *text, jdc_track want)
{
    jdc_result *r = classify(text, 0);
    ck_assert_msg(jdc_result_label(r) == want,
                  "label %s (score %.3f, mlops %.3f, llmops %.3f), expected "
                  "%s for '%.80s'",
                  jdc_track_name(jdc_result_label(r)), jdc_result_score(r),
                  jdc_result_track_score(r, JDC_TRACK_MLOPS),
                  jdc_result_track_score(r, JDC_TRACK_LLMOPS),
                  jdc_track_name(want), text);
    jdc_result_free(r);
}

/* The clear-cut postings put their evidence under a "Responsibilities:"
 * heading, where matches count fully (text before any heading counts less). */
static const char MLOPS_TEXT[] =
    "Senior Platform Engineer\n"
    "Responsibilities:\n"
    "- run Kubeflow and MLflow\n"
    "- own the feature store and the model registry\n"
    "- build the retraining pipeline, set up drift monitoring and experiment "
    "tracking\n"
    "- support model serving on Kubernetes\n";

static const char LLMOPS_TEXT[] =
    "Senior Platform Engineer\n"
    "Responsibilities:\n"
    "- build RAG on a vector database with LangChain\n"
    "- own prompt engineering and LLM evaluation\n"
    "- add guardrails\n"
    "- serve models with vLLM on Kubernetes and AWS\n";

static const char HYBRID_TEXT[] =
    "Senior Platform Engineer\n"
    "Responsibilities:\n"
    "- classical side: Kubeflow, MLflow, feature store, model registry, drift "
    "monitoring and the retraining pipeline\n"
    "- LLM side: RAG on a vector database, LangChain, prompt engineering, LLM "
    "evaluation, guardrails and vLLM serving\n";

START_TEST(empty_text)
{
    jdc_result *r = classify("", 0);
    ck_assert_int_eq(jdc_result_label(r), JDC_TRACK_OTHER);
    ck_assert_double_eq(jdc_result_score(r), 0);
    ck_assert_double_eq(jdc_result_track_score(r, JDC_TRACK_MLOPS), 0);
    ck_assert_double_eq(jdc_result_track_score(r, JDC_TRACK_LLMOPS), 0);
    ck_assert_uint_eq(jdc_result_match_count(r), 0);
    jdc_result_free(r);
    /* NULL text with length 0 is the empty text too */
    r = NULL;
    ck_assert_int_eq(jdc_classify(&r, M, NULL, 0, 0), JDC_OK);
    ck_assert_int_eq(jdc_result_label(r), JDC_TRACK_OTHER);
    ck_assert_double_eq(jdc_result_score(r), 0);
    jdc_result_free(r);
}
END_TEST

START_TEST(no_terms_is_other)
{
    jdc_result *r = classify("Store manager\nGreat team, flexible hours.", 0);
    ck_assert_int_eq(jdc_result_label(r), JDC_TRACK_OTHER);
    ck_assert_uint_eq(jdc_result_match_count(r), 0);
    jdc_result_free(r);
}
END_TEST

START_TEST(shared_infra_only_is_other)
{
    const char *s = "DevOps Engineer\nResponsibilities:\n"
                    "Kubernetes, Docker, Terraform and AWS. "
                    "More Kubernetes, Docker, Terraform and AWS. k8s k8s.";
    jdc_result *r = classify(s, 0);
    ck_assert_uint_ge(jdc_result_match_count(r), 8);
    ck_assert_int_eq(jdc_result_label(r), JDC_TRACK_OTHER);
    ck_assert_double_lt(jdc_result_track_score(r, JDC_TRACK_MLOPS), 0.5);
    ck_assert_double_lt(jdc_result_track_score(r, JDC_TRACK_LLMOPS), 0.5);
    jdc_result_free(r);
}
END_TEST

START_TEST(mlops_text)
{
    label_is(MLOPS_TEXT, JDC_TRACK_MLOPS);
    jdc_result *r = classify(MLOPS_TEXT, 0);
    ck_assert_double_gt(jdc_result_track_score(r, JDC_TRACK_MLOPS),
                        jdc_result_track_score(r, JDC_TRACK_LLMOPS));
    ck_assert_double_gt(jdc_result_score(r), 0.5);
    jdc_result_free(r);
}
END_TEST

START_TEST(llmops_text)
{
    label_is(LLMOPS_TEXT, JDC_TRACK_LLMOPS);
    jdc_result *r = classify(LLMOPS_TEXT, 0);
    ck_assert_double_gt(jdc_result_track_score(r, JDC_TRACK_LLMOPS),
                        jdc_result_track_score(r, JDC_TRACK_MLOPS));
    ck_assert_double_gt(jdc_result_score(r), 0.5);
    jdc_result_free(r);
}
END_TEST

START_TEST(hybrid_text)
{
    label_is(HYBRID_TEXT, JDC_TRACK_HYBRID);
    jdc_result *r = classify(HYBRID_TEXT, 0);
    ck_assert_double_gt(jdc_result_track_score(r, JDC_TRACK_MLOPS), 0.5);
    ck_assert_double_gt(jdc_result_track_score(r, JDC_TRACK_LLMOPS), 0.5);
    jdc_result_free(r);
}
END_TEST

START_TEST(other_terms_dominate)
{
    /* a data analyst posting that mentions machine learning in passing */
    label_is("Data Analyst\nResponsibilities:\nAs a data analyst you build "
             "Tableau dashboards; our company also does machine learning.",
             JDC_TRACK_OTHER);
}
END_TEST

START_TEST(title_counts_more)
{
    jdc_result *t = classify("Kubeflow Engineer\nJoin our team.", 0);
    jdc_result *b = classify("Platform Engineer\nJoin our team using Kubeflow.", 0);
    ck_assert_uint_eq(jdc_result_match_count(t), 1);
    ck_assert_uint_eq(jdc_result_match_count(b), 1);
    ck_assert_int_eq(jdc_result_match(t, 0)->in_title, 1);
    ck_assert_int_eq(jdc_result_match(b, 0)->in_title, 0);
    ck_assert_double_gt(jdc_result_track_score(t, JDC_TRACK_MLOPS),
                        jdc_result_track_score(b, JDC_TRACK_MLOPS));
    jdc_result_free(t);
    /* with JDC_FLAG_NO_TITLE the first line is body text like any other */
    t = classify("Kubeflow Engineer\nJoin our team.", JDC_FLAG_NO_TITLE);
    ck_assert_int_eq(jdc_result_match(t, 0)->in_title, 0);
    ck_assert_double_eq_tol(jdc_result_track_score(t, JDC_TRACK_MLOPS),
                            jdc_result_track_score(b, JDC_TRACK_MLOPS), 1e-12);
    jdc_result_free(t);
    jdc_result_free(b);
}
END_TEST

START_TEST(repetition_is_capped)
{
    char rep[256], dis[256];
    size_t nr = 0, nd = 0;
    rep[0] = dis[0] = '\0';
    for (char c = 'a'; c <= 't'; c++) {
        nr += (size_t)snprintf(rep + nr, sizeof rep - nr, "zqa ");
        nd += (size_t)snprintf(dis + nd, sizeof dis - nd, "zq%c ", c);
    }
    jdc_result *r = classify(rep, JDC_FLAG_NO_TITLE);
    jdc_result *d = classify(dis, JDC_FLAG_NO_TITLE);
    ck_assert_uint_eq(jdc_result_match_count(r), 20);
    ck_assert_uint_eq(jdc_result_match_count(d), 20);
    double sr = jdc_result_track_score(r, JDC_TRACK_MLOPS);
    double sd = jdc_result_track_score(d, JDC_TRACK_MLOPS);
    ck_assert_msg(sr < sd, "20 repeats score %g, 20 distinct %g", sr, sd);
    /* but a repeat still adds something over a single mention */
    jdc_result *one = classify("zqa", JDC_FLAG_NO_TITLE);
    ck_assert_double_gt(sr, jdc_result_track_score(one, JDC_TRACK_MLOPS));
    /* and more distinct terms never score less */
    jdc_result *ten = classify("zqa zqb zqc zqd zqe zqf zqg zqh zqi zqj",
                               JDC_FLAG_NO_TITLE);
    ck_assert_double_lt(jdc_result_track_score(ten, JDC_TRACK_MLOPS), sd);
    jdc_result_free(one);
    jdc_result_free(ten);
    jdc_result_free(r);
    jdc_result_free(d);
}
END_TEST

START_TEST(scores_in_range)
{
    /* pseudo-random mixtures of all the vocabulary, repeated or not */
    static const char *words[] = {
        "Kubeflow", "MLflow", "feature store", "model registry",
        "drift monitoring", "retraining pipeline", "experiment tracking",
        "RAG", "vector database", "prompt engineering", "LLM evaluation",
        "guardrails", "vLLM", "LangChain", "machine learning",
        "model serving", "Kubernetes", "Docker", "Terraform", "AWS",
        "data analyst", "Tableau", "dashboards", "hello", "world", ".", "\n",
        "zqa", "zqb"};
    const size_t nw = sizeof words / sizeof *words;
    uint32_t x = 12345;
    char *text = malloc(65536);
    ck_assert_ptr_nonnull(text);
    for (int round = 0; round < 300; round++) {
        size_t n = 0;
        x = x * 1103515245u + 12345u;
        size_t count = (x >> 8) % (round < 100 ? 20 : 2000);
        for (size_t i = 0; i < count; i++) {
            x = x * 1103515245u + 12345u;
            const char *w = words[(x >> 10) % nw];
            size_t l = strlen(w);
            if (n + l + 2 >= 65536)
                break;
            memcpy(text + n, w, l);
            n += l;
            text[n++] = ' ';
        }
        text[n] = '\0';
        jdc_result *r = classify(text, round & 1 ? JDC_FLAG_NO_TITLE : 0);
        jdc_result_free(r);
    }
    free(text);
}
END_TEST

Suite *score_suite(void)
{
    Suite *s = suite_create("score");
    TCase *tc = tcase_create("labels");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, empty_text);
    tcase_add_test(tc, no_terms_is_other);
    tcase_add_test(tc, shared_infra_only_is_other);
    tcase_add_test(tc, mlops_text);
    tcase_add_test(tc, llmops_text);
    tcase_add_test(tc, hybrid_text);
    tcase_add_test(tc, other_terms_dominate);
    suite_add_tcase(s, tc);

    tc = tcase_create("evidence");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, title_counts_more);
    tcase_add_test(tc, repetition_is_capped);
    tcase_add_test(tc, scores_in_range);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return unit_run(score_suite()); }
