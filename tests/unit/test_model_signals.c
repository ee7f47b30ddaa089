/* Unit tests of the model loader for the `*.signals` and `*.cues` files
 * (format in models/README.md), through the public API: small models in
 * temporary directories (model.conf, one .terms file, and the .signals /
 * .cues files under test) are loaded with jdc_model_load() and run with
 * jdc_classify(); every kind of malformed line is rejected with
 * JDC_EFORMAT and "<path>:<line>: <reason>", and nothing is loaded.
 *
 * The "regressions" cases pin library bugs these tests found (now fixed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jdclass.h"
#include "unit.h"

#define CONF_OK "%format jdclass-model 1\nname = sig-test\nversion = 1.0\n"
#define TERMS                                                                 \
    "%format jdclass-terms 1\n"                                               \
    "MLOps engineer | - | mlops | role-title | 6 | -\n"                       \
    "feature store | - | mlops | feature-store | 3 | -\n"                     \
    "Grafana | - | shared | monitoring | 0.5 | literal\n"
#define SIG_HEAD "%format jdclass-signals 1\n"
#define CUES_HEAD "%format jdclass-cues 1\n"
#define SIG_GOOD "fs | green | all | any {feature store} | A feature store.\n"

static char *dir;

static void setup(void)
{
    dir = unit_tmpdir();
    unit_write_str(dir, "model.conf", CONF_OK);
    unit_write_str(dir, "a.terms", TERMS);
}

static void teardown(void)
{
    unit_rmtree(dir);
    dir = NULL;
}

static jdc_model *load_expect(int want)
{
    jdc_model *m = (jdc_model *)&m; /* poison: must be overwritten */
    int rc = jdc_model_load(&m, dir);
    ck_assert_msg(rc == want, "jdc_model_load = %d (%s), expected %d; %s", rc,
                  jdc_strerror(rc), want, jdc_error_last());
    if (want == JDC_OK)
        ck_assert_ptr_nonnull(m);
    else
        ck_assert_ptr_null(m);
    return m;
}

static jdc_result *run(const jdc_model *m, const char *text)
{
    jdc_result *r = NULL;
    int rc = jdc_classify(&r, m, text, strlen(text), JDC_FLAG_DEFAULT);
    ck_assert_msg(rc == JDC_OK, "jdc_classify: %s", jdc_error_last());
    return r;
}

static const jdc_signal *find_signal(const jdc_result *r, const char *id)
{
    for (size_t i = 0; i < jdc_result_signal_count(r); i++)
        if (!strcmp(jdc_result_signal(r, i)->id, id))
            return jdc_result_signal(r, i);
    return NULL;
}

static int fires(const jdc_model *m, const char *text, const char *id)
{
    jdc_result *r = run(m, text);
    int f = find_signal(r, id) != NULL;
    jdc_result_free(r);
    return f;
}

/* Does the evidence of `id` on `text` span exactly `sentence`? */
static void expect_span(const jdc_model *m, const char *text, const char *id,
                        const char *sentence)
{
    jdc_result *r = run(m, text);
    const jdc_signal *s = find_signal(r, id);
    ck_assert_msg(s != NULL, "%s did not fire on '%s'", id, text);
    const char *at = strstr(text, sentence);
    ck_assert_ptr_nonnull(at);
    size_t ts = (size_t)(at - text);
    ck_assert_msg(s->start <= ts && ts + strlen(sentence) <= s->end &&
                      s->end <= strlen(text),
                  "%s: span [%zu,%zu) does not hold '%s'", id, s->start,
                  s->end, sentence);
    jdc_result_free(r);
}

/* ---- valid files ------------------------------------------------------------ */

