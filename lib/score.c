/* Scorer: hits -> per-track evidence -> label and scores.
 *
 * Evidence of one term (parameters from the model's model.conf):
 *   weight x title_factor                      if it occurs in the title
 * + weight x section factor x (1 + repeat_log x ln(min(n, 8)))
 *                                              for its n body occurrences,
 * where the section factor is the largest among the sections it occurs in
 * (duties and requirements count fully, company blurb and benefits little).
 * Evidence adds up per track of the term: mlops, llmops, ml (generic ML/AI
 * production work), shared (infrastructure, never decisive), other.
 *
 * Decision (the README says the same in prose):
 *  1. scope = mlops + llmops + ml evidence; the posting is an ML/AI
 *     production role when scope - in_scope - other_factor x other > 0.
 *     Otherwise: other.
 *  2. share = llmops / (mlops + llmops + generic_mlops x ml): generic ML work
 *     counts a little towards classical MLOps, the rubric's default.
 *  3. hybrid when both mlops and llmops evidence reach hybrid_min and the
 *     share lies within [hybrid_share, 1 - hybrid_share]; else llmops when
 *     share > llmops_share, else mlops.
 * Scores: track score = 1 - exp(-evidence / 6), with generic and shared
 * evidence split by share. The label score combines how far the posting is
 * from the in-scope boundary with how clear the share is. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define REPEAT_CAP 8
#define SCALE 6.0
#define SHARED_FACTOR 0.15

typedef struct term_acc {
    int32_t term;
    uint32_t body;
    uint8_t title;
    uint8_t section_mask;
} term_acc;

static double squash(double x) { return 1.0 - exp(-x / SCALE); }
static double sigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }

int jdc__score(jdc_result *r, const jdc_model *m, const jdc_hit *hits,
               size_t nhits, int32_t *slot)
{
    const jdc_params *p = jdc__model_params(m);
    memset(r->evidence, 0, sizeof r->evidence);
    r->label = JDC_TRACK_OTHER;
    r->score = 0;
    r->track_score[0] = r->track_score[1] = 0;
    if (!nhits)
        return JDC_OK;
    /* Aggregate occurrences per term in first-seen order; `slot` maps a
     * term id to its accumulator and is reset before returning. */
    size_t nterms = jdc_model_term_count(m); /* distinct terms bound acc */
    term_acc *acc = malloc((nhits < nterms ? nhits : nterms) * sizeof *acc);
    if (!acc)
        return JDC_ENOMEM;
    size_t nacc = 0;
    for (size_t i = 0; i < nhits; i++) {
        if (hits[i].negated)
            continue; /* "no ML in production yet" is not evidence */
        int32_t t = hits[i].term;
        int32_t k = slot[t];
        if (k < 0) {
            k = slot[t] = (int32_t)nacc++;
            acc[k].term = t;
            acc[k].body = 0;
            acc[k].title = 0;
            acc[k].section_mask = 0;
        }
        if (hits[i].flags & JDC_TOK_TITLE) {
            acc[k].title = 1;
        } else {
            acc[k].body++;
            acc[k].section_mask |= (uint8_t)(1u << hits[i].section);
        }
    }
    r->contribs = nacc ? malloc(nacc * sizeof *r->contribs) : NULL;
    if (nacc && !r->contribs) {
        for (size_t k = 0; k < nacc; k++)
            slot[acc[k].term] = -1;
        free(acc);
        return JDC_ENOMEM;
    }
    r->ncontribs = nacc;
    for (size_t k = 0; k < nacc; k++) {
        const jdc_term *t = jdc__model_term(m, acc[k].term);
        slot[acc[k].term] = -1;
        double factor = 0;
        for (int sec = 0; sec < JDC_SEC_COUNT; sec++)
            if ((acc[k].section_mask & (1u << sec)) && p->section[sec] > factor)
                factor = p->section[sec];
        double e = 0;
        if (acc[k].title)
            e += t->weight * p->title_factor;
        if (acc[k].body) {
            uint32_t n = acc[k].body < REPEAT_CAP ? acc[k].body : REPEAT_CAP;
            e += t->weight * factor * (1.0 + p->repeat_log * log((double)n));
        }
        r->evidence[t->track] += e;
        jdc_contribution *c = &r->contribs[k];
        memset(c, 0, sizeof *c);
        c->term = t->name;
        c->track = jdc__track_term_name(t->track);
        c->weight = t->weight;
        c->in_title = acc[k].title;
        c->count = acc[k].body;
        c->section_factor = factor;
        c->evidence = e;
    }
    free(acc);

    double ml = r->evidence[JDC_T_MLOPS], llm = r->evidence[JDC_T_LLMOPS];
    double gen = r->evidence[JDC_T_ML], other = r->evidence[JDC_T_OTHER];
    double shared = r->evidence[JDC_T_SHARED] * SHARED_FACTOR;
    double denom = ml + llm + p->generic_mlops * gen;
    double share = denom > 0 ? llm / denom : 0.0;
    r->track_score[0] = squash(ml + (gen + shared) * (1 - share));
    r->track_score[1] = squash(llm + (gen + shared) * share);
    double margin = ml + llm + gen - p->in_scope - p->other_factor * other;
    if (margin <= 0) {
        r->label = JDC_TRACK_OTHER;
        r->score = sigmoid(-margin / 4.0 + 0.5);
        return JDC_OK;
    }
    double clarity;
    if (ml >= p->hybrid_min && llm >= p->hybrid_min &&
        share >= p->hybrid_share && share <= 1 - p->hybrid_share) {
        r->label = JDC_TRACK_HYBRID;
        clarity = 1.0 - fabs(share - 0.5);
    } else if (share > p->llmops_share) {
        r->label = JDC_TRACK_LLMOPS;
        clarity = 0.5 + 0.5 * fmin(1.0, (share - p->llmops_share) /
                                            (1.0 - p->llmops_share + 1e-9));
    } else {
        r->label = JDC_TRACK_MLOPS;
        clarity = 0.5 + 0.5 * fmin(1.0, (p->llmops_share - share) /
                                            (p->llmops_share + 1e-9));
    }
    r->score = sigmoid(margin / 4.0 - 0.5) * clarity;
    return JDC_OK;
}
