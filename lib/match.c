/* Matcher: tokens -> vocabulary hits, leftmost-longest, non-overlapping.
 *
 * 1. Units. A run of joined tokens ("CI/CD", "scikit-learn") is one unit when
 *    the model knows the whole run as a word; otherwise each part is a unit.
 *    A unit carries up to three candidate word ids: the exact-case word, the
 *    lower-case literal word and the stemmed word.
 * 2. Phrases. From each unit, the trie is walked over the following units
 *    (at most JDC_PHRASE_MAX, never across a sentence break); the
 *    longest phrase that ends on a term wins and matching resumes after it.
 *    So overlaps are resolved "leftmost first, then longest".
 * Cost is O(units x JDC_PHRASE_MAX): linear in the input. Units are built
 * and walked in windows of UNITS_WINDOW (walk_units()), so their memory
 * does not grow with the input; the hits are those of one walk over all.
 *
 * The per-thread memo maps each lower-cased token to its literal, exact and
 * stemmed word ids for the current model. It is an open-addressing table
 * that only grows during a call, so a word is stemmed at most once per call;
 * it is kept between calls on the same thread (most words of the next
 * posting are already there) and emptied at the start of a call when it
 * holds more than MEMO_KEEP words or the model changed, which bounds its
 * memory. Its hash is keyed with the process's random key (hash.c), so
 * hostile input cannot aim tokens at one probe chain. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "internal.h"

#define MEMO_KEEP (1u << 16) /* words kept between calls */

typedef struct memo_ent {
    uint64_t hash; /* 0 = empty slot */
    const jdc_exact *exact;
    uint32_t key;  /* offset of the key in the memo's key arena */
    uint16_t len;
    uint16_t nexact;
    int32_t lower, stem;
} memo_ent;

typedef struct memo {
    memo_ent *v;
    size_t cap, n; /* cap is a power of two; n <= cap / 2 */
    jdc_buf keys;
    uint64_t serial;
} memo;

/* A unit that has at least one candidate word; `pos` is its index among
 * all units, so that phrases only continue over adjacent units. */
typedef struct unit {
    uint32_t start, end;
    uint32_t pos;
    uint32_t sent;   /* sentence index */
    uint16_t flags;
    uint8_t ncand;
    uint8_t negated; /* a negation word precedes it in its sentence */
    uint32_t neg_pos; /* position of that negation word */
    int32_t cand[3];
} unit;

struct jdc_scratch {
    jdc_stemmer *stem;
    jdc_tokens toks;
    jdc_sections sections;
    unit *units;
    size_t capunits;
    memo memo;
    int32_t *slots;
    size_t nslots;
    jdc_sentences sents;
    jdc_html html;
};

/* ---- per-thread scratch ---------------------------------------------------- */

static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;
static int scratch_key_ok;

static void scratch_free(void *p)
{
    jdc_scratch *s = p;
    if (!s)
        return;
    jdc__stemmer_free(s->stem);
    jdc__tokens_free(&s->toks);
    jdc__sections_free(&s->sections);
    free(s->units);
    free(s->memo.v);
    jdc__buf_free(&s->memo.keys);
    free(s->slots);
    free(s->sents.v);
    jdc__html_free(&s->html);
    free(s);
}

static void scratch_init(void)
{
    scratch_key_ok = pthread_key_create(&scratch_key, scratch_free) == 0;
}