START_TEST(signals_load_and_fire)
{
    unit_write_str(
        dir, "flags.signals",
        SIG_HEAD
        "# id | polarity | where | rule | message\n"
        "\n"
        "fs | green | role, requirements | any {feature store; =Feast} | "
        "A feature store.\n"
        "gpu-notebook | red | all | near 3 {notebook; notebooks} {GPU; "
        "training job} | Notebooks on GPUs.\n"
        "infra-mon | red | duties, in-scope | without {Grafana} {drift; model "
        "monitoring} | Infrastructure monitoring only.\n"
        "three | red | all | all {alpha} {beta} {gamma} {delta} | Four "
        "groups.\n"
        "nice | green | nice-to-have | any {Tecton} | Nice to have.\n"
        "  fs | green | benefits | any {featurestore} | A feature store.\n");
    jdc_model *m = load_expect(JDC_OK);
    ck_assert_str_eq(jdc_model_name(m), "sig-test");

    static const char text[] =
        "# MLOps Engineer\n\n## What you will do\n"
        "Build our feature store.\n"
        "Run GPU jobs in notebooks.\n"
        "Keep Grafana green.\n"
        "alpha beta gamma delta\n";
    jdc_result *r = run(m, text);
    /* in the model's rule order, each with its fields */
    static const struct {
        const char *id, *pol, *msg, *sentence;
    } want[] = {
        {"fs", "green", "A feature store.", "Build our feature store"},
        {"gpu-notebook", "red", "Notebooks on GPUs.",
         "Run GPU jobs in notebooks"},
        {"infra-mon", "red", "Infrastructure monitoring only.",
         "Keep Grafana green"},
        {"three", "red", "Four groups.", "alpha beta gamma delta"},
    };
    ck_assert_uint_eq(jdc_result_signal_count(r), 4);
    for (size_t i = 0; i < 4; i++) {
        const jdc_signal *s = jdc_result_signal(r, i);
        ck_assert_str_eq(s->id, want[i].id);
        ck_assert_str_eq(s->polarity, want[i].pol);
        ck_assert_str_eq(s->message, want[i].msg);
        const char *at = strstr(text, want[i].sentence);
        size_t ts = (size_t)(at - text);
        ck_assert_uint_le(s->start, ts);
        ck_assert_uint_ge(s->end, ts + strlen(want[i].sentence));
        ck_assert_uint_le(s->end, sizeof text - 1);
    }
    jdc_result_free(r);

    /* where: `fs` in the benefits only through its second rule's phrase */
    ck_assert(!fires(m, "# MLOps Engineer\n\n## Benefits\nfeature store\n",
                     "fs"));
    ck_assert(fires(m, "# MLOps Engineer\n\n## Benefits\nfeaturestore\n",
                    "fs"));
    ck_assert(!fires(m, "# MLOps Engineer\n\n## About us\nfeature store\n",
                     "fs"));
    ck_assert(fires(m, "# MLOps Engineer\n\n## Requirements\nfeature store\n",
                    "fs"));
    ck_assert(fires(m, "# Nice\n\n## Nice to have\nTecton\n", "nice"));
    ck_assert(!fires(m, "# Nice\n\n## What you will do\nTecton\n", "nice"));
    /* =Feast is exact-case */
    ck_assert(fires(m, "# MLOps Engineer\n\n## What you will do\nRun Feast.\n",
                    "fs"));
    ck_assert(!fires(m, "# MLOps Engineer\n\n## What you will do\nA feast.\n",
                     "fs"));
    /* in-scope: the same text without the title is `other` */
    ck_assert(fires(m, "# MLOps Engineer\n\n## What you will do\nGrafana.\n",
                    "infra-mon"));
    ck_assert(!fires(m, "# Someone\n\n## What you will do\nGrafana.\n",
                     "infra-mon"));
    /* without: any mention of B, anywhere, stops it */
    ck_assert(!fires(m, "# MLOps Engineer\n\n## What you will do\nGrafana.\n"
                        "\n## About us\nWe fight drift.\n",
                     "infra-mon"));
    /* all: every group needed */
    ck_assert(!fires(m, "alpha beta gamma", "three"));
    jdc_model_free(m);
}
END_TEST

