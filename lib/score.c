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
    uint8_t title;
    uint8_t section;
} term_acc;

static int cmp_acc(const void *a, const void *b)
{
    const term_acc *x = a, *y = b;
    return (x->term > y->term) - (x->term < y->term);
}

static double squash(double x) { return 1.0 - exp(-x / SCALE); }
static double sigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }

int jdc__score(jdc_result *r, const jdc_model *m, const jdc_hit *hits,
               size_t nhits)
{
    const jdc_params *p = jdc__model_params(m);
    memset(r->evidence, 0, sizeof r->evidence);
    r->label = JDC_TRACK_OTHER;
    r->score = 0;
    r->track_score[0] = r->track_score[1] = 0;
    if (!nhits)
        return JDC_OK;
    term_acc *acc = malloc(nhits * sizeof *acc);
    if (!acc)
        return JDC_ENOMEM;
    for (size_t i = 0; i < nhits; i++) {
        acc[i].term = hits[i].term;
        acc[i].title = (hits[i].flags & JDC_TOK_TITLE) != 0;
        acc[i].section = hits[i].section;
    }
    qsort(acc, nhits, sizeof *acc, cmp_acc);
    for (size_t i = 0; i < nhits;) {
        size_t j = i;
        uint32_t body = 0;
        int title = 0;
        double factor = 0;
        while (j < nhits && acc[j].term == acc[i].term) {
            if (acc[j].title) {
                title = 1;
            } else {
                body++;
                double f = p->section[acc[j].section];
                if (f > factor)
                    factor = f;
            }
            j++;
        }
        const jdc_term *t = jdc__model_term(m, acc[i].term);
        double e = 0;
        if (title)
            e += t->weight * p->title_factor;
        if (body)
            e += t->weight * factor *
                 (1.0 + p->repeat_log *
                            log((double)(body < REPEAT_CAP ? body : REPEAT_CAP)));
        r->evidence[t->track] += e;
        i = j;
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