jdc_scratch *jdc__scratch_get(int *status)
{
    pthread_once(&scratch_once, scratch_init);
    if (!scratch_key_ok) {
        *status = jdc__fail(JDC_ENOMEM, "cannot create thread-local key");
        return NULL;
    }
    jdc_scratch *s = pthread_getspecific(scratch_key);
    if (s)
        return s;
    jdc__hash_init();
    s = calloc(1, sizeof *s);
    if (!s) {
        *status = jdc__fail(JDC_ENOMEM, "out of memory");
        return NULL;
    }
    int st;
    s->stem = jdc__stemmer_create(&st);
    if (!s->stem) {
        *status = st == JDC_ENOMEM
                      ? jdc__fail(JDC_ENOMEM, "out of memory")
                      : jdc__fail(JDC_ESTEMMER, "cannot create libstemmer's "
                                                "english stemmer");
        scratch_free(s);
        return NULL;
    }
    if (pthread_setspecific(scratch_key, s)) {
        scratch_free(s);
        *status = jdc__fail(JDC_ENOMEM, "cannot set thread-local scratch");
        return NULL;
    }
    return s;
}

void jdc_thread_cleanup(void)
{
    pthread_once(&scratch_once, scratch_init);
    if (!scratch_key_ok)
        return;
    jdc_scratch *s = pthread_getspecific(scratch_key);
    if (s) {
        pthread_setspecific(scratch_key, NULL);
        scratch_free(s);
    }
}

jdc_tokens *jdc__scratch_tokens(jdc_scratch *s) { return &s->toks; }

/* Buffers grown past these sizes by one large input are released after the
 * call, so a thread does not keep the peak of its largest posting. */
#define TRIM_TOKENS ((size_t)1 << 18)     /* 4 MiB of tokens */
#define TRIM_BYTES ((size_t)8 << 20)      /* 8 MiB of keys or text */

void jdc__scratch_trim(jdc_scratch *s)
{
    if (s->toks.cap > TRIM_TOKENS || s->toks.keys.cap > TRIM_BYTES)
        jdc__tokens_free(&s->toks);
    if (s->capunits > TRIM_TOKENS) {
        free(s->units);
        s->units = NULL;
        s->capunits = 0;
    }
    if (s->sents.cap > TRIM_TOKENS) {
        free(s->sents.v);
        memset(&s->sents, 0, sizeof s->sents);
    }
    if (s->sections.cap > TRIM_TOKENS)
        jdc__sections_free(&s->sections);
    if (s->html.text.cap > TRIM_BYTES)
        jdc__html_free(&s->html);
}
jdc_sections *jdc__scratch_sections(jdc_scratch *s) { return &s->sections; }

jdc_sentences *jdc__scratch_sentences(jdc_scratch *s) { return &s->sents; }
struct jdc_html *jdc__scratch_html(jdc_scratch *s) { return &s->html; }

int32_t *jdc__scratch_slots(jdc_scratch *s, size_t n)
{
    if (n == 0)
        n = 1; /* a model without terms: still return a valid array */
    if (s->nslots < n) {
        int32_t *v = realloc(s->slots, n * sizeof *v);
        if (!v)
            return NULL;
        for (size_t i = s->nslots; i < n; i++)
            v[i] = -1;
        s->slots = v;
        s->nslots = n;
    }
    return s->slots;
}

/* ---- word look-up ------------------------------------------------------------ */

typedef struct lookup {
    int32_t lower, stem;
    const jdc_exact *exact;
    size_t nexact;
} lookup;

static int compute(jdc_scratch *s, const jdc_model *m, const char *key,
                   size_t len, lookup *out)
{
    out->lower = jdc__model_lower_word(m, key, len);
    out->exact = jdc__model_exact(m, key, len, &out->nexact);
    out->stem = -1;
    if (jdc__model_has_stems(m)) {
        size_t sl;
        const char *st = jdc__stem(s->stem, key, len, &sl);
        if (!st)
            return JDC_ENOMEM;
        out->stem = jdc__model_stem_word(m, st, sl);
    }
    return JDC_OK;
}

static int memo_grow(memo *mm)
{
    size_t cap = mm->cap ? mm->cap * 2 : 4096;
    memo_ent *v = calloc(cap, sizeof *v);
    if (!v)
        return JDC_ENOMEM;
    for (size_t i = 0; i < mm->cap; i++) {
        if (!mm->v[i].hash)
            continue;
        size_t k = mm->v[i].hash & (cap - 1);
        while (v[k].hash)
            k = (k + 1) & (cap - 1);
        v[k] = mm->v[i];
    }
    free(mm->v);
    mm->v = v;
    mm->cap = cap;
    return JDC_OK;
}