START_TEST(near_window)
{
    unit_write_str(dir, "x.signals",
                   SIG_HEAD "n2 | red | all | near 2 {alpha} {omega} | Two.\n"
                            "n50 | red | all | near 50 {first} {last} | "
                            "Fifty.\n");
    jdc_model *m = load_expect(JDC_OK);
    ck_assert(fires(m, "alpha omega", "n2"));
    ck_assert(fires(m, "alpha x omega", "n2"));
    ck_assert(!fires(m, "alpha x y omega", "n2"));
    ck_assert(fires(m, "omega x alpha", "n2")); /* either order */
    ck_assert(!fires(m, "omega x y alpha", "n2"));
    ck_assert(!fires(m, "alpha. omega", "n2")); /* another sentence */
    ck_assert(!fires(m, "alpha; omega", "n2"));
    ck_assert(!fires(m, "alpha", "n2"));
    /* the closest pair counts, not the first */
    ck_assert(fires(m, "alpha a b c d omega alpha", "n2"));
    expect_span(m, "Intro line. Then alpha x omega here. Outro.", "n2",
                "Then alpha x omega here");
    /* a long window: 50 words apart fires, 51 does not */
    char text[1024];
    size_t k = (size_t)snprintf(text, sizeof text, "first");
    for (int i = 0; i < 49; i++)
        k += (size_t)snprintf(text + k, sizeof text - k, " w");
    snprintf(text + k, sizeof text - k, " last");
    ck_assert(fires(m, text, "n50"));
    snprintf(text + k, sizeof text - k, " w last");
    ck_assert(!fires(m, text, "n50"));
    jdc_model_free(m);
}
END_TEST

START_TEST(then_window)
{
    /* then: the first group's phrase before the second's */
    unit_write_str(dir, "x.signals",
                   SIG_HEAD "t2 | red | all | then 2 {alpha} {omega} | Two.\n");
    jdc_model *m = load_expect(JDC_OK);
    ck_assert(fires(m, "alpha omega", "t2"));
    ck_assert(fires(m, "alpha x omega", "t2"));
    ck_assert(!fires(m, "alpha x y omega", "t2"));
    ck_assert(!fires(m, "omega alpha", "t2")); /* the wrong order */
    ck_assert(!fires(m, "omega x alpha", "t2"));
    ck_assert(!fires(m, "alpha. omega", "t2")); /* another sentence */
    ck_assert(fires(m, "omega alpha x omega", "t2"));
    expect_span(m, "Intro line. Then alpha x omega here. Outro.", "t2",
                "Then alpha x omega here");
    jdc_model_free(m);
}
END_TEST

START_TEST(cues_skill_and_company)
{
    unit_write_str(dir, "x.signals",
                   SIG_HEAD SIG_GOOD
                   "fs2 | green | all, skills | any {feature store} | As "
                   "skills too.\n"
                   "fsr | green | role | any {feature store} | Role only.\n");
    unit_write_str(dir, "context.cues",
                   CUES_HEAD "skill | experience; familiarity\n"
                             "company | startup\n");
    jdc_model *m = load_expect(JDC_OK);
    /* a skill word among the first three words: only `skills` rules */
    ck_assert(!fires(m, "Experience with a feature store.", "fs"));
    ck_assert(!fires(m, "Hands-on experience with a feature store.", "fs"));
    ck_assert(fires(m, "Experience with a feature store.", "fs2"));
    /* further on, the word says nothing about the sentence */
    ck_assert(fires(m, "We built a feature store from our experience.", "fs"));
    ck_assert(fires(m, "Experience matters. We run a feature store.", "fs"));
    /* company: the sentence counts as the company section */
    ck_assert(fires(m, "We run a feature store.", "fsr"));
    ck_assert(!fires(m, "We are a startup with a feature store.", "fsr"));
    ck_assert(fires(m, "We are a startup with a feature store.", "fs"));
    jdc_model_free(m);
}
END_TEST

