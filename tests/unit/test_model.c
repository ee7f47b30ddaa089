/* Unit tests of the model loader (lib/model.c): valid models, every kind
 * of malformed file with its "file:line: reason" message, I/O errors, and
 * the built-in default model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "unit.h"

#define CONF_OK "%format jdclass-model 1\nname = unit-test\nversion = 2026.1.0\n"
#define TERMS_HEAD "%format jdclass-terms 1\n"
#define GOOD "feature store | - | mlops | feature-store | 3 | -\n"

static char *dir;

static void setup(void) { dir = unit_tmpdir(); }
static void teardown(void)
{
    unit_rmtree(dir);
    dir = NULL;
}

/* Load `dir`; assert the status; the out pointer is NULL on failure. */
static jdc_model *load_expect(const char *d, int want)
{
    jdc_model *m = (jdc_model *)&m; /* poison: must be overwritten */
    int rc = jdc_model_load(&m, d);
    ck_assert_msg(rc == want, "jdc_model_load(%s) = %d (%s), expected %d; %s",
                  d, rc, jdc_strerror(rc), want, jdc_error_last());
    if (want != JDC_OK)
        ck_assert_ptr_null(m);
    else
        ck_assert_ptr_nonnull(m);
    return m;
}

/* ---- valid models ---------------------------------------------------------- */

START_TEST(valid_model)
{
    unit_write_str(dir, "model.conf", CONF_OK);
    unit_write_str(dir, "a.terms",
                   TERMS_HEAD
                   "# canonical | aliases | track | layer | weight | flags\n"
                   "\n"
                   "feature store | feature stores; featurestore | mlops | "
                   "feature-store | 3 | -\n"
                   "MLflow | ml flow | mlops | registry | 3 | literal\n"
                   "Go | Golang | shared | language | 0.3 | case\n"
                   "LLM-as-judge | - | llmops | evaluation | 4 | literal, case\n");
    unit_write_str(dir, "b.terms",
                   TERMS_HEAD "vLLM | - | llmops | serving | 10 | literal\n"
                              "data analyst | - | other | role-title | 0 | -\n");
    jdc_model *m = load_expect(dir, JDC_OK);
    ck_assert_str_eq(jdc_model_name(m), "unit-test");
    ck_assert_str_eq(jdc_model_version(m), "2026.1.0");
    ck_assert_uint_eq(jdc_model_term_count(m), 6);
    /* the terms are there with their fields, in file order */
    const jdc_term *t = jdc__model_term(m, 0);
    ck_assert_ptr_nonnull(t);
    ck_assert_str_eq(t->name, "feature store");
    ck_assert_str_eq(t->layer, "feature-store");
    ck_assert_int_eq(t->track, JDC_T_MLOPS);
    ck_assert_double_eq(t->weight, 3);
    ck_assert_uint_eq(t->flags, 0);
    t = jdc__model_term(m, 2);
    ck_assert_str_eq(t->name, "Go");
    ck_assert_uint_eq(t->flags, JDC_TERM_CASE | JDC_TERM_LITERAL);
    ck_assert_double_eq_tol(t->weight, 0.3, 1e-12);
    t = jdc__model_term(m, 3);
    ck_assert_str_eq(t->name, "LLM-as-judge");
    ck_assert_uint_eq(t->flags, JDC_TERM_CASE | JDC_TERM_LITERAL);
    t = jdc__model_term(m, 4);
    ck_assert_str_eq(t->name, "vLLM");
    ck_assert_int_eq(t->track, JDC_T_LLMOPS);
    ck_assert_double_eq(t->weight, 10);
    t = jdc__model_term(m, 5);
    ck_assert_int_eq(t->track, JDC_T_OTHER);
    ck_assert_double_eq(t->weight, 0);
    ck_assert_ptr_null(jdc__model_term(m, 6));
    ck_assert_ptr_null(jdc__model_term(m, -1));
    jdc_model_free(m);
}
END_TEST