/* Called at the start of each classification. */
static int memo_begin(memo *mm, const jdc_model *m)
{
    uint64_t serial = jdc__model_serial(m);
    /* an append that failed in an earlier call added nothing (its word was
     * not entered): the arena is consistent, only the sticky flag must go,
     * or every later call on this thread would fail with JDC_ENOMEM */
    mm->keys.oom = 0;
    if (mm->serial != serial || mm->n > MEMO_KEEP) {
        if (mm->cap > 2 * MEMO_KEEP) {
            free(mm->v);
            mm->v = NULL;
            mm->cap = 0;
        } else if (mm->v) {
            memset(mm->v, 0, mm->cap * sizeof *mm->v);
        }
        mm->n = 0;
        mm->keys.len = 0;
        mm->serial = serial;
    }
    return mm->v ? JDC_OK : memo_grow(mm);
}

static int word_ids(jdc_scratch *s, const jdc_model *m, const char *key,
                    size_t len, lookup *out)
{
    memo *mm = &s->memo;
    uint64_t h = jdc__hash_fast(key, len) | 1; /* never 0: 0 marks empty */
    size_t k = h & (mm->cap - 1);
    for (;;) {
        memo_ent *e = &mm->v[k];
        if (!e->hash)
            break;
        if (e->hash == h && e->len == len &&
            !memcmp(mm->keys.data + e->key, key, len)) {
            out->lower = e->lower;
            out->stem = e->stem;
            out->exact = e->exact;
            out->nexact = e->nexact;
            return JDC_OK;
        }
        k = (k + 1) & (mm->cap - 1);
    }
    int rc = compute(s, m, key, len, out);
    if (rc)
        return rc;
    if ((mm->n + 1) * 2 > mm->cap) {
        if (memo_grow(mm))
            return JDC_ENOMEM;
        k = h & (mm->cap - 1);
        while (mm->v[k].hash)
            k = (k + 1) & (mm->cap - 1);
    }
    size_t off = mm->keys.len;
    jdc__buf_put(&mm->keys, key, len);
    if (mm->keys.oom || off > UINT32_MAX)
        return JDC_ENOMEM;
    memo_ent *e = &mm->v[k];
    e->hash = h;
    e->key = (uint32_t)off;
    e->len = (uint16_t)len;
    e->lower = out->lower;
    e->stem = out->stem;
    e->exact = out->exact;
    e->nexact = (uint16_t)out->nexact;
    mm->n++;
    return JDC_OK;
}

static int32_t exact_pick(const jdc_exact *v, size_t n, const char *orig,
                          size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (v[i].len == len && !memcmp(v[i].text, orig, len))
            return v[i].word;
    return -1;
}

static void add_cand(unit *u, int32_t id)
{
    if (id >= 0)
        u->cand[u->ncand++] = id;
}

/* ---- matching ---------------------------------------------------------------- */

#define NEG_WINDOW 4 /* a negation reaches this many words ahead */

static int sent_push(jdc_sentences *ss, uint32_t start)
{
    if (ss->n == ss->cap) {
        size_t cap = ss->cap ? ss->cap * 2 : 256;
        jdc_sentence *v = realloc(ss->v, cap * sizeof *v);
        if (!v)
            return JDC_ENOMEM;
        ss->v = v;
        ss->cap = cap;
    }
    ss->v[ss->n].start = start;
    ss->v[ss->n].end = start;
    ss->v[ss->n].flags = 0;
    ss->n++;
    return JDC_OK;
}

/* Where a trie walk has got to: the next unit to start from, and for the
 * signal walk the first unit after the last leftmost-longest match. */