START_TEST(cues_negation_and_process)
{
    /* Without a cues file, "no" is an ordinary word. */
    unit_write_str(dir, "x.signals", SIG_HEAD SIG_GOOD);
    jdc_model *m = load_expect(JDC_OK);
    jdc_result *r = run(m, "We have no feature store.");
    ck_assert_ptr_nonnull(find_signal(r, "fs"));
    ck_assert_uint_eq(jdc_result_match_count(r), 1);
    ck_assert_int_eq(jdc_result_match(r, 0)->negated, 0);
    jdc_result_free(r);
    jdc_model_free(m);

    /* With cues: negation, not-negation and process words from the file. */
    unit_write_str(dir, "context.cues",
                   CUES_HEAD "# kind | words\n"
                             "negation | no; nope\n"
                             "not-negation | merely\n"
                             "process | audition\n");
    m = load_expect(JDC_OK);
    r = run(m, "We have no feature store.");
    ck_assert_ptr_null(find_signal(r, "fs"));
    ck_assert_uint_eq(jdc_result_match_count(r), 1);
    ck_assert_int_eq(jdc_result_match(r, 0)->negated, 1);
    ck_assert_uint_eq(jdc_result_contribution_count(r), 0);
    jdc_result_free(r);
    ck_assert(!fires(m, "Nope, feature store is missing.", "fs"));
    ck_assert(fires(m, "No. The feature store is there.", "fs"));
    ck_assert(fires(m, "No merely feature store work.", "fs"));
    /* "not" is not a cue of this model */
    ck_assert(fires(m, "We do not lack a feature store.", "fs"));
    /* process: the sentence counts as benefits */
    r = run(m, "# MLOps Engineer\n\n## What you will do\n"
               "In the audition we discuss the feature store.\n");
    ck_assert_uint_eq(jdc_result_match_count(r), 2);
    ck_assert_str_eq(jdc_result_match(r, 1)->section, "benefits");
    jdc_result_free(r);
    jdc_model_free(m);
}
END_TEST

START_TEST(signals_across_files_in_name_order)
{
    unit_write_str(dir, "b.signals",
                   SIG_HEAD "second | red | all | any {feature store} | B.\n");
    unit_write_str(dir, "a.signals",
                   SIG_HEAD "first | green | all | any {feature store} | A.\n"
                            "second | red | all | any {Grafana} | B.\n");
    jdc_model *m = load_expect(JDC_OK);
    jdc_result *r = run(m, "feature store and Grafana");
    ck_assert_uint_eq(jdc_result_signal_count(r), 2);
    ck_assert_str_eq(jdc_result_signal(r, 0)->id, "first");
    ck_assert_str_eq(jdc_result_signal(r, 1)->id, "second");
    jdc_result_free(r);
    jdc_model_free(m);
}
END_TEST

START_TEST(other_valid_forms)
{
    unit_write_str(
        dir, "x.signals",
        "\xEF\xBB\xBF%format jdclass-signals 1\r\n"
        "# a comment\r\n"
        "pipe | green | all | any {a|b; c} | A bar inside braces.\r\n"
        "sal | red | all | builtin no-salary | No salary stated.\n"
        "mkt | red | all | builtin below-market | Below market.\n"
        "mkt2 | green | all | builtin above-market | Above market.\n"
        "w | red | intro, company, duties, requirements, nice-to-have, "
        "benefits, title, in-scope | near 1 {x} {y} | Every section.\n"
        "a-1-b | red | all | near 50 {x} {y} | Widest window.\n");
    jdc_model *m = load_expect(JDC_OK);
    ck_assert(fires(m, "c", "pipe"));
    /* builtin no-salary: computed by the library */
    ck_assert(fires(m, "c", "sal"));
    ck_assert(!fires(m, "Salary: \xC2\xA3""50,000 per year.", "sal"));
    jdc_model_free(m);
}
END_TEST

START_TEST(no_signals_file)
{
    jdc_model *m = load_expect(JDC_OK);
    jdc_result *r = run(m, "# MLOps Engineer\nfeature store\n");
    ck_assert_uint_eq(jdc_result_signal_count(r), 0);
    ck_assert_ptr_null(jdc_result_signal(r, 0));
    jdc_result_free(r);
    jdc_model_free(m);
}
END_TEST