START_TEST(internal_tables)
{
    unit_write_str(dir, "model.conf", CONF_OK);
    unit_write_str(dir, "a.terms",
                   TERMS_HEAD
                   "feature store | - | mlops | feature-store | 3 | -\n"
                   "MLflow | - | mlops | registry | 3 | literal\n"
                   "fine-tuning | - | llmops | fine-tuning | 3 | -\n"
                   "Spark | - | mlops | compute | 2 | case\n");
    jdc_model *m = load_expect(dir, JDC_OK);
    ck_assert(jdc__model_has_stems(m));
    /* a stemmed phrase: featur -> store */
    int32_t w1 = jdc__model_stem_word(m, "featur", 6);
    int32_t w2 = jdc__model_stem_word(m, "store", 5);
    ck_assert_int_ge(w1, 0);
    ck_assert_int_ge(w2, 0);
    int32_t n1 = jdc__model_step(m, 0, w1);
    ck_assert_int_gt(n1, 0);
    ck_assert_int_eq(jdc__model_node_term(m, n1), -1); /* "feature" alone */
    int32_t n2 = jdc__model_step(m, n1, w2);
    ck_assert_int_eq(jdc__model_node_term(m, n2), 0);
    ck_assert_int_eq(jdc__model_step(m, n2, w1), -1);
    /* the unstemmed spelling is no stem word */
    ck_assert_int_eq(jdc__model_stem_word(m, "feature", 7), -1);
    /* a literal: lower-cased, not stemmed */
    int32_t lw = jdc__model_lower_word(m, "mlflow", 6);
    ck_assert_int_ge(lw, 0);
    ck_assert_int_eq(jdc__model_node_term(m, jdc__model_step(m, 0, lw)), 1);
    ck_assert_int_eq(jdc__model_lower_word(m, "MLflow", 6), -1);
    /* a hyphenated word: whole group (lower) and split parts (stems) */
    int32_t g = jdc__model_lower_word(m, "fine-tuning", 11);
    ck_assert_int_ge(g, 0);
    ck_assert_int_eq(jdc__model_node_term(m, jdc__model_step(m, 0, g)), 2);
    int32_t p1 = jdc__model_stem_word(m, "fine", 4);
    int32_t p2 = jdc__model_stem_word(m, "tune", 4);
    ck_assert_int_ge(p1, 0);
    ck_assert_int_ge(p2, 0);
    ck_assert_int_eq(jdc__model_node_term(
                         m, jdc__model_step(m, jdc__model_step(m, 0, p1), p2)),
                     2);
    /* a case-sensitive word: indexed by its lower-case key */
    size_t n = 0;
    const jdc_exact *ex = jdc__model_exact(m, "spark", 5, &n);
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(ex[0].len, 5);
    ck_assert(!memcmp(ex[0].text, "Spark", 5));
    ck_assert_int_eq(jdc__model_node_term(m, jdc__model_step(m, 0, ex[0].word)),
                     3);
    ck_assert_ptr_null(jdc__model_exact(m, "Spark", 5, &n));
    ck_assert_uint_eq(n, 0);
    /* every loaded model gets its own serial */
    jdc_model *m2 = load_expect(dir, JDC_OK);
    ck_assert(jdc__model_serial(m) != jdc__model_serial(m2));
    ck_assert(!jdc__model_is_default(m));
    jdc_model_free(m2);
    jdc_model_free(m);
}
END_TEST

START_TEST(comments_blank_lines_bom_crlf)
{
    unit_write_str(dir, "model.conf",
                   "\xEF\xBB\xBF# leading comment\r\n"
                   "\r\n"
                   "%format jdclass-model 1\r\n"
                   "   # indented comment\r\n"
                   "\t\r\n"
                   "name=bom-model\r\n"
                   "  version   =   1.0  \r\n");
    unit_write_str(dir, "x.terms",
                   "\xEF\xBB\xBF%format jdclass-terms 1\r\n"
                   "# comment | with | pipes | in | it | -\r\n"
                   "\r\n"
                   "   \r\n"
                   "\tfeature store\t|\t-\t|\tmlops\t|\tfs\t|\t3\t|\t-\t\r\n"
                   "   # another comment\r\n"
                   "model registry|-|mlops|registry|2.5|-"); /* no final newline */
    jdc_model *m = load_expect(dir, JDC_OK);
    ck_assert_str_eq(jdc_model_name(m), "bom-model");
    ck_assert_str_eq(jdc_model_version(m), "1.0");
    ck_assert_uint_eq(jdc_model_term_count(m), 2);
    ck_assert_str_eq(jdc__model_term(m, 0)->name, "feature store");
    ck_assert_str_eq(jdc__model_term(m, 0)->layer, "fs");
    ck_assert_str_eq(jdc__model_term(m, 1)->name, "model registry");
    ck_assert_double_eq_tol(jdc__model_term(m, 1)->weight, 2.5, 1e-12);
    jdc_model_free(m);
}
END_TEST

