/* The library under a host program's locale. Programs (GTK applications,
 * Python code calling locale.setlocale(locale.LC_ALL, "")) often switch
 * LC_NUMERIC to a locale whose decimal separator is a comma; the model
 * files and the JSON output use '.', whatever the locale.
 *
 * Needs a comma-decimal locale: ctest builds de_DE.UTF-8 into LOCPATH with
 * localedef when it can. Without one the test exits 77 (skipped). */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jdclass.h"
#include "unit.h"

#define SKIP 77

static const char *comma_locales[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8",
                                      "fr_FR.utf8",  "ru_RU.UTF-8", "nl_NL.UTF-8",
                                      "es_ES.UTF-8", "it_IT.UTF-8"};

/* Switch to a locale with a ',' decimal point; NULL when none exists. */
static const char *set_comma_locale(void)
{
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < sizeof comma_locales / sizeof *comma_locales;
             i++) {
            if (setlocale(LC_ALL, comma_locales[i]) &&
                !strcmp(localeconv()->decimal_point, ","))
                return comma_locales[i];
        }
        unsetenv("LOCPATH"); /* then try the system's locales */
    }
    setlocale(LC_ALL, "C");
    return NULL;
}

static void setup(void)
{
    ck_assert_msg(set_comma_locale() != NULL, "comma locale vanished");
    char buf[16];
    snprintf(buf, sizeof buf, "%.1f", 0.5);
    ck_assert_str_eq(buf, "0,5"); /* the locale is really in effect */
}

START_TEST(default_model_loads)
{
    const jdc_model *m = jdc_model_default();
    ck_assert_msg(m != NULL, "default model under LC_NUMERIC=%s: %s",
                  setlocale(LC_NUMERIC, NULL), jdc_error_last());
    ck_assert_uint_gt(jdc_model_term_count(m), 100);
}
END_TEST

START_TEST(fractional_weights_load)
{
    char *dir = unit_tmpdir();
    unit_write_str(dir, "model.conf",
                   "%format jdclass-model 1\nname = loc\nversion = 1\n");
    unit_write_str(dir, "a.terms",
                   "%format jdclass-terms 1\n"
                   "Go | - | shared | language | 0.3 | case\n"
                   "MLflow | - | mlops | registry | 2.5 | literal\n");
    jdc_model *m = NULL;
    int rc = jdc_model_load(&m, dir);
    ck_assert_msg(rc == JDC_OK, "load: %s", jdc_error_last());
    jdc_result *r = NULL;
    ck_assert_int_eq(jdc_classify(&r, m, "Go MLflow", 9, 0), JDC_OK);
    ck_assert_uint_eq(jdc_result_match_count(r), 2);
    ck_assert_double_eq_tol(jdc_result_match(r, 0)->weight, 0.3, 1e-12);
    ck_assert_double_eq_tol(jdc_result_match(r, 1)->weight, 2.5, 1e-12);
    jdc_result_free(r);
    jdc_model_free(m);
    unit_rmtree(dir);
}
END_TEST

START_TEST(json_numbers_use_a_point)
{
    char *dir = unit_tmpdir();
    unit_write_str(dir, "model.conf",
                   "%format jdclass-model 1\nname = loc\nversion = 1\n");
    unit_write_str(dir, "a.terms",
                   "%format jdclass-terms 1\n"
                   "MLflow | - | mlops | registry | 4 | literal\n"
                   "Kubeflow | - | mlops | orchestration | 4 | literal\n");
    jdc_model *m = NULL;
    ck_assert_int_eq(jdc_model_load(&m, dir), JDC_OK);
    jdc_result *r = NULL;
    ck_assert_int_eq(jdc_classify(&r, m, "MLflow Kubeflow", 15, 0), JDC_OK);
    ck_assert_double_gt(jdc_result_track_score(r, JDC_TRACK_MLOPS), 0);
    char *js = jdc_result_json(r, "f");
    ck_assert_ptr_nonnull(js);
    ck_assert_msg(unit_json_valid(js), "invalid JSON under LC_NUMERIC=%s: %s",
                  setlocale(LC_NUMERIC, NULL), js);
    jdc_free(js);
    jdc_result_free(r);
    jdc_model_free(m);
    unit_rmtree(dir);
}
END_TEST

int main(void)
{
    const char *loc = set_comma_locale();
    if (!loc) {
        fprintf(stderr, "no locale with a ',' decimal point: skipped\n");
        return SKIP;
    }
    setlocale(LC_ALL, "C");
    Suite *s = suite_create("locale");
    TCase *tc = tcase_create("comma");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, default_model_loads);
    tcase_add_test(tc, fractional_weights_load);
    tcase_add_test(tc, json_numbers_use_a_point);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
