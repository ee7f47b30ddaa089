/* The classification entry point and the result accessors. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int jdc_classify(jdc_result **out, const jdc_model *model, const char *text,
                 size_t len, unsigned flags)
{
    if (!out)
        return jdc__fail(JDC_EINVAL, "jdc_classify: out is NULL");
    *out = NULL;
    if (!model)
        return jdc__fail(JDC_EINVAL, "jdc_classify: model is NULL");
    if (!text && len)
        return jdc__fail(JDC_EINVAL, "jdc_classify: text is NULL");
    if (flags & ~(unsigned)JDC_FLAG_NO_TITLE)
        return jdc__fail(JDC_EINVAL, "jdc_classify: unknown flag bits 0x%x",
                         flags & ~(unsigned)JDC_FLAG_NO_TITLE);
    if (len > JDC_MAX_INPUT_DEFAULT)
        return jdc__fail(JDC_ETOOBIG,
                         "input of %zu bytes exceeds the limit of %zu bytes",
                         len, (size_t)JDC_MAX_INPUT_DEFAULT);
    int rc = JDC_OK;
    jdc_scratch *s = jdc__scratch_get(&rc);
    if (!s)
        return rc;
    jdc_result *r = calloc(1, sizeof *r);
    if (!r)
        return jdc__fail(JDC_ENOMEM, "out of memory");
    r->model = model;
    jdc_tokens *toks = jdc__scratch_tokens(s);
    jdc_hit *hits = NULL;
    size_t nhits = 0, caphits = 0;
    rc = jdc__tokenize(toks, text ? text : "", len, flags);
    if (rc == JDC_OK)
        rc = jdc__match(s, model, toks, text, &hits, &nhits, &caphits);
    if (rc == JDC_OK)
        rc = jdc__sections(jdc__scratch_sections(s), text ? text : "", len);
    if (rc == JDC_OK) {
        size_t cursor = 0;
        for (size_t i = 0; i < nhits; i++)
            hits[i].section = (hits[i].flags & JDC_TOK_TITLE)
                                  ? JDC_SEC_INTRO
                                  : (uint8_t)jdc__section_at(
                                        jdc__scratch_sections(s), &cursor,
                                        hits[i].start);
    }
    if (rc == JDC_OK && nhits) {
        r->matches = malloc(nhits * sizeof *r->matches);
        if (!r->matches)
            rc = JDC_ENOMEM;
    }
    if (rc == JDC_OK) {
        for (size_t i = 0; i < nhits; i++) {
            const jdc_term *t = jdc__model_term(model, hits[i].term);
            jdc_match *mt = &r->matches[i];
            mt->term = t->name;
            mt->track = jdc__track_term_name(t->track);
            mt->layer = t->layer;
            mt->start = hits[i].start;
            mt->end = hits[i].end;
            mt->weight = t->weight;
            mt->in_title = (hits[i].flags & JDC_TOK_TITLE) != 0;
            mt->section = mt->in_title ? "title"
                                       : jdc__section_name(hits[i].section);
        }
        r->nmatches = nhits;
        int32_t *slots = jdc__scratch_slots(s, jdc_model_term_count(model));
        rc = slots ? jdc__score(r, model, hits, nhits, slots) : JDC_ENOMEM;
    }
    free(hits);
    if (rc != JDC_OK) {
        jdc_result_free(r);
        return jdc__fail(rc, "%s", jdc_strerror(rc));
    }
    *out = r;
    return JDC_OK;
}

void jdc_result_free(jdc_result *r)
{
    if (!r)
        return;
    free(r->matches);
    free(r);
}

jdc_track jdc_result_label(const jdc_result *r)
{
    return r ? r->label : JDC_TRACK_OTHER;
}

double jdc_result_score(const jdc_result *r) { return r ? r->score : 0; }

double jdc_result_track_score(const jdc_result *r, jdc_track t)
{
    if (!r)
        return 0;
    double a = r->track_score[0], b = r->track_score[1];
    switch (t) {
    case JDC_TRACK_MLOPS: return a;
    case JDC_TRACK_LLMOPS: return b;
    case JDC_TRACK_HYBRID: return a < b ? a : b;
    case JDC_TRACK_OTHER: return 1.0 - (a > b ? a : b);
    default: return 0;
    }
}

size_t jdc_result_match_count(const jdc_result *r)
{
    return r ? r->nmatches : 0;
}

const jdc_match *jdc_result_match(const jdc_result *r, size_t i)
{
    return r && i < r->nmatches ? &r->matches[i] : NULL;
}

void jdc_free(void *p) { free(p); }