typedef struct walk_state {
    size_t i, free_from;
} walk_state;

static int walk(const jdc_trie *trie, const unit *u, size_t nu, size_t limit,
                jdc_hits *out, int all, walk_state *st);

/* Units are walked in windows: once UNITS_WINDOW units are waiting, both
 * tries are walked from every unit whose longest possible phrase lies
 * inside the window, and the units before the earliest next start are
 * dropped. The memory for units is then bounded (but for one joined group
 * of tokens, which is built whole), instead of a unit per word of the
 * input; the hits are exactly those of one walk over all units. */
#define UNITS_WINDOW 4096

typedef struct unit_walks {
    const jdc_model *m;
    jdc_hits *terms, *signals;
    walk_state wt, ws;
} unit_walks;

static int walk_units(jdc_scratch *s, unit_walks *w, size_t *nu, int final)
{
    size_t n = *nu;
    size_t limit = final ? n : n > JDC_PHRASE_MAX ? n - JDC_PHRASE_MAX : 0;
    if (walk(jdc__model_term_trie(w->m), s->units, n, limit, w->terms, 0,
             &w->wt))
        return JDC_ENOMEM;
    size_t drop = w->wt.i;
    if (w->signals) {
        if (walk(jdc__model_signal_trie(w->m), s->units, n, limit, w->signals,
                 1, &w->ws))
            return JDC_ENOMEM;
        if (w->ws.i < drop)
            drop = w->ws.i;
    }
    if (final || drop == 0)
        return JDC_OK;
    if (drop > n)
        drop = n;
    memmove(s->units, s->units + drop, (n - drop) * sizeof *s->units);
    *nu = n - drop;
    w->wt.i -= drop;
    w->ws.i -= drop;
    w->ws.free_from = w->ws.free_from > drop ? w->ws.free_from - drop : 0;
    return JDC_OK;
}

static int units_reserve(jdc_scratch *s, size_t need)
{
    if (s->capunits >= need)
        return JDC_OK;
    size_t cap = s->capunits ? s->capunits : 1024;
    while (cap < need)
        cap *= 2;
    unit *v = realloc(s->units, cap * sizeof *v);
    if (!v)
        return JDC_ENOMEM;
    s->units = v;
    s->capunits = cap;
    return JDC_OK;
}

/* Turn tokens into candidate units, and on the way: sentence spans, the
 * hiring-process flag of each sentence, and negation of units; the units
 * are walked (walk_units) as they are built. */