START_TEST(scoring_parameters)
{
    /* model.conf may set the scoring parameters; unset ones keep the
     * library's defaults (the same in every model) */
    unit_write_str(dir, "model.conf",
                   "%format jdclass-model 1\nname = p\nversion = 1\n"
                   "title_factor = 5\nhybrid_share = 0.25\n"
                   "section.duties = 2\nsection.benefits = 0\n");
    unit_write_str(dir, "a.terms", TERMS_HEAD GOOD);
    jdc_model *m = load_expect(dir, JDC_OK);
    const jdc_params *p = jdc__model_params(m);
    ck_assert_double_eq(p->title_factor, 5);
    ck_assert_double_eq(p->hybrid_share, 0.25);
    ck_assert_double_eq(p->section[JDC_SEC_DUTIES], 2);
    ck_assert_double_eq(p->section[JDC_SEC_BENEFITS], 0);
    unit_write_str(dir, "model.conf", CONF_OK);
    jdc_model *d = load_expect(dir, JDC_OK);
    const jdc_params *q = jdc__model_params(d);
    ck_assert_double_eq(p->in_scope, q->in_scope);
    ck_assert_double_eq(p->repeat_log, q->repeat_log);
    ck_assert_double_eq(p->section[JDC_SEC_REQUIREMENTS],
                        q->section[JDC_SEC_REQUIREMENTS]);
    ck_assert(q->hybrid_share >= 0 && q->hybrid_share <= 0.5);
    ck_assert(q->llmops_share >= 0 && q->llmops_share <= 1);
    jdc_model_free(d);
    jdc_model_free(m);
}
END_TEST

START_TEST(model_without_terms)
{
    /* a terms file with no entry yet is a valid, empty model: it loads and
     * classifies everything as "other" */
    unit_write_str(dir, "model.conf", CONF_OK);
    unit_write_str(dir, "a.terms", TERMS_HEAD "# nothing yet\n");
    jdc_model *m = load_expect(dir, JDC_OK);
    ck_assert_uint_eq(jdc_model_term_count(m), 0);
    jdc_result *r = NULL;
    int rc = jdc_classify(&r, m, "MLOps engineer, feature store", 29, 0);
    ck_assert_msg(rc == JDC_OK, "classify with an empty model: %d %s", rc,
                  jdc_error_last());
    ck_assert_uint_eq(jdc_result_match_count(r), 0);
    ck_assert_int_eq(jdc_result_label(r), JDC_TRACK_OTHER);
    jdc_result_free(r);
    jdc_model_free(m);
}
END_TEST

START_TEST(other_files_ignored)
{
    unit_write_str(dir, "model.conf", CONF_OK);
    unit_write_str(dir, "a.terms", TERMS_HEAD GOOD);
    unit_write_str(dir, "README.md", "not | a | terms | file\n\xFF\n");
    unit_write_str(dir, "old.terms.bak", "garbage\n");
    unit_write_str(dir, ".hidden.terms", "garbage\n");
    unit_write_str(dir, "model.conf~", "garbage\n");
    jdc_model *m = load_expect(dir, JDC_OK);
    ck_assert_uint_eq(jdc_model_term_count(m), 1);
    jdc_model_free(m);
}
END_TEST

START_TEST(same_phrase_same_term_is_fine)
{
    /* aliases that stem to the canonical name name the same term: no error */
    unit_write_str(dir, "model.conf", CONF_OK);
    unit_write_str(dir, "a.terms",
                   TERMS_HEAD "feature store | feature stores; Feature Store | "
                              "mlops | fs | 3 | -\n");
    jdc_model *m = load_expect(dir, JDC_OK);
    ck_assert_uint_eq(jdc_model_term_count(m), 1);
    jdc_model_free(m);
}
END_TEST