/* ---- malformed files ------------------------------------------------------------ */

typedef struct bad_case {
    const char *what;
    const char *file;   /* "x.signals" or "x.cues" */
    const char *text;   /* its content */
    unsigned line;      /* expected line number */
    const char *reason; /* substring expected in the reason; NULL: any */
} bad_case;

#define S1 SIG_HEAD SIG_GOOD /* lines 1 and 2 */

static const bad_case bad[] = {
    /* format line */
    {"signals: missing format line", "x.signals", SIG_GOOD, 1, "%format"},
    {"signals: wrong format version", "x.signals",
     "%format jdclass-signals 2\n" SIG_GOOD, 1, "%format jdclass-signals 1"},
    {"signals: terms format", "x.signals", "%format jdclass-terms 1\n" SIG_GOOD,
     1, "%format jdclass-signals 1"},
    {"signals: empty file", "x.signals", "", 1, "format"},
    /* fields */
    {"4 fields", "x.signals", S1 "fs | green | all | any {feature store}\n", 3,
     "5 fields"},
    {"1 field", "x.signals", S1 "just words\n", 3, "5 fields"},
    {"6 fields", "x.signals",
     S1 "fs | green | all | any {feature store} | msg | extra\n", 3,
     "too many fields"},
    {"empty id", "x.signals", S1 " | green | all | any {a} | msg\n", 3, "id"},
    {"id too long", "x.signals",
     S1 "abcdefghij-abcdefghij-abcdefghij-abcdefghij | green | all | any {a} "
        "| msg\n",
     3, "id"},
    {"id upper case", "x.signals", S1 "Feature-Store | green | all | any {a} | "
                                      "msg\n",
     3, "a-z, 0-9"},
    {"id underscore", "x.signals", S1 "feature_store | green | all | any {a} | "
                                      "msg\n",
     3, "a-z, 0-9"},
    {"id with space", "x.signals", S1 "feature store | green | all | any {a} | "
                                      "msg\n",
     3, "a-z, 0-9"},
    {"polarity blue", "x.signals", S1 "x | blue | all | any {a} | msg\n", 3,
     "red or green"},
    {"polarity case", "x.signals", S1 "x | Green | all | any {a} | msg\n", 3,
     "red or green"},
    {"polarity empty", "x.signals", S1 "x |  | all | any {a} | msg\n", 3,
     "red or green"},
    {"same id, other polarity", "x.signals",
     S1 "# again\nfs | red | all | any {Grafana} | msg\n", 4,
     "other polarity"},
    {"unknown section", "x.signals", S1 "x | red | perks | any {a} | msg\n", 3,
     "unknown section"},
    {"unknown section in list", "x.signals",
     S1 "x | red | duties, about | any {a} | msg\n", 3, "unknown section"},
    {"section case", "x.signals", S1 "x | red | Duties | any {a} | msg\n", 3,
     "unknown section"},
    {"empty where", "x.signals", S1 "x | red |  | any {a} | msg\n", 3,
     "section"},
    {"in-scope without a section", "x.signals",
     S1 "x | red | in-scope | any {a} | msg\n", 3, "section"},
    {"unknown rule", "x.signals", S1 "x | red | all | some {a} | msg\n", 3,
     "unknown rule"},
    {"rule case", "x.signals", S1 "x | red | all | ANY {a} | msg\n", 3,
     "unknown rule"},
    {"empty rule", "x.signals", S1 "x | red | all |  | msg\n", 3, NULL},
    {"near without window", "x.signals",
     S1 "x | red | all | near {a} {b} | msg\n", 3, "window"},
    {"near 0", "x.signals", S1 "x | red | all | near 0 {a} {b} | msg\n", 3,
     "window"},
    {"near 51", "x.signals", S1 "x | red | all | near 51 {a} {b} | msg\n", 3,
     "window"},
    {"near -3", "x.signals", S1 "x | red | all | near -3 {a} {b} | msg\n", 3,
     "window"},
    {"near 5x", "x.signals", S1 "x | red | all | near 5x {a} {b} | msg\n", 3,
     NULL},
    {"missing '}'", "x.signals",
     S1 "x | red | all | any {a; b | msg\n", 3, NULL},
    {"missing '}' of the second group", "x.signals",
     S1 "x | red | all | near 3 {a} {b | msg\n", 3, NULL},
    {"stray '}'", "x.signals", S1 "x | red | all | any a} | msg\n", 3, NULL},
    {"group without '{'", "x.signals", S1 "x | red | all | any a | msg\n", 3,
     "'{'"},
    {"text after a group", "x.signals",
     S1 "x | red | all | any {a} extra | msg\n", 3, "'{'"},
    {"empty group", "x.signals", S1 "x | red | all | any {} | msg\n", 3,
     "empty phrase group"},
    {"group of empty phrases", "x.signals",
     S1 "x | red | all | any { ; ; } | msg\n", 3, "empty phrase group"},
    {"empty second group", "x.signals",
     S1 "x | red | all | near 3 {a} {} | msg\n", 3, "empty phrase group"},
    {"any with 2 groups", "x.signals", S1 "x | red | all | any {a} {b} | msg\n",
     3, "number of phrase groups"},
    {"any with no group", "x.signals", S1 "x | red | all | any | msg\n", 3,
     "number of phrase groups"},
    {"near with 1 group", "x.signals",
     S1 "x | red | all | near 3 {a} | msg\n", 3, "number of phrase groups"},
    {"near with 3 groups", "x.signals",
     S1 "x | red | all | near 3 {a} {b} {c} | msg\n", 3,
     "number of phrase groups"},
    {"without with 1 group", "x.signals",
     S1 "x | red | all | without {a} | msg\n", 3, "number of phrase groups"},
    {"without with 3 groups", "x.signals",
     S1 "x | red | all | without {a} {b} {c} | msg\n", 3,
     "number of phrase groups"},
    {"all with 1 group", "x.signals", S1 "x | red | all | all {a} | msg\n", 3,
     "number of phrase groups"},
    {"all with 5 groups", "x.signals",
     S1 "x | red | all | all {a} {b} {c} {d} {e} | msg\n", 3, "at most 4"},
    {"builtin with a group", "x.signals",
     S1 "x | red | all | builtin no-salary {a} | msg\n", 3, "builtin"},
    {"unknown builtin", "x.signals",
     S1 "x | red | all | builtin salary-missing | msg\n", 3, "unknown builtin"},
    {"builtin without a name", "x.signals",
     S1 "x | red | all | builtin | msg\n", 3, "builtin"},
    {"empty message", "x.signals", S1 "x | red | all | any {a} |   \n", 3,
     "empty message"},
    {"phrase of 9 tokens", "x.signals",
     S1 "x | red | all | any {a b c d e f g h i} | msg\n", 3, "8 tokens"},
    {"phrase without word characters", "x.signals",
     S1 "x | red | all | any {+++} | msg\n", 3, "word"},
    {"invalid UTF-8", "x.signals", S1 "x | red | all | any {caf\xC3(} | msg\n",
     3, "UTF-8"},
    /* cues */
    {"cues: missing format line", "x.cues", "negation | no\n", 1, "%format"},
    {"cues: wrong format", "x.cues", "%format jdclass-signals 1\nnegation | "
                                     "no\n",
     1, "%format jdclass-cues 1"},
    {"cues: unknown kind", "x.cues", CUES_HEAD "negations | no; not\n", 2,
     "unknown cue kind"},
    {"cues: kind case", "x.cues", CUES_HEAD "Negation | no\n", 2,
     "unknown cue kind"},
    {"cues: no '|'", "x.cues", CUES_HEAD "negation no not\n", 2, "kind |"},
    {"cues: multi-word cue", "x.cues", CUES_HEAD "# c\nnegation | no; no way\n",
     3, "single word"},
    {"cues: joined words", "x.cues", CUES_HEAD "process | job-interview\n", 2,
     "single word"},
    {"cues: empty cue", "x.cues", CUES_HEAD "negation | no;;not\n", 2,
     "empty cue"},
    {"cues: trailing ';'", "x.cues", CUES_HEAD "negation | no; not;\n", 2,
     "empty cue"},
    {"cues: no words", "x.cues", CUES_HEAD "process |\n", 2, "empty cue"},
    {"cues: invalid UTF-8", "x.cues", CUES_HEAD "negation | n\xFF\n", 2,
     "UTF-8"},
};
#define NBAD (sizeof bad / sizeof *bad)