static int build_units(jdc_scratch *s, const jdc_model *m,
                       const jdc_tokens *t, const char *text, unit_walks *w)
{
    if (memo_begin(&s->memo, m))
        return JDC_ENOMEM;
    jdc_sentences *ss = &s->sents;
    ss->n = 0;
    size_t nu = 0;
    uint32_t pos = 0;
    uint32_t sent = 0;
    uint32_t sent_pos = 0;  /* position of the sentence's first unit */
    int64_t neg_pos = -100; /* position of the last negation word */
    uint32_t neg_sent = UINT32_MAX;
    char gkey[JDC_GROUP_MAX];
    for (size_t i = 0; i < t->n;) {
        size_t j = i;
        while (j + 1 < t->n && (t->v[j + 1].flags & JDC_TOK_JOINED))
            j++;
        if (nu >= UNITS_WINDOW && walk_units(s, w, &nu, 0))
            return JDC_ENOMEM;
        if (units_reserve(s, nu + (j - i + 1)))
            return JDC_ENOMEM;
        if (ss->n == 0 || (t->v[i].flags & JDC_TOK_SENT)) {
            if (sent_push(ss, t->v[i].start))
                return JDC_ENOMEM;
            sent = (uint32_t)(ss->n - 1);
            sent_pos = pos;
        }
        ss->v[sent].end = t->v[j].end;
        if (j > i) {
            size_t glen = jdc__group_key(t, text, i, j, gkey, sizeof gkey);
            if (glen) {
                unit *u = &s->units[nu];
                u->ncand = 0;
                add_cand(u, jdc__model_lower_word(m, gkey, glen));
                size_t nex;
                const jdc_exact *ex = jdc__model_exact(m, gkey, glen, &nex);
                if (nex)
                    add_cand(u, exact_pick(ex, nex, text + t->v[i].start,
                                           t->v[j].end - t->v[i].start));
                if (u->ncand) {
                    u->start = t->v[i].start;
                    u->end = t->v[j].end;
                    u->flags = t->v[i].flags;
                    u->sent = sent;
                    u->negated = neg_sent == sent && pos - neg_pos <= NEG_WINDOW;
                    u->neg_pos = (uint32_t)neg_pos;
                    u->pos = pos++;
                    nu++;
                    i = j + 1;
                    continue;
                }
            }
        }
        for (size_t k = i; k <= j; k++, pos++) {
            const jdc_token *tk = &t->v[k];
            unit *u = &s->units[nu];
            u->ncand = 0;
            lookup lk;
            if (word_ids(s, m, t->keys.data + tk->key, tk->key_len, &lk))
                return JDC_ENOMEM;
            if (j == i && lk.lower >= 0) {
                unsigned cue = jdc__model_word_flags(m, lk.lower);
                if (cue & JDC_CUE_NEGATION) {
                    neg_pos = pos;
                    neg_sent = sent;
                } else if ((cue & JDC_CUE_NOT_NEG) && neg_sent == sent &&
                           pos == neg_pos + 1) {
                    neg_sent = UINT32_MAX; /* "not only", "not just" */
                }
                if (cue & JDC_CUE_PROCESS)
                    ss->v[sent].flags |= JDC_SENT_PROCESS;
                if (cue & JDC_CUE_OWN)
                    ss->v[sent].flags |= JDC_SENT_OWN;
                if (cue & JDC_CUE_RESEARCH)
                    ss->v[sent].flags |= JDC_SENT_RESEARCH;
                if (cue & JDC_CUE_ANALYSIS)
                    ss->v[sent].flags |= JDC_SENT_ANALYSIS;
                if (cue & JDC_CUE_WEAK)
                    ss->v[sent].flags |= JDC_SENT_WEAK;
                if (cue & JDC_CUE_PROD)
                    ss->v[sent].flags |= JDC_SENT_PROD;
                /* "Experience with", "Deep understanding of", "You have
                 * experience": a skill word among the first three */
                if ((cue & JDC_CUE_SKILL) && pos - sent_pos < 3)
                    ss->v[sent].flags |= JDC_SENT_SKILL;
                if (cue & JDC_CUE_COMPANY)
                    ss->v[sent].flags |= JDC_SENT_COMPANY;
            }
            if (lk.nexact)
                add_cand(u, exact_pick(lk.exact, lk.nexact, text + tk->start,
                                       tk->end - tk->start));
            add_cand(u, lk.lower);
            add_cand(u, lk.stem);
            if (!u->ncand)
                continue;
            u->start = tk->start;
            u->end = tk->end;
            u->flags = tk->flags;
            u->sent = sent;
            u->negated = neg_sent == sent && pos > neg_pos &&
                         pos - neg_pos <= NEG_WINDOW;
            u->neg_pos = (uint32_t)neg_pos;
            u->pos = pos;
            nu++;
        }
        i = j + 1;
    }
    return walk_units(s, w, &nu, 1);
}

#define FRONTIER_MAX 6

int jdc__hits_push(jdc_hits *h, const jdc_hit *x)
{
    if (h->n == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 64;
        jdc_hit *v = realloc(h->v, cap * sizeof *v);
        if (!v)
            return JDC_ENOMEM;
        h->v = v;
        h->cap = cap;
    }
    h->v[h->n++] = *x;
    return JDC_OK;
}