START_TEST(eight_tokens_is_fine)
{
    unit_write_str(dir, "model.conf", CONF_OK);
    unit_write_str(dir, "a.terms",
                   TERMS_HEAD "one two three four five six seven eight | "
                              "alpha beta gamma delta epsilon zeta eta theta | "
                              "ml | practice | 1 | -\n");
    jdc_model *m = load_expect(dir, JDC_OK);
    ck_assert_uint_eq(jdc_model_term_count(m), 1);
    jdc_model_free(m);
}
END_TEST

/* ---- malformed files --------------------------------------------------------- */

typedef struct bad_case {
    const char *what;
    const char *file; /* the file holding the error: "model.conf" or "bad.terms" */
    const char *text; /* its content */
    size_t len;       /* 0: strlen(text) */
    unsigned line;    /* expected line number; 0: message has no line */
    const char *reason; /* substring expected in the reason */
} bad_case;

#define T1 TERMS_HEAD GOOD /* lines 1 and 2 */

static const bad_case bad[] = {
    /* format line */
    {"missing format line", "bad.terms", "# comment\n" GOOD, 0, 1,
     "missing format line"},
    {"missing format line after blank lines", "bad.terms",
     "# comment\n\n\n" GOOD, 0, 1, "missing format line"},
    {"format line after comments, wrong kind", "bad.terms",
     "# comment\n%format jdclass-model 1\n" GOOD, 0, 2,
     "%format jdclass-terms 1"},
    {"empty terms file", "bad.terms", "", 0, 1, "format"},
    {"only comments", "bad.terms", "# a\n\n# b\n", 0, 1, "format"},
    {"wrong format version", "bad.terms", "%format jdclass-terms 2\n" GOOD, 0,
     1, "%format jdclass-terms 1"},
    {"wrong format kind", "bad.terms", "%format jdclass-model 1\n" GOOD, 0, 1,
     "%format jdclass-terms 1"},
    /* fields */
    {"5 fields", "bad.terms", T1 "x | - | mlops | layer | 3\n", 0, 3,
     "found 5"},
    {"1 field", "bad.terms", T1 "just a phrase\n", 0, 3, "found 1"},
    {"7 fields", "bad.terms", T1 "x | - | mlops | layer | 3 | - | extra\n", 0,
     3, "too many fields"},
    {"unknown track", "bad.terms", T1 "# c\nx | - | mlop | layer | 3 | -\n", 0,
     4, "unknown track 'mlop'"},
    {"track case", "bad.terms", T1 "x | - | MLOps | layer | 3 | -\n", 0, 3,
     "unknown track"},
    {"bad layer characters", "bad.terms",
     T1 "x | - | mlops | Feature_Store | 3 | -\n", 0, 3, "layer"},
    {"layer with space", "bad.terms", T1 "x | - | mlops | a b | 3 | -\n", 0, 3,
     "layer"},
    {"empty layer", "bad.terms", T1 "x | - | mlops |  | 3 | -\n", 0, 3,
     "layer"},
    {"weight abc", "bad.terms", T1 "x | - | mlops | l | abc | -\n", 0, 3,
     "weight"},
    {"weight 11", "bad.terms", T1 "x | - | mlops | l | 11 | -\n", 0, 3,
     "weight"},
    {"weight 10.5", "bad.terms", T1 "x | - | mlops | l | 10.5 | -\n", 0, 3,
     "weight"},
    {"weight -1", "bad.terms", T1 "x | - | mlops | l | -1 | -\n", 0, 3,
     "weight"},
    {"weight nan", "bad.terms", T1 "x | - | mlops | l | nan | -\n", 0, 3,
     "weight"},
    {"weight inf", "bad.terms", T1 "x | - | mlops | l | inf | -\n", 0, 3,
     "weight"},
    {"weight 3x", "bad.terms", T1 "x | - | mlops | l | 3x | -\n", 0, 3,
     "weight"},
    {"weight empty", "bad.terms", T1 "x | - | mlops | l |  | -\n", 0, 3,
     "weight"},
    {"unknown flag", "bad.terms", T1 "x | - | mlops | l | 3 | literl\n", 0, 3,
     "flag"},
    {"unknown flag in list", "bad.terms",
     T1 "x | - | mlops | l | 3 | literal,bogus\n", 0, 3, "flag"},
    {"empty flags", "bad.terms", T1 "x | - | mlops | l | 3 | \n", 0, 3, "flag"},
    {"empty canonical", "bad.terms", T1 "   | - | mlops | l | 3 | -\n", 0, 3,
     "canonical"},
    {"empty alias", "bad.terms", T1 "x | a;;b | mlops | l | 3 | -\n", 0, 3,
     "alias"},
    {"no word characters", "bad.terms", T1 "+++ | - | mlops | l | 3 | -\n", 0,
     3, "word"},
    {"invalid UTF-8", "bad.terms", T1 "caf\xC3( | - | mlops | l | 3 | -\n", 0,
     3, "UTF-8"},
    {"invalid UTF-8 in a comment", "bad.terms", T1 "# caf\xFF\n", 0, 3,
     "UTF-8"},
    {"surrogate", "bad.terms", T1 "x\xED\xA0\x80 | - | mlops | l | 3 | -\n", 0,
     3, "UTF-8"},
    {"NUL byte", "bad.terms", T1 "x\0y | - | mlops | l | 3 | -\n",
     sizeof(T1 "x\0y | - | mlops | l | 3 | -\n") - 1, 3, "NUL"},
    {"phrase of 9 tokens", "bad.terms",
     T1 "a b c d e f g h i | - | mlops | l | 3 | -\n", 0, 3, "8 tokens"},
    {"alias of 9 tokens", "bad.terms",
     T1 "x | one two three four five six seven eight nine | mlops | l | 3 | "
        "-\n",
     0, 3, "8 tokens"},
    {"same phrase, two terms", "bad.terms",
     TERMS_HEAD "feature store | - | mlops | fs | 3 | -\n# dup\n"
                "Feature Stores | - | llmops | fs | 3 | -\n",
     0, 4, "already names"},
    {"alias names another term", "bad.terms",
     T1 "vector store | vector DB | llmops | vs | 3 | -\n"
        "vector database | Vector Stores | llmops | vs | 3 | -\n",
     0, 4, "already names"},
    /* model.conf */
    {"conf: missing format line", "model.conf", "name = x\nversion = 1\n", 0, 1,
     "%format jdclass-model 1"},
    {"conf: wrong format version", "model.conf",
     "%format jdclass-model 2\nname = x\nversion = 1\n", 0, 1,
     "%format jdclass-model 1"},
    {"conf: missing name", "model.conf", "%format jdclass-model 1\nversion = 1\n",
     0, 0, "name"},
    {"conf: missing version", "model.conf", "%format jdclass-model 1\nname = x\n",
     0, 0, "version"},
    {"conf: unknown key", "model.conf",
     "%format jdclass-model 1\nname = x\nversion = 1\nauthor = me\n", 0, 4,
     "unknown key"},
    {"conf: key typo", "model.conf",
     "%format jdclass-model 1\n# c\nnmae = x\nversion = 1\n", 0, 3,
     "unknown key"},
    {"conf: no '='", "model.conf", "%format jdclass-model 1\nname x\n", 0, 2,
     "key = value"},
    {"conf: empty value", "model.conf", "%format jdclass-model 1\nname =\n", 0,
     2, "value"},
    {"conf: parameter out of range", "model.conf",
     "%format jdclass-model 1\nname = x\nversion = 1\nhybrid_share = 0.6\n", 0,
     4, "hybrid_share"},
    {"conf: parameter not a number", "model.conf",
     "%format jdclass-model 1\nname = x\nversion = 1\n\nin_scope = lots\n", 0,
     5, "in_scope"},
    {"conf: negative section factor", "model.conf",
     "%format jdclass-model 1\nname = x\nversion = 1\nsection.duties = -1\n",
     0, 4, "section.duties"},
    {"conf: unknown section", "model.conf",
     "%format jdclass-model 1\nname = x\nversion = 1\nsection.perks = 1\n", 0,
     4, "unknown key"},
    {"conf: invalid UTF-8", "model.conf",
     "%format jdclass-model 1\nname = \xC0\x80\nversion = 1\n", 0, 2, "UTF-8"},
};

