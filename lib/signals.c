/* Signals: evaluate the model's signal rules over the signal-phrase hits.
 *
 * A hit counts for a rule when it is not negated, lies in one of the
 * rule's sections (a hit in a hiring-process sentence is in "benefits")
 * and is not in a sentence that asks for a skill ("Experience with feature
 * stores", "Familiarity with drift detection": the rubric counts the
 * team's practice and the role's work, not what the candidate knows;
 * rules marked `skills` read those sentences too: spans-three-roles); a
 * hit in a sentence about the company (its funding, history) counts as in
 * the company section.
 *  - any {A}: some phrase of A occurs.
 *  - near N {A} {B}: a phrase of A and one of B occur in the same sentence
 *    at most N words apart.
 *  - then N {A} {B}: as near, with the phrase of A first ("monitor ... the
 *    models", not "models that monitor transactions").
 *  - without {A} {B}: A occurs and no phrase of B occurs anywhere in the
 *    posting (in any section; negated mentions do not count as present).
 *  - all {A} {B} ...: every group occurs.
 *  - builtin: computed from the extraction (no-salary, market verdicts).
 * Rules marked in-scope only fire when the label is not `other`. The
 * evidence of a fired signal is the sentence of the hit that fired it.
 * Cost: O(hits x groups per phrase + rules). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static int hit_allowed(const jdc_signal_rule *r, const jdc_hit *h,
                       const jdc_sentences *ss)
{
    /* what the candidate should know is not the team's practice */
    if (!r->skills && h->sent < ss->n &&
        (ss->v[h->sent].flags & JDC_SENT_SKILL))
        return 0;
    unsigned bit = (h->flags & JDC_TOK_TITLE) ? JDC_SEC_TITLE_BIT
                                              : 1u << h->section;
    /* a sentence about the company counts as the company section */
    if (h->sent < ss->n && (ss->v[h->sent].flags & JDC_SENT_COMPANY) &&
        h->section != JDC_SEC_BENEFITS)
        bit = 1u << JDC_SEC_COMPANY;
    return (r->sections & bit) != 0;
}

static int fire(jdc_result *res, const jdc_signal_rule *r, uint32_t start,
                uint32_t end)
{
    for (size_t i = 0; i < res->nsignals; i++)
        if (!strcmp(res->signals[i].id, r->id))
            return JDC_OK; /* another rule of the same signal fired */
    if (res->nsignals == res->capsignals) {
        size_t cap = res->capsignals ? res->capsignals * 2 : 8;
        jdc_signal *v = realloc(res->signals, cap * sizeof *v);
        if (!v)
            return JDC_ENOMEM;
        res->signals = v;
        res->capsignals = cap;
    }
    jdc_signal *s = &res->signals[res->nsignals++];
    memset(s, 0, sizeof *s);
    s->id = r->id;
    s->polarity = r->green ? "green" : "red";
    s->message = r->message;
    s->start = start;
    s->end = end;
    return JDC_OK;
}

typedef struct gstate {
    int32_t rule;
    int32_t first;    /* first allowed hit, -1 */
    int32_t last;     /* last allowed hit, -1 */
    uint8_t present;  /* any non-negated hit anywhere */
} gstate;