static int push_hit(jdc_hits *out, const unit *u, size_t i, size_t j,
                    int32_t v, unsigned extra)
{
    jdc_hit h;
    h.term = v;
    h.start = u[i].start;
    h.end = u[j].end;
    h.flags = (uint16_t)(u[i].flags | extra);
    h.section = JDC_SEC_INTRO;
    h.pos = u[i].pos;
    h.sent = u[i].sent;
    h.negated = u[i].negated;
    h.neg_pos = u[i].neg_pos;
    return jdc__hits_push(out, &h);
}

/* Leftmost-longest walk of one trie over the candidate units. With `all`
 * (signal phrases), every other phrase found (shorter ones, and ones that
 * start inside a longer match) is also reported, flagged JDC_HIT_SHADOW:
 * it only tells a `without` rule that its phrase occurs, so that a longer
 * phrase of one rule does not hide a shorter phrase of another. */
static int walk(const jdc_trie *trie, const unit *u, size_t nu, size_t limit,
                jdc_hits *out, int all, walk_state *st)
{
    size_t free_from = st->free_from; /* the next leftmost-longest match */
    size_t i = st->i;
    while (i < limit) {
        /* most candidate words start no phrase of this trie */
        int starts = 0;
        for (size_t c = 0; c < u[i].ncand; c++)
            starts |= trie->root_child[u[i].cand[c]] >= 0;
        if (!starts) {
            i++;
            continue;
        }
        int32_t front[FRONTIER_MAX], next[FRONTIER_MAX];
        size_t nf = 1, best_j = 0;
        int32_t best = -1;
        int32_t found[JDC_PHRASE_MAX];
        size_t found_j[JDC_PHRASE_MAX], nfound = 0;
        front[0] = 0;
        for (size_t j = i; j < nu && j - i < JDC_PHRASE_MAX; j++) {
            if (j > i && (u[j].pos != u[i].pos + (j - i) ||
                          (u[j].flags & JDC_TOK_SENT)))
                break;
            size_t nn = 0;
            for (size_t f = 0; f < nf; f++)
                for (size_t c = 0; c < u[j].ncand; c++) {
                    int32_t ch = jdc__trie_step(trie, front[f], u[j].cand[c]);
                    if (ch < 0)
                        continue;
                    size_t d = 0;
                    while (d < nn && next[d] != ch)
                        d++;
                    if (d == nn && nn < FRONTIER_MAX)
                        next[nn++] = ch;
                }
            if (!nn)
                break;
            for (size_t d = 0; d < nn; d++) {
                int32_t v = trie->value[next[d]];
                if (v >= 0) {
                    best = v;
                    best_j = j;
                    found[nfound] = v;
                    found_j[nfound++] = j;
                    break;
                }
            }
            memcpy(front, next, nn * sizeof *next);
            nf = nn;
        }
        if (!all) {
            if (best < 0) {
                i++;
                continue;
            }
            if (push_hit(out, u, i, best_j, best, 0))
                return JDC_ENOMEM;
            i = best_j + 1;
            continue;
        }
        int primary = best >= 0 && i >= free_from;
        for (size_t k = 0; k < nfound; k++) {
            unsigned extra = primary && k + 1 == nfound ? 0 : JDC_HIT_SHADOW;
            if (push_hit(out, u, i, found_j[k], found[k], extra))
                return JDC_ENOMEM;
        }
        if (primary)
            free_from = best_j + 1;
        i++;
    }
    st->i = i;
    st->free_from = free_from;
    return JDC_OK;
}

int jdc__match(jdc_scratch *s, const jdc_model *m, const jdc_tokens *toks,
               const char *text, jdc_hits *terms, jdc_hits *signals)
{
    unit_walks w;
    memset(&w, 0, sizeof w);
    w.m = m;
    w.terms = terms;
    w.signals = jdc__model_signal_count(m) ? signals : NULL;
    return build_units(s, m, toks, text, &w);
}