START_TEST(malformed)
{
    const bad_case *c = &bad[_i];
    size_t len = c->len ? c->len : strlen(c->text);
    int conf = !strcmp(c->file, "model.conf");
    if (conf) {
        unit_write(dir, "model.conf", c->text, len);
        unit_write_str(dir, "good.terms", TERMS_HEAD GOOD);
    } else {
        unit_write_str(dir, "model.conf", CONF_OK);
        unit_write(dir, c->file, c->text, len);
    }
    load_expect(dir, JDC_EFORMAT);
    const char *err = jdc_error_last();
    char prefix[4200];
    if (c->line)
        snprintf(prefix, sizeof prefix, "%s/%s:%u: ", dir, c->file, c->line);
    else
        snprintf(prefix, sizeof prefix, "%s/%s", dir, c->file);
    ck_assert_msg(!strncmp(err, prefix, strlen(prefix)),
                  "%s: message '%s' does not start with '%s'", c->what, err,
                  prefix);
    ck_assert_msg(strstr(err + strlen(prefix), c->reason) != NULL,
                  "%s: message '%s' lacks '%s'", c->what, err, c->reason);
}
END_TEST

START_TEST(duplicate_across_files)
{
    /* files are read in name order whatever the directory order: the
     * second occurrence is in z.terms */
    unit_write_str(dir, "model.conf", CONF_OK);
    unit_write_str(dir, "z.terms",
                   TERMS_HEAD "# c\nMLOps pipeline | feature stores | mlops | "
                              "p | 3 | -\n");
    unit_write_str(dir, "a.terms", TERMS_HEAD GOOD);
    load_expect(dir, JDC_EFORMAT);
    char prefix[4200];
    snprintf(prefix, sizeof prefix, "%s/z.terms:3: ", dir);
    ck_assert_msg(!strncmp(jdc_error_last(), prefix, strlen(prefix)),
                  "message '%s'", jdc_error_last());
    ck_assert_ptr_nonnull(strstr(jdc_error_last(), "feature store"));
}
END_TEST