int jdc__signals_eval(jdc_result *res, const jdc_model *m, const jdc_hits *sh,
                      const jdc_sentences *ss, const int *builtin_fired,
                      const uint32_t *builtin_span)
{
    size_t nrules = jdc__model_signal_count(m);
    int32_t ng = jdc__model_group_count(m);
    if (!nrules)
        return JDC_OK;
    gstate *g = malloc(((size_t)ng + 1) * sizeof *g);
    uint8_t *fired = calloc(nrules, 1);
    uint32_t *fspan = malloc(nrules * 2 * sizeof *fspan);
    if (!g || !fired || !fspan) {
        free(g);
        free(fired);
        free(fspan);
        return JDC_ENOMEM;
    }
    for (int32_t k = 0; k < ng; k++) {
        g[k].rule = -1;
        g[k].first = g[k].last = -1;
        g[k].present = 0;
    }
    for (size_t r = 0; r < nrules; r++) {
        const jdc_signal_rule *rule = jdc__model_signal(m, r);
        for (int k = 0; k < rule->ngroups; k++)
            g[rule->groups[k]].rule = (int32_t)r;
    }
    for (size_t i = 0; i < sh->n; i++) {
        const jdc_hit *h = &sh->v[i];
        size_t n;
        const int32_t *groups = jdc__model_phrase_groups(m, h->term, &n);
        if (h->flags & JDC_HIT_SHADOW) {
            if (!h->negated)
                for (size_t k = 0; k < n; k++)
                    g[groups[k]].present = 1;
            continue;
        }
        if (h->negated) {
            /* A negated phrase counts only for a near rule whose other
             * group holds the negation word itself ("no ML in production
             * yet": {no; not; yet} near {ML in production}). */
            for (size_t k = 0; k < n; k++) {
                const gstate *st = &g[groups[k]];
                if (st->rule < 0 || fired[st->rule])
                    continue;
                const jdc_signal_rule *rule =
                    jdc__model_signal(m, (size_t)st->rule);
                if (rule->kind != JDC_SIG_NEAR || !hit_allowed(rule, h, ss))
                    continue;
                int32_t other = rule->groups[0] == groups[k] ? rule->groups[1]
                                                             : rule->groups[0];
                int32_t o = g[other].last;
                if (o >= 0 && sh->v[o].pos == h->neg_pos &&
                    sh->v[o].sent == h->sent &&
                    h->pos - h->neg_pos <= (uint32_t)rule->window) {
                    fired[st->rule] = 1;
                    fspan[2 * st->rule] = ss->v[h->sent].start;
                    fspan[2 * st->rule + 1] = ss->v[h->sent].end;
                }
            }
            continue;
        }
        for (size_t k = 0; k < n; k++) {
            gstate *st = &g[groups[k]];
            st->present = 1;
            if (st->rule < 0)
                continue;
            const jdc_signal_rule *rule = jdc__model_signal(m, (size_t)st->rule);
            if (!hit_allowed(rule, h, ss))
                continue;
            if (st->first < 0)
                st->first = (int32_t)i;
            int then = rule->kind == JDC_SIG_THEN;
            if ((rule->kind == JDC_SIG_NEAR ||
                 (then && rule->groups[1] == groups[k])) &&
                !fired[st->rule]) {
                /* then: a hit of the second group, after one of the first */
                int32_t other = rule->groups[0] == groups[k] ? rule->groups[1]
                                                             : rule->groups[0];
                int32_t o = g[other].last;
                if (o >= 0 && (!then || sh->v[o].pos < h->pos)) {
                    const jdc_hit *oh = &sh->v[o];
                    uint32_t d = h->pos > oh->pos ? h->pos - oh->pos
                                                  : oh->pos - h->pos;
                    if (oh->sent == h->sent && d <= (uint32_t)rule->window) {
                        fired[st->rule] = 1;
                        fspan[2 * st->rule] = ss->v[h->sent].start;
                        fspan[2 * st->rule + 1] = ss->v[h->sent].end;
                    }
                }
            }
            st->last = (int32_t)i;
        }
    }
    int rc = JDC_OK;
    for (size_t r = 0; r < nrules && rc == JDC_OK; r++) {
        const jdc_signal_rule *rule = jdc__model_signal(m, r);
        if (rule->in_scope_only && res->label == JDC_TRACK_OTHER)
            continue;
        int32_t at = -1;
        switch (rule->kind) {
        case JDC_SIG_ANY:
            at = g[rule->groups[0]].first;
            break;
        case JDC_SIG_WITHOUT:
            if (!g[rule->groups[1]].present)
                at = g[rule->groups[0]].first;
            break;
        case JDC_SIG_ALL:
            at = g[rule->groups[0]].first;
            for (int k = 1; k < rule->ngroups && at >= 0; k++)
                if (g[rule->groups[k]].first < 0)
                    at = -1;
            break;
        case JDC_SIG_NEAR:
        case JDC_SIG_THEN:
            if (fired[r])
                rc = fire(res, rule, fspan[2 * r], fspan[2 * r + 1]);
            continue;
        case JDC_SIG_BUILTIN:
            if (builtin_fired && builtin_fired[rule->builtin])
                rc = fire(res, rule, builtin_span[2 * rule->builtin],
                          builtin_span[2 * rule->builtin + 1]);
            continue;
        default:
            break;
        }
        if (at >= 0) {
            const jdc_hit *h = &sh->v[at];
            rc = fire(res, rule, ss->v[h->sent].start, ss->v[h->sent].end);
        }
    }
    free(g);
    free(fired);
    free(fspan);
    return rc;
}