START_TEST(malformed)
{
    const bad_case *c = &bad[_i];
    unit_write_str(dir, c->file, c->text);
    /* a good file of the other kind beside it changes nothing */
    if (strstr(c->file, ".cues"))
        unit_write_str(dir, "ok.signals", SIG_HEAD SIG_GOOD);
    else
        unit_write_str(dir, "ok.cues", CUES_HEAD "negation | no\n");
    load_expect(JDC_EFORMAT);
    const char *err = jdc_error_last();
    char prefix[4200];
    snprintf(prefix, sizeof prefix, "%s/%s:%u: ", dir, c->file, c->line);
    ck_assert_msg(!strncmp(err, prefix, strlen(prefix)),
                  "%s: message '%s' does not start with '%s'", c->what, err,
                  prefix);
    ck_assert_msg(strlen(err) > strlen(prefix), "%s: no reason in '%s'",
                  c->what, err);
    if (c->reason)
        ck_assert_msg(strstr(err + strlen(prefix), c->reason) != NULL,
                      "%s: message '%s' lacks '%s'", c->what, err, c->reason);
}
END_TEST

START_TEST(error_in_later_file_loads_nothing)
{
    /* an error in any file loads nothing, even after valid files */
    unit_write_str(dir, "a.signals", SIG_HEAD SIG_GOOD);
    unit_write_str(dir, "z.signals", SIG_HEAD SIG_GOOD "x | red | all | any "
                                              "{a} | \n");
    load_expect(JDC_EFORMAT);
    char want[4200];
    snprintf(want, sizeof want, "%s/z.signals:3: ", dir);
    ck_assert_msg(!strncmp(jdc_error_last(), want, strlen(want)), "%s",
                  jdc_error_last());
}
END_TEST