START_TEST(error_after_valid_lines_loads_nothing)
{
    /* a bad line late in the last file: no model, and a later good load of
     * the same directory (fixed) works */
    unit_write_str(dir, "model.conf", CONF_OK);
    unit_write_str(dir, "a.terms", TERMS_HEAD GOOD);
    unit_write_str(dir, "b.terms",
                   TERMS_HEAD "model registry | - | mlops | r | 3 | -\n"
                              "broken | - | mlops | r | 3\n");
    load_expect(dir, JDC_EFORMAT);
    unit_write_str(dir, "b.terms",
                   TERMS_HEAD "model registry | - | mlops | r | 3 | -\n");
    jdc_model *m = load_expect(dir, JDC_OK);
    ck_assert_uint_eq(jdc_model_term_count(m), 2);
    jdc_model_free(m);
}
END_TEST

/* ---- directories and I/O ------------------------------------------------------ */

START_TEST(missing_directory)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/does-not-exist", dir);
    load_expect(path, JDC_EIO);
    ck_assert_ptr_nonnull(strstr(jdc_error_last(), path));
}
END_TEST

START_TEST(not_a_directory)
{
    unit_write_str(dir, "model.conf", CONF_OK);
    char path[4200];
    snprintf(path, sizeof path, "%s/model.conf", dir);
    load_expect(path, JDC_EIO);
}
END_TEST

