/* Prints the C layout of the public structs of jdclass.h as JSON, so that
 * test_layout.py can check the ctypes mirrors in bindings/python/jdclass/
 * _lib.py field by field (sizes, offsets), and its constants. Uses only the
 * public header. */
#include <stddef.h>
#include <stdio.h>

#include "jdclass.h"

#define BEGIN(T) printf("%s\"" #T "\":{\"size\":%zu,\"fields\":{", \
                        first++ ? "," : "", sizeof(T)); \
                 { int f = 0;
#define FIELD(T, m) printf("%s\"" #m "\":%zu", f++ ? "," : "", offsetof(T, m));
#define END() } printf("}}");

int main(void)
{
    int first = 0;
    printf("{");
    BEGIN(jdc_match)
    FIELD(jdc_match, term) FIELD(jdc_match, track) FIELD(jdc_match, layer)
    FIELD(jdc_match, start) FIELD(jdc_match, end) FIELD(jdc_match, weight)
    FIELD(jdc_match, in_title) FIELD(jdc_match, section)
    FIELD(jdc_match, negated)
    END()
    BEGIN(jdc_signal)
    FIELD(jdc_signal, id) FIELD(jdc_signal, polarity)
    FIELD(jdc_signal, message) FIELD(jdc_signal, start) FIELD(jdc_signal, end)
    END()
    BEGIN(jdc_contribution)
    FIELD(jdc_contribution, term) FIELD(jdc_contribution, track)
    FIELD(jdc_contribution, weight) FIELD(jdc_contribution, in_title)
    FIELD(jdc_contribution, count) FIELD(jdc_contribution, section_factor)
    FIELD(jdc_contribution, evidence)
    END()
    BEGIN(jdc_feature)
    FIELD(jdc_feature, name) FIELD(jdc_feature, value)
    FIELD(jdc_feature, contribution)
    END()
    BEGIN(jdc_train_options)
    FIELD(jdc_train_options, l2) FIELD(jdc_train_options, folds)
    FIELD(jdc_train_options, max_iter) FIELD(jdc_train_options, balanced)
    END()
    BEGIN(jdc_salary)
    FIELD(jdc_salary, min) FIELD(jdc_salary, max) FIELD(jdc_salary, currency)
    FIELD(jdc_salary, period) FIELD(jdc_salary, start) FIELD(jdc_salary, end)
    END()
    BEGIN(jdc_terms)
    FIELD(jdc_terms, employment) FIELD(jdc_terms, ir35)
    FIELD(jdc_terms, workmode) FIELD(jdc_terms, region) FIELD(jdc_terms, city)
    END()
    BEGIN(jdc_market)
    FIELD(jdc_market, verdict) FIELD(jdc_market, band_min)
    FIELD(jdc_market, band_max) FIELD(jdc_market, source)
    FIELD(jdc_market, missing)
    END()
    printf(",\"JDC_VERSION_NUMBER\":%d,\"JDC_VERSION_STRING\":\"%s\"",
           JDC_VERSION_NUMBER, JDC_VERSION_STRING);
#define CONST(name) printf(",\"" #name "\":%lld", (long long)(name));
    CONST(JDC_VERSION_MAJOR) CONST(JDC_VERSION_MINOR) CONST(JDC_VERSION_PATCH)
    CONST(JDC_OK) CONST(JDC_ERROR) CONST(JDC_ENOMEM) CONST(JDC_EIO)
    CONST(JDC_EFORMAT) CONST(JDC_ESTEMMER) CONST(JDC_EINVAL) CONST(JDC_ETOOBIG)
    CONST(JDC_TRACK_OTHER) CONST(JDC_TRACK_MLOPS) CONST(JDC_TRACK_LLMOPS)
    CONST(JDC_TRACK_HYBRID)
    CONST(JDC_FLAG_DEFAULT) CONST(JDC_FLAG_NO_TITLE)
#ifdef JDC_FLAG_HTML
    CONST(JDC_FLAG_HTML)
#endif
    CONST(JDC_MAX_INPUT_DEFAULT)
    printf("}\n");
    return 0;
}
