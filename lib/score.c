/* Scorer: hits -> per-track evidence -> label and scores.
 *
 * Evidence of one term = weight x (title factor if it occurs in the title)
 * + weight x (1 + ln(occurrences in the body)) / REPEAT_NORM, the body count
 * capped, so that a term repeated twenty times does not count twenty times.
 * Evidence adds up per track of the term (mlops, llmops, ml, shared, other).
 * The decision is written up in the README ("How the label is decided"). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define TITLE_FACTOR 3.0
#define REPEAT_CAP 8
#define SCALE 6.0 /* evidence that gives a track score of 1 - 1/e */
#define IN_SCOPE 5.0
#define SHARED_FACTOR 0.15
#define SIDE_MIN 3.0
#define HYBRID_SHARE 0.3

typedef struct term_acc {
    int32_t term;
    uint32_t body;
    uint8_t title;
} term_acc;

static int cmp_acc(const void *a, const void *b)
{
    const term_acc *x = a, *y = b;
    return (x->term > y->term) - (x->term < y->term);
}

static double squash(double x) { return 1.0 - exp(-x / SCALE); }

void jdc__score(jdc_result *r, const jdc_model *m, const jdc_hit *hits,
                size_t nhits)
{
    memset(r->evidence, 0, sizeof r->evidence);
    r->label = JDC_TRACK_OTHER;
    r->score = 0;
    r->track_score[0] = r->track_score[1] = 0;
    if (!nhits) {
        r->score = 1.0 - squash(0);
        r->score = 0;
        return;
    }
    /* Aggregate occurrences per term: sort a copy of the term ids. The
     * number of distinct terms is bounded by the model, hits by the input. */
    term_acc *acc = malloc(nhits * sizeof *acc);
    if (!acc)
        return; /* caller checked allocations; degrade to no evidence */
    for (size_t i = 0; i < nhits; i++) {
        acc[i].term = hits[i].term;
        acc[i].title = (hits[i].flags & JDC_TOK_TITLE) != 0;
        acc[i].body = !acc[i].title;
    }
    qsort(acc, nhits, sizeof *acc, cmp_acc);
    for (size_t i = 0; i < nhits;) {
        size_t j = i;
        uint32_t body = 0;
        int title = 0;
        while (j < nhits && acc[j].term == acc[i].term) {
            body += acc[j].body;
            title |= acc[j].title;
            j++;
        }
        const jdc_term *t = jdc__model_term(m, acc[i].term);
        double e = 0;
        if (title)
            e += t->weight * TITLE_FACTOR;
        if (body)
            e += t->weight *
                 (1.0 + log((double)(body < REPEAT_CAP ? body : REPEAT_CAP)));
        r->evidence[t->track] += e;
        i = j;
    }
    free(acc);

    double ml = r->evidence[JDC_T_MLOPS], llm = r->evidence[JDC_T_LLMOPS];
    double gen = r->evidence[JDC_T_ML];
    double other = r->evidence[JDC_T_OTHER];
    double shared = r->evidence[JDC_T_SHARED] * SHARED_FACTOR;
    double side = ml + llm;
    double share = side > 0 ? llm / side : 0.5;
    /* generic ML evidence goes to the sides in proportion */
    double e_ml = ml + gen * (1 - share) + shared * (1 - share);
    double e_llm = llm + gen * share + shared * share;
    r->track_score[0] = squash(e_ml);
    r->track_score[1] = squash(e_llm);
    double scope = ml + llm + gen; /* shared infrastructure alone: no */
    double margin = scope - IN_SCOPE - other;
    if (margin <= 0 || side < SIDE_MIN) {
        r->label = JDC_TRACK_OTHER;
        r->score = 1.0 / (1.0 + exp(margin < 0 ? margin / 3.0 : -0.5));
        return;
    }
    if (ml >= SIDE_MIN && llm >= SIDE_MIN && share >= HYBRID_SHARE &&
        share <= 1 - HYBRID_SHARE)
        r->label = JDC_TRACK_HYBRID;
    else
        r->label = share > 0.5 ? JDC_TRACK_LLMOPS : JDC_TRACK_MLOPS;
    double scope_conf = 1.0 / (1.0 + exp(-margin / 3.0));
    double side_conf = r->label == JDC_TRACK_HYBRID
                           ? 1.0 - fabs(share - 0.5)
                           : 0.5 + fabs(share - 0.5);
    r->score = scope_conf * side_conf;
}