/* ---- regressions: library bugs found by these tests, now fixed --------------------------- */

/* An unclosed '{' hides the rest of the line from the field splitter, so
 * the reason is "expected 5 fields", not the missing '}'. */
START_TEST(known_bug_missing_brace_reason)
{
    unit_write_str(dir, "x.signals", S1 "x | red | all | any {a; b | msg\n");
    load_expect(JDC_EFORMAT);
    ck_assert_msg(strstr(jdc_error_last(), "'}'") != NULL,
                  "reason does not name the missing '}': %s",
                  jdc_error_last());
}
END_TEST

Suite *model_signals_suite(void)
{
    Suite *s = suite_create("model_signals");
    TCase *tc = tcase_create("valid");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, signals_load_and_fire);
    tcase_add_test(tc, near_window);
    tcase_add_test(tc, cues_negation_and_process);
    tcase_add_test(tc, then_window);
    tcase_add_test(tc, cues_skill_and_company);
    tcase_add_test(tc, signals_across_files_in_name_order);
    tcase_add_test(tc, other_valid_forms);
    tcase_add_test(tc, no_signals_file);
    suite_add_tcase(s, tc);

    tc = tcase_create("malformed");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, malformed, 0, (int)NBAD);
    tcase_add_test(tc, error_in_later_file_loads_nothing);
    suite_add_tcase(s, tc);

    {
        /* regressions of bugs found while writing these tests */
        tc = tcase_create("regressions");
        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_add_test(tc, known_bug_missing_brace_reason);
        suite_add_tcase(s, tc);
    }
    return s;
}

int main(void) { return unit_run(model_signals_suite()); }