START_TEST(unreadable_terms_file)
{
    /* a directory named like a terms file cannot be read as one */
    unit_write_str(dir, "model.conf", CONF_OK);
    unit_write_str(dir, "a.terms", TERMS_HEAD GOOD);
    char path[4200];
    snprintf(path, sizeof path, "%s/sub.terms", dir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    load_expect(dir, JDC_EIO);
    ck_assert_ptr_nonnull(strstr(jdc_error_last(), "sub.terms"));
}
END_TEST

/* A model file that is a named pipe with no writer: open() would block for
 * ever and a read would wait for a writer; it is refused by its type. */
START_TEST(fifo_terms_file)
{
    unit_write_str(dir, "model.conf", CONF_OK);
    unit_write_str(dir, "a.terms", TERMS_HEAD GOOD);
    char path[4200];
    snprintf(path, sizeof path, "%s/x.terms", dir);
    ck_assert_int_eq(mkfifo(path, 0600), 0);
    load_expect(dir, JDC_EIO);
    ck_assert_msg(strstr(jdc_error_last(), "x.terms: a named pipe") != NULL,
                  "%s", jdc_error_last());
}
END_TEST

/* A link to /dev/zero never ends: refused as a device before any read
 * (the loader used to loop for ever once its buffer could not grow). */
START_TEST(dev_zero_terms_file)
{
    unit_write_str(dir, "model.conf", CONF_OK);
    unit_write_str(dir, "a.terms", TERMS_HEAD GOOD);
    char path[4200];
    snprintf(path, sizeof path, "%s/zero.terms", dir);
    ck_assert_int_eq(symlink("/dev/zero", path), 0);
    load_expect(dir, JDC_EIO);
    ck_assert_msg(strstr(jdc_error_last(), "zero.terms: a character device")
                      != NULL, "%s", jdc_error_last());
    /* the same for model.conf itself */
    unlink(path);
    snprintf(path, sizeof path, "%s/model.conf", dir);
    unlink(path);
    ck_assert_int_eq(symlink("/dev/zero", path), 0);
    load_expect(dir, JDC_EIO);
    ck_assert_ptr_nonnull(strstr(jdc_error_last(), "model.conf: "));
}
END_TEST

/* A link to a regular file is fine: only the target's type matters. */
START_TEST(symlink_to_regular_file)
{
    unit_write_str(dir, "model.conf", CONF_OK);
    unit_write_str(dir, "real.txt", TERMS_HEAD GOOD);
    char path[4200];
    snprintf(path, sizeof path, "%s/a.terms", dir);
    ck_assert_int_eq(symlink("real.txt", path), 0);
    jdc_model *m = load_expect(dir, JDC_OK);
    ck_assert_uint_eq(jdc_model_term_count(m), 1);
    jdc_model_free(m);
}
END_TEST

/* Larger than JDC_MODEL_FILE_MAX: refused by its size (a sparse file, so
 * the test costs no disk), before any read; exactly the limit is read. */
START_TEST(oversized_model_file)
{
    unit_write_str(dir, "model.conf", CONF_OK);
    unit_write_str(dir, "a.terms", TERMS_HEAD GOOD);
    char path[4200];
    snprintf(path, sizeof path, "%s/big.terms", dir);
    FILE *fp = fopen(path, "wb");
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(ftruncate(fileno(fp), (off_t)JDC_MODEL_FILE_MAX + 1), 0);
    fclose(fp);
    load_expect(dir, JDC_ETOOBIG);
    ck_assert_msg(strstr(jdc_error_last(), "big.terms: ") != NULL &&
                  strstr(jdc_error_last(), "limit") != NULL, "%s",
                  jdc_error_last());
}
END_TEST

START_TEST(no_model_conf)
{
    unit_write_str(dir, "a.terms", TERMS_HEAD GOOD);
    load_expect(dir, JDC_EFORMAT);
    ck_assert_ptr_nonnull(strstr(jdc_error_last(), "model.conf"));
}
END_TEST

START_TEST(no_terms_file)
{
    unit_write_str(dir, "model.conf", CONF_OK);
    load_expect(dir, JDC_EFORMAT);
    ck_assert_ptr_nonnull(strstr(jdc_error_last(), ".terms"));
}
END_TEST

START_TEST(empty_directory)
{
    load_expect(dir, JDC_EFORMAT);
    ck_assert_ptr_nonnull(strstr(jdc_error_last(), dir));
}
END_TEST

START_TEST(invalid_arguments)
{
    jdc_model *m = (jdc_model *)&m;
    ck_assert_int_eq(jdc_model_load(NULL, dir), JDC_EINVAL);
    ck_assert_int_eq(jdc_model_load(&m, NULL), JDC_EINVAL);
    ck_assert_ptr_null(m);
    jdc_model_free(NULL);
}
END_TEST

START_TEST(build_from_memory)
{
    /* jdc__model_build: the file names given are the ones in messages */
    static const char conf[] = CONF_OK;
    static const char terms[] = TERMS_HEAD GOOD "bad line\n";
    jdc_file files[] = {
        {"mem/a.terms", terms, sizeof terms - 1},
        {"mem/model.conf", conf, sizeof conf - 1},
    };
    jdc_model *m = (jdc_model *)&m;
    ck_assert_int_eq(jdc__model_build(&m, files, 2), JDC_EFORMAT);
    ck_assert_ptr_null(m);
    ck_assert_str_eq(jdc_error_last(),
                     "mem/a.terms:3: expected 6 fields separated by '|', "
                     "found 1");
    files[0].len -= strlen("bad line\n");
    ck_assert_int_eq(jdc__model_build(&m, files, 2), JDC_OK);
    ck_assert_uint_eq(jdc_model_term_count(m), 1);
    jdc_model_free(m);
    ck_assert_int_eq(jdc__model_build(&m, files, 1), JDC_EFORMAT);
    ck_assert_int_eq(jdc__model_build(&m, files + 1, 1), JDC_EFORMAT);
    ck_assert_int_eq(jdc__model_build(&m, files, 0), JDC_EFORMAT);
}
END_TEST

/* ---- the default model ----------------------------------------------------------- */

START_TEST(default_model)
{
    const jdc_model *d = jdc_model_default();
    ck_assert_msg(d != NULL, "default model: %s", jdc_error_last());
    ck_assert_ptr_eq(jdc_model_default(), d);
    ck_assert(jdc__model_is_default(d));
    ck_assert_uint_gt(jdc_model_term_count(d), 100);
    ck_assert_str_ne(jdc_model_name(d), "");
    ck_assert_str_ne(jdc_model_version(d), "");
    size_t n = jdc_model_term_count(d);
    /* freeing the default model does nothing: it stays usable */
    jdc_model_free((jdc_model *)d);
    jdc_model_free((jdc_model *)d);
    ck_assert_ptr_eq(jdc_model_default(), d);
    ck_assert_uint_eq(jdc_model_term_count(d), n);
    jdc_result *r = NULL;
    static const char text[] = "MLOps engineer: MLflow, Kubeflow, feature store";
    ck_assert_int_eq(jdc_classify(&r, d, text, sizeof text - 1, 0), JDC_OK);
    ck_assert_uint_gt(jdc_result_match_count(r), 0);
    jdc_result_free(r);
}
END_TEST

START_TEST(default_equals_models_dir)
{
    /* the embedded default model is the repository's models/ directory */
    const jdc_model *d = jdc_model_default();
    ck_assert_msg(d != NULL, "default model: %s", jdc_error_last());
    jdc_model *m = load_expect(JDCLASS_SOURCE_DIR "/models", JDC_OK);
    ck_assert_str_eq(jdc_model_name(m), jdc_model_name(d));
    ck_assert_str_eq(jdc_model_version(m), jdc_model_version(d));
    ck_assert_uint_eq(jdc_model_term_count(m), jdc_model_term_count(d));
    for (size_t i = 0; i < jdc_model_term_count(m); i++)
        ck_assert_str_eq(jdc__model_term(m, (int32_t)i)->name,
                         jdc__model_term(d, (int32_t)i)->name);
    ck_assert(jdc__model_serial(m) != jdc__model_serial(d));
    jdc_model_free(m);
}
END_TEST

Suite *model_suite(void)
{
    Suite *s = suite_create("model");
    TCase *tc = tcase_create("valid");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, valid_model);
    tcase_add_test(tc, internal_tables);
    tcase_add_test(tc, comments_blank_lines_bom_crlf);
    tcase_add_test(tc, scoring_parameters);
    tcase_add_test(tc, model_without_terms);
    tcase_add_test(tc, other_files_ignored);
    tcase_add_test(tc, same_phrase_same_term_is_fine);
    tcase_add_test(tc, eight_tokens_is_fine);
    suite_add_tcase(s, tc);

    tc = tcase_create("malformed");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, malformed, 0, (int)(sizeof bad / sizeof *bad));
    tcase_add_test(tc, duplicate_across_files);
    tcase_add_test(tc, error_after_valid_lines_loads_nothing);
    tcase_add_test(tc, build_from_memory);
    suite_add_tcase(s, tc);

    tc = tcase_create("io");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, missing_directory);
    tcase_add_test(tc, not_a_directory);
    tcase_add_test(tc, unreadable_terms_file);
    tcase_add_test(tc, fifo_terms_file);
    tcase_add_test(tc, dev_zero_terms_file);
    tcase_add_test(tc, symlink_to_regular_file);
    tcase_add_test(tc, oversized_model_file);
    tcase_add_test(tc, no_model_conf);
    tcase_add_test(tc, no_terms_file);
    tcase_add_test(tc, empty_directory);
    tcase_add_test(tc, invalid_arguments);
    suite_add_tcase(s, tc);

    tc = tcase_create("default");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, default_model);
    tcase_add_test(tc, default_equals_models_dir);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return unit_run(model_suite()); }
