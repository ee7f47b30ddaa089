/* Model: parse the text files of a model directory into immutable tables.
 *
 * Tables (uthash, keyed hash from hash.c):
 *  - words: one entry per distinct (mode, key): 'S' + stem, 'L' + lower-case
 *    literal, 'E' + exact bytes. Each has a word id.
 *  - exact: lower-case key -> the case-sensitive variants with that key.
 *  - trans: trie transitions (node, word id) -> child node.
 * Every phrase of every term (canonical name and aliases) is a path of word
 * ids in the trie; the node at its end names the term. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stddef.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "classifier.h"
#include "extract.h"
#include "internal.h"
#include <uthash.h>

typedef struct word_ent {
    UT_hash_handle hh;
    int32_t id;
    size_t len;
    char key[]; /* mode byte + key */
} word_ent;

typedef struct exact_ent {
    UT_hash_handle hh;
    jdc_exact *v;
    size_t n;
    size_t len;
    char key[];
} exact_ent;

struct jdc_model {
    char name[64];
    char version[64];
    jdc_params params;
    jdc_term *terms;
    size_t nterms, capterms;
    char **layers;
    size_t nlayers, caplayers;
    word_ent *words;
    exact_ent *exact;
    jdc_trie terms_trie; /* phrases -> term id */
    jdc_trie sig_trie;   /* signal phrases -> signal phrase id */
    jdc_bands bands;     /* UK market salary bands */
    int32_t **phrase_groups; /* per signal phrase: group ids, -1 ended */
    size_t nphrases, capphrases;
    jdc_signal_rule *signals;
    size_t nsignals, capsignals;
    int32_t ngroups;
    /* cue words: (word id, flag) while loading, then flags by word id */
    int32_t *cue_word;
    uint16_t *cue_flag;
    size_t ncues, capcues;
    uint16_t *word_flags;
    int32_t nwords;
    uint64_t serial;
    int is_default;
    int has_stems;
    jdc_classifier cls; /* families, features, weights (classifier.c) */
};

static atomic_uint_fast64_t next_serial = 1;

/* ---- look-ups ------------------------------------------------------------ */

static int32_t word_lookup(const jdc_model *m, char mode, const char *key,
                           size_t len)
{
    char tmp[JDC_GROUP_MAX + 2];
    if (len > JDC_GROUP_MAX)
        return -1;
    tmp[0] = mode;
    memcpy(tmp + 1, key, len);
    word_ent *w;
    HASH_FIND(hh, m->words, tmp, len + 1, w);
    return w ? w->id : -1;
}

int32_t jdc__model_lower_word(const jdc_model *m, const char *key, size_t len)
{
    return word_lookup(m, JDC_W_LOWER, key, len);
}

int32_t jdc__model_stem_word(const jdc_model *m, const char *stem, size_t len)
{
    return word_lookup(m, JDC_W_STEM, stem, len);
}

const jdc_exact *jdc__model_exact(const jdc_model *m, const char *key,
                                  size_t len, size_t *n)
{
    exact_ent *e;
    HASH_FIND(hh, m->exact, key, len, e);
    *n = e ? e->n : 0;
    return e ? e->v : NULL;
}

int jdc__model_has_stems(const jdc_model *m) { return m->has_stems; }

unsigned jdc__model_word_flags(const jdc_model *m, int32_t word)
{
    return word >= 0 && word < m->nwords ? m->word_flags[word] : 0;
}
size_t jdc__model_signal_count(const jdc_model *m) { return m->nsignals; }
const jdc_signal_rule *jdc__model_signal(const jdc_model *m, size_t i)
{
    return i < m->nsignals ? &m->signals[i] : NULL;
}
int32_t jdc__model_group_count(const jdc_model *m) { return m->ngroups; }
const jdc_trie *jdc__model_signal_trie(const jdc_model *m)
{
    return &m->sig_trie;
}
const jdc_trie *jdc__model_term_trie(const jdc_model *m)
{
    return &m->terms_trie;
}
const int32_t *jdc__model_phrase_groups(const jdc_model *m, int32_t phrase,
                                        size_t *n)
{
    if (phrase < 0 || (size_t)phrase >= m->nphrases) {
        *n = 0;
        return NULL;
    }
    const int32_t *g = m->phrase_groups[phrase];
    size_t k = 0;
    while (g[k] >= 0)
        k++;
    *n = k;
    return g;
}

int32_t jdc__model_step(const jdc_model *m, int32_t node, int32_t word)
{
    return jdc__trie_step(&m->terms_trie, node, word);
}

int32_t jdc__model_node_term(const jdc_model *m, int32_t node)
{
    return node >= 0 && (size_t)node < m->terms_trie.nnodes
               ? m->terms_trie.value[node]
               : -1;
}

const jdc_term *jdc__model_term(const jdc_model *m, int32_t id)
{
    return id >= 0 && (size_t)id < m->nterms ? &m->terms[id] : NULL;
}

uint64_t jdc__model_serial(const jdc_model *m) { return m->serial; }
const jdc_params *jdc__model_params(const jdc_model *m) { return &m->params; }
const jdc_bands *jdc__model_bands(const jdc_model *m) { return &m->bands; }
const jdc_classifier *jdc__model_classifier(const jdc_model *m)
{
    return &m->cls;
}

static const jdc_params default_params = {
    .title_factor = 3.0,
    .repeat_log = 1.0,
    .in_scope = 8.0,
    .other_factor = 1.5,
    .hybrid_min = 8.0,
    .hybrid_share = 0.35,
    .generic_mlops = 0.1,
    .llmops_share = 0.5,
    .section = {0.3, 0.2, 1.0, 1.0, 0.3, 0.1},
};

typedef struct param_key {
    const char *name;
    size_t offset;
    double min, max;
} param_key;

#define PK(field, lo, hi) {#field, offsetof(jdc_params, field), lo, hi}
#define PS(name, idx) \
    {"section." name, offsetof(jdc_params, section) + idx * sizeof(double), 0, 10}
static const param_key param_keys[] = {
    PK(title_factor, 0, 100),  PK(repeat_log, 0, 10),
    PK(in_scope, 0, 1000),     PK(other_factor, 0, 100),
    PK(hybrid_min, 0, 1000),   PK(hybrid_share, 0, 0.5),
    PK(generic_mlops, 0, 10),  PK(llmops_share, 0, 1),
    PS("intro", JDC_SEC_INTRO), PS("company", JDC_SEC_COMPANY),
    PS("duties", JDC_SEC_DUTIES), PS("requirements", JDC_SEC_REQUIREMENTS),
    PS("nice-to-have", JDC_SEC_NICE), PS("benefits", JDC_SEC_BENEFITS),
};
int jdc__model_is_default(const jdc_model *m) { return m->is_default; }

const char *jdc_model_name(const jdc_model *m) { return m ? m->name : ""; }
const char *jdc_model_version(const jdc_model *m)
{
    return m ? m->version : "";
}
size_t jdc_model_term_count(const jdc_model *m) { return m ? m->nterms : 0; }

/* ---- building ------------------------------------------------------------ */

static void model_destroy(jdc_model *m)
{
    if (!m)
        return;
    word_ent *w, *wt;
    HASH_ITER(hh, m->words, w, wt)
    {
        HASH_DEL(m->words, w);
        free(w);
    }
    exact_ent *e, *et;
    HASH_ITER(hh, m->exact, e, et)
    {
        HASH_DEL(m->exact, e);
        for (size_t i = 0; i < e->n; i++)
            free((char *)e->v[i].text);
        free(e->v);
        free(e);
    }
    jdc__trie_free(&m->terms_trie);
    jdc__trie_free(&m->sig_trie);
    jdc__bands_free(&m->bands);
    jdc__classifier_free(&m->cls);
    for (size_t i = 0; i < m->nphrases; i++)
        free(m->phrase_groups[i]);
    free(m->phrase_groups);
    for (size_t i = 0; i < m->nsignals; i++) {
        free(m->signals[i].id);
        free(m->signals[i].message);
    }
    free(m->signals);
    free(m->cue_word);
    free(m->cue_flag);
    free(m->word_flags);
    for (size_t i = 0; i < m->nterms; i++)
        free(m->terms[i].name);
    free(m->terms);
    for (size_t i = 0; i < m->nlayers; i++)
        free(m->layers[i]);
    free(m->layers);
    free(m);
}

void jdc_model_free(jdc_model *m)
{
    if (m && !m->is_default)
        model_destroy(m);
}

typedef struct builder {
    jdc_model *m;
    jdc_stemmer *stem;
    jdc_tokens toks;
    const char *file;
    size_t line;
} builder;

static int bfail(builder *b, int code, const char *reason)
{
    return jdc__fail(code, "%s:%zu: %s", b->file, b->line, reason);
}

static int oom(void) { return jdc__fail(JDC_ENOMEM, "out of memory"); }

static int32_t word_intern(builder *b, char mode, const char *key, size_t len)
{
    jdc_model *m = b->m;
    if (len > JDC_GROUP_MAX)
        len = JDC_GROUP_MAX;
    int32_t id = word_lookup(m, mode, key, len);
    if (id >= 0)
        return id;
    word_ent *w = malloc(sizeof *w + len + 1);
    if (!w)
        return -1;
    w->key[0] = mode;
    memcpy(w->key + 1, key, len);
    w->len = len + 1;
    w->id = m->nwords++;
    HASH_ADD(hh, m->words, key, w->len, w);
    if (!w->hh.tbl) {
        free(w);
        return -1;
    }
    if (mode == JDC_W_STEM)
        m->has_stems = 1;
    return w->id;
}

/* Register a case-sensitive word: exact bytes, indexed by lower-case key. */
static int32_t exact_intern(builder *b, const char *orig, size_t olen,
                            const char *lower, size_t llen)
{
    jdc_model *m = b->m;
    int32_t id = word_intern(b, JDC_W_EXACT, orig, olen);
    if (id < 0)
        return -1;
    exact_ent *e;
    HASH_FIND(hh, m->exact, lower, llen, e);
    if (!e) {
        e = calloc(1, sizeof *e + llen + 1);
        if (!e)
            return -1;
        memcpy(e->key, lower, llen);
        e->len = llen;
        HASH_ADD(hh, m->exact, key, e->len, e);
        if (!e->hh.tbl) {
            free(e);
            return -1;
        }
    }
    for (size_t i = 0; i < e->n; i++)
        if (e->v[i].word == id)
            return id;
    jdc_exact *v = realloc(e->v, (e->n + 1) * sizeof *v);
    if (!v)
        return -1;
    e->v = v;
    char *copy = malloc(olen + 1);
    if (!copy)
        return -1;
    memcpy(copy, orig, olen);
    copy[olen] = '\0';
    v[e->n].text = copy;
    v[e->n].len = (uint16_t)olen;
    v[e->n].word = id;
    e->n++;
    return id;
}

/* Add a signal phrase path for group `group`. */
static int sig_add(builder *b, const int32_t *words, size_t n, int32_t group)
{
    jdc_model *m = b->m;
    int32_t node = jdc__trie_insert(&m->sig_trie, words, n);
    if (node < 0)
        return oom();
    int32_t ph = m->sig_trie.value[node];
    if (ph < 0) {
        if (m->nphrases == m->capphrases) {
            size_t cap = m->capphrases ? m->capphrases * 2 : 64;
            int32_t **v = realloc(m->phrase_groups, cap * sizeof *v);
            if (!v)
                return oom();
            m->phrase_groups = v;
            m->capphrases = cap;
        }
        int32_t *g = malloc(sizeof *g);
        if (!g)
            return oom();
        g[0] = -1;
        ph = (int32_t)m->nphrases;
        m->phrase_groups[m->nphrases++] = g;
        m->sig_trie.value[node] = ph;
    }
    int32_t *g = m->phrase_groups[ph];
    size_t k = 0;
    while (g[k] >= 0) {
        if (g[k] == group)
            return JDC_OK;
        k++;
    }
    int32_t *v = realloc(g, (k + 2) * sizeof *v);
    if (!v)
        return oom();
    v[k] = group;
    v[k + 1] = -1;
    m->phrase_groups[ph] = v;
    return JDC_OK;
}

/* Add a path of word ids naming term `term` (or, with term < -1, signal
 * group -term - 2). */
static int trie_add(builder *b, const int32_t *words, size_t n, int32_t term,
                    const char *phrase)
{
    if (term < -1)
        return sig_add(b, words, n, -term - 2);
    jdc_model *m = b->m;
    int32_t node = jdc__trie_insert(&m->terms_trie, words, n);
    if (node < 0)
        return oom();
    int32_t old = m->terms_trie.value[node];
    if (old >= 0 && old != term)
        return jdc__fail(JDC_EFORMAT,
                         "%s:%zu: phrase '%s' already names term '%s'",
                         b->file, b->line, phrase, m->terms[old].name);
    m->terms_trie.value[node] = term;
    return JDC_OK;
}

/* Turn one phrase into trie paths (whole-group and split variants). */
static int add_phrase(builder *b, const char *phrase, size_t plen,
                      int32_t term, unsigned flags)
{
    jdc_tokens *t = &b->toks;
    if (jdc__tokenize(t, phrase, plen, JDC_FLAG_NO_TITLE))
        return oom();
    if (t->n == 0)
        return bfail(b, JDC_EFORMAT, "term has no word characters");
    int32_t whole[JDC_PHRASE_MAX], split[JDC_PHRASE_MAX];
    size_t nwhole = 0, nsplit = 0;
    int has_group = 0;
    char gkey[JDC_GROUP_MAX];
    for (size_t i = 0; i < t->n;) {
        size_t j = i;
        while (j + 1 < t->n && (t->v[j + 1].flags & JDC_TOK_JOINED))
            j++;
        /* parts i..j form one group */
        if (j > i) {
            has_group = 1;
            size_t glen = jdc__group_key(t, phrase, i, j, gkey, sizeof gkey);
            if (!glen)
                return bfail(b, JDC_EFORMAT, "joined token too long");
            int32_t id;
            if (flags & JDC_TERM_CASE)
                id = exact_intern(b, phrase + t->v[i].start,
                                  t->v[j].end - t->v[i].start, gkey, glen);
            else
                id = word_intern(b, JDC_W_LOWER, gkey, glen);
            if (id < 0)
                return oom();
            if (nwhole == JDC_PHRASE_MAX)
                return bfail(b, JDC_EFORMAT, "phrase longer than 8 tokens");
            whole[nwhole++] = id;
        }
        for (size_t k = i; k <= j; k++) {
            const jdc_token *tk = &t->v[k];
            const char *key = t->keys.data + tk->key;
            int32_t id;
            if (flags & JDC_TERM_CASE) {
                id = exact_intern(b, phrase + tk->start, tk->end - tk->start,
                                  key, tk->key_len);
            } else if (flags & JDC_TERM_LITERAL) {
                id = word_intern(b, JDC_W_LOWER, key, tk->key_len);
            } else {
                size_t sl;
                const char *st = jdc__stem(b->stem, key, tk->key_len, &sl);
                if (!st)
                    return oom();
                id = word_intern(b, JDC_W_STEM, st, sl);
            }
            if (id < 0)
                return oom();
            if (nsplit == JDC_PHRASE_MAX)
                return bfail(b, JDC_EFORMAT, "phrase longer than 8 tokens");
            split[nsplit++] = id;
            if (j == i) {
                if (nwhole == JDC_PHRASE_MAX)
                    return bfail(b, JDC_EFORMAT,
                                 "phrase longer than 8 tokens");
                whole[nwhole++] = id;
            }
        }
        i = j + 1;
    }
    char shown[128];
    snprintf(shown, sizeof shown, "%.*s", (int)(plen > 100 ? 100 : plen),
             phrase);
    int rc = trie_add(b, whole, nwhole, term, shown);
    if (rc == JDC_OK && has_group)
        rc = trie_add(b, split, nsplit, term, shown);
    return rc;
}

static const char *intern_layer(jdc_model *m, const char *s, size_t n)
{
    for (size_t i = 0; i < m->nlayers; i++)
        if (strlen(m->layers[i]) == n && !memcmp(m->layers[i], s, n))
            return m->layers[i];
    if (m->nlayers == m->caplayers) {
        size_t cap = m->caplayers ? m->caplayers * 2 : 32;
        char **v = realloc(m->layers, cap * sizeof *v);
        if (!v)
            return NULL;
        m->layers = v;
        m->caplayers = cap;
    }
    char *c = malloc(n + 1);
    if (!c)
        return NULL;
    memcpy(c, s, n);
    c[n] = '\0';
    m->layers[m->nlayers++] = c;
    return c;
}

/* Trim spaces and tabs in place; returns the new start, updates *n. */
static const char *trim(const char *s, size_t *n)
{
    while (*n && (*s == ' ' || *s == '\t')) {
        s++;
        (*n)--;
    }
    while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t' || s[*n - 1] == '\r'))
        (*n)--;
    return s;
}

static int eq(const char *s, size_t n, const char *lit)
{
    return strlen(lit) == n && !memcmp(s, lit, n);
}

static int parse_track(const char *s, size_t n)
{
    static const char *names[] = {"mlops", "llmops", "ml", "shared", "other"};
    for (int i = 0; i < JDC_T_COUNT; i++)
        if (eq(s, n, names[i]))
            return i;
    return -1;
}

const char *jdc__track_term_name(int t)
{
    static const char *names[] = {"mlops", "llmops", "ml", "shared", "other"};
    return t >= 0 && t < JDC_T_COUNT ? names[t] : "unknown";
}

/* Parse a plain decimal number ("3", "0.25", ".5"): digits with at most one
 * '.'; no sign, exponent, hex or inf/nan. Unlike strtod() it does not
 * follow LC_NUMERIC, which a host program may have set to a ',' locale.
 * Correctly rounded (mantissa and power of ten are exact for <= 15 digits). */
static int parse_decimal(const char *s, double *out)
{
    uint64_t mant = 0;
    int digits = 0, frac = -1;
    for (; *s; s++) {
        if (*s == '.' && frac < 0) {
            frac = 0;
        } else if (*s >= '0' && *s <= '9') {
            if (++digits > 15)
                return 0;
            mant = mant * 10 + (uint64_t)(*s - '0');
            if (frac >= 0)
                frac++;
        } else {
            return 0;
        }
    }
    if (!digits)
        return 0;
    double p = 1;
    for (int i = 0; i < frac; i++)
        p *= 10;
    *out = (double)mant / p;
    return 1;
}

static int parse_terms_line(builder *b, const char *s, size_t n)
{
    const char *f[7];
    size_t fl[7];
    size_t nf = 0;
    size_t st = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '|') {
            if (nf == 6)
                return bfail(b, JDC_EFORMAT,
                             "too many fields (expected 6 separated by '|')");
            fl[nf] = i - st;
            f[nf] = trim(s + st, &fl[nf]);
            nf++;
            st = i + 1;
        }
    }
    if (nf != 6) {
        char msg[96];
        snprintf(msg, sizeof msg,
                 "expected 6 fields separated by '|', found %zu", nf);
        return bfail(b, JDC_EFORMAT, msg);
    }
    if (fl[0] == 0)
        return bfail(b, JDC_EFORMAT, "empty canonical name");
    if (fl[0] > 200)
        return bfail(b, JDC_EFORMAT, "canonical name longer than 200 bytes");
    int track = parse_track(f[2], fl[2]);
    if (track < 0) {
        char msg[160];
        snprintf(msg, sizeof msg,
                 "unknown track '%.*s' (mlops, llmops, ml, shared, other)",
                 (int)(fl[2] > 40 ? 40 : fl[2]), f[2]);
        return bfail(b, JDC_EFORMAT, msg);
    }
    if (fl[3] == 0 || fl[3] > 40)
        return bfail(b, JDC_EFORMAT, "layer must be 1 to 40 characters");
    for (size_t i = 0; i < fl[3]; i++) {
        char c = f[3][i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return bfail(b, JDC_EFORMAT,
                         "layer may only contain a-z, 0-9 and '-'");
    }
    char num[32];
    if (fl[4] == 0 || fl[4] >= sizeof num)
        return bfail(b, JDC_EFORMAT, "weight must be a number from 0 to 10");
    memcpy(num, f[4], fl[4]);
    num[fl[4]] = '\0';
    double w;
    if (!parse_decimal(num, &w) || !(w >= 0 && w <= 10))
        return bfail(b, JDC_EFORMAT, "weight must be a number from 0 to 10");
    unsigned flags = 0;
    if (!eq(f[5], fl[5], "-")) {
        size_t i = 0;
        while (i <= fl[5]) {
            size_t j = i;
            while (j < fl[5] && f[5][j] != ',')
                j++;
            size_t len = j - i;
            const char *fs = trim(f[5] + i, &len);
            if (eq(fs, len, "literal"))
                flags |= JDC_TERM_LITERAL;
            else if (eq(fs, len, "case"))
                flags |= JDC_TERM_CASE | JDC_TERM_LITERAL;
            else
                return bfail(b, JDC_EFORMAT,
                             "unknown flag (use literal, case or -)");
            i = j + 1;
        }
    }
    jdc_model *m = b->m;
    if (m->nterms == m->capterms) {
        size_t cap = m->capterms ? m->capterms * 2 : 256;
        jdc_term *v = realloc(m->terms, cap * sizeof *v);
        if (!v)
            return oom();
        m->terms = v;
        m->capterms = cap;
    }
    jdc_term *t = &m->terms[m->nterms];
    t->name = malloc(fl[0] + 1);
    if (!t->name)
        return oom();
    memcpy(t->name, f[0], fl[0]);
    t->name[fl[0]] = '\0';
    t->layer = intern_layer(m, f[3], fl[3]);
    if (!t->layer) {
        free(t->name);
        return oom();
    }
    t->track = track;
    t->weight = w;
    t->flags = flags;
    int32_t id = (int32_t)m->nterms++;
    int rc = add_phrase(b, f[0], fl[0], id, flags);
    if (rc)
        return rc;
    if (!eq(f[1], fl[1], "-")) {
        size_t i = 0;
        while (i <= fl[1]) {
            size_t j = i;
            while (j < fl[1] && f[1][j] != ';')
                j++;
            size_t len = j - i;
            const char *a = trim(f[1] + i, &len);
            if (len == 0)
                return bfail(b, JDC_EFORMAT, "empty alias");
            rc = add_phrase(b, a, len, id, flags);
            if (rc)
                return rc;
            i = j + 1;
        }
    }
    return JDC_OK;
}


static int parse_cues_line(builder *b, const char *s, size_t n)
{
    const char *bar = memchr(s, '|', n);
    if (!bar)
        return bfail(b, JDC_EFORMAT, "expected 'kind | word; word; ...'");
    size_t kl = (size_t)(bar - s), wl = n - kl - 1;
    const char *k = trim(s, &kl), *w = trim(bar + 1, &wl);
    uint16_t flag;
    if (eq(k, kl, "negation"))
        flag = JDC_CUE_NEGATION;
    else if (eq(k, kl, "process"))
        flag = JDC_CUE_PROCESS;
    else if (eq(k, kl, "not-negation"))
        flag = JDC_CUE_NOT_NEG;
    else if (eq(k, kl, "own"))
        flag = JDC_CUE_OWN;
    else if (eq(k, kl, "research"))
        flag = JDC_CUE_RESEARCH;
    else if (eq(k, kl, "analysis"))
        flag = JDC_CUE_ANALYSIS;
    else if (eq(k, kl, "weak"))
        flag = JDC_CUE_WEAK;
    else if (eq(k, kl, "prod"))
        flag = JDC_CUE_PROD;
    else if (eq(k, kl, "skill"))
        flag = JDC_CUE_SKILL;
    else if (eq(k, kl, "company"))
        flag = JDC_CUE_COMPANY;
    else
        return bfail(b, JDC_EFORMAT, "unknown cue kind (negation, "
                                     "not-negation, process, own, research, "
                                     "analysis, weak, prod, skill, "
                                     "company)");
    jdc_model *m = b->m;
    size_t i = 0;
    while (i <= wl) {
        size_t j = i;
        while (j < wl && w[j] != ';')
            j++;
        size_t len = j - i;
        const char *word = trim(w + i, &len);
        i = j + 1;
        if (!len)
            return bfail(b, JDC_EFORMAT, "empty cue word");
        if (jdc__tokenize(&b->toks, word, len, JDC_FLAG_NO_TITLE))
            return oom();
        if (b->toks.n != 1)
            return bfail(b, JDC_EFORMAT, "a cue must be a single word");
        int32_t id = word_intern(b, JDC_W_LOWER,
                                 b->toks.keys.data + b->toks.v[0].key,
                                 b->toks.v[0].key_len);
        if (id < 0)
            return oom();
        if (m->ncues == m->capcues) {
            size_t cap = m->capcues ? m->capcues * 2 : 64;
            int32_t *v = realloc(m->cue_word, cap * sizeof *v);
            if (!v)
                return oom();
            m->cue_word = v;
            uint16_t *f = realloc(m->cue_flag, cap * sizeof *f);
            if (!f)
                return oom();
            m->cue_flag = f;
            m->capcues = cap;
        }
        m->cue_word[m->ncues] = id;
        m->cue_flag[m->ncues] = flag;
        m->ncues++;
    }
    return JDC_OK;
}

static int parse_where(builder *b, const char *s, size_t n, jdc_signal_rule *r)
{
    static const char *secs[] = {"intro", "company", "duties", "requirements",
                                 "nice-to-have", "benefits"};
    r->sections = 0;
    size_t i = 0;
    while (i <= n) {
        size_t j = i;
        while (j < n && s[j] != ',')
            j++;
        size_t len = j - i;
        const char *w = trim(s + i, &len);
        i = j + 1;
        int found = 0;
        for (int k = 0; k < JDC_SEC_COUNT; k++)
            if (eq(w, len, secs[k])) {
                r->sections |= 1u << k;
                found = 1;
            }
        if (found)
            continue;
        if (eq(w, len, "title"))
            r->sections |= JDC_SEC_TITLE_BIT;
        else if (eq(w, len, "all"))
            r->sections |= JDC_SEC_TITLE_BIT | ((1u << JDC_SEC_COUNT) - 1);
        else if (eq(w, len, "role"))
            r->sections |= JDC_SEC_TITLE_BIT |
                           1u << JDC_SEC_INTRO | 1u << JDC_SEC_DUTIES;
        else if (eq(w, len, "in-scope"))
            r->in_scope_only = 1;
        else if (eq(w, len, "skills"))
            r->skills = 1;
        else
            return bfail(b, JDC_EFORMAT,
                         "unknown section (title, intro, company, duties, "
                         "requirements, nice-to-have, benefits, role, all, "
                         "in-scope, skills)");
    }
    if (!r->sections)
        return bfail(b, JDC_EFORMAT, "no section given");
    return JDC_OK;
}

/* Parse "{a; b; =Exact}" at *s; adds the phrases to a new group. */
static int parse_group(builder *b, const char **sp, const char *end,
                       jdc_signal_rule *r)
{
    const char *s = *sp;
    while (s < end && *s == ' ')
        s++;
    if (s >= end || *s != '{')
        return bfail(b, JDC_EFORMAT, "expected '{' starting a phrase group");
    const char *close = memchr(s, '}', (size_t)(end - s));
    if (!close)
        return bfail(b, JDC_EFORMAT, "missing '}'");
    if (r->ngroups == JDC_SIG_GROUPS)
        return bfail(b, JDC_EFORMAT, "too many phrase groups (at most 4)");
    int32_t group = b->m->ngroups++;
    r->groups[r->ngroups++] = group;
    const char *p = s + 1;
    int nphr = 0;
    while (p < close) {
        const char *q = p;
        while (q < close && *q != ';')
            q++;
        size_t len = (size_t)(q - p);
        const char *ph = trim(p, &len);
        p = q + 1;
        if (!len)
            continue;
        unsigned flags = 0;
        if (*ph == '=') {
            flags = JDC_TERM_CASE | JDC_TERM_LITERAL;
            ph++;
            len--;
        }
        int rc = add_phrase(b, ph, len, -group - 2, flags);
        if (rc)
            return rc;
        nphr++;
    }
    if (!nphr)
        return bfail(b, JDC_EFORMAT, "empty phrase group");
    *sp = close + 1;
    return JDC_OK;
}

static int parse_signals_line(builder *b, const char *s, size_t n)
{
    const char *f[6];
    size_t fl[6], nf = 0, st = 0;
    int depth = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] == '{')
            depth++;
        if (i < n && s[i] == '}' && --depth < 0)
            return bfail(b, JDC_EFORMAT, "'}' without '{'");
        if (i == n || (s[i] == '|' && depth == 0)) {
            if (nf == 5)
                return bfail(b, JDC_EFORMAT,
                             "too many fields (expected 5 separated by '|')");
            fl[nf] = i - st;
            f[nf] = trim(s + st, &fl[nf]);
            nf++;
            st = i + 1;
        }
    }
    if (depth > 0)
        return bfail(b, JDC_EFORMAT, "missing '}'");
    if (nf != 5)
        return bfail(b, JDC_EFORMAT, "expected 5 fields: id | polarity | "
                                     "where | rule | message");
    jdc_model *m = b->m;
    if (!fl[0] || fl[0] > 40)
        return bfail(b, JDC_EFORMAT, "signal id must be 1 to 40 characters");
    for (size_t i = 0; i < fl[0]; i++) {
        char c = f[0][i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return bfail(b, JDC_EFORMAT,
                         "signal id may only contain a-z, 0-9 and '-'");
    }
    /* Several lines may share an id (the signal fires when any of them
     * does); they must agree on the polarity. */
    int dup_green = -1;
    for (size_t i = 0; i < m->nsignals; i++)
        if (eq(f[0], fl[0], m->signals[i].id))
            dup_green = m->signals[i].green;
    jdc_signal_rule r;
    memset(&r, 0, sizeof r);
    if (eq(f[1], fl[1], "green"))
        r.green = 1;
    else if (!eq(f[1], fl[1], "red"))
        return bfail(b, JDC_EFORMAT, "polarity must be red or green");
    if (dup_green >= 0 && dup_green != r.green)
        return bfail(b, JDC_EFORMAT,
                     "signal id already used with the other polarity");
    int rc = parse_where(b, f[2], fl[2], &r);
    if (rc)
        return rc;
    if (!fl[4])
        return bfail(b, JDC_EFORMAT, "empty message");
    const char *p = f[3], *end = f[3] + fl[3];
    const char *kw = p;
    while (p < end && *p != ' ' && *p != '{')
        p++;
    size_t kwl = (size_t)(p - kw);
    int ngroups_min = 1, ngroups_max = 1;
    if (eq(kw, kwl, "any")) {
        r.kind = JDC_SIG_ANY;
    } else if (eq(kw, kwl, "near") || eq(kw, kwl, "then")) {
        r.kind = eq(kw, kwl, "near") ? JDC_SIG_NEAR : JDC_SIG_THEN;
        ngroups_min = ngroups_max = 2;
        while (p < end && *p == ' ')
            p++;
        char *e;
        long w = strtol(p, &e, 10);
        if (e == p || w < 1 || w > 50)
            return bfail(b, JDC_EFORMAT, "near and then need a window of 1 "
                                         "to 50 tokens: near N {...} {...}");
        r.window = (int)w;
        p = e;
    } else if (eq(kw, kwl, "without")) {
        r.kind = JDC_SIG_WITHOUT;
        ngroups_min = ngroups_max = 2;
    } else if (eq(kw, kwl, "all")) {
        r.kind = JDC_SIG_ALL;
        ngroups_min = 2;
        ngroups_max = JDC_SIG_GROUPS;
    } else if (eq(kw, kwl, "builtin")) {
        r.kind = JDC_SIG_BUILTIN;
        ngroups_min = ngroups_max = 0;
        while (p < end && *p == ' ')
            p++;
        size_t bl = (size_t)(end - p);
        if (eq(p, bl, "no-salary"))
            r.builtin = JDC_BUILTIN_NO_SALARY;
        else if (eq(p, bl, "below-market"))
            r.builtin = JDC_BUILTIN_BELOW_MARKET;
        else if (eq(p, bl, "above-market"))
            r.builtin = JDC_BUILTIN_ABOVE_MARKET;
        else
            return bfail(b, JDC_EFORMAT, "unknown builtin (no-salary, "
                                         "below-market, above-market)");
        p = end;
    } else {
        return bfail(b, JDC_EFORMAT,
                     "unknown rule (any, near N, then N, without, all, builtin)");
    }
    for (;;) {
        while (p < end && *p == ' ')
            p++;
        if (p >= end)
            break;
        rc = parse_group(b, &p, end, &r);
        if (rc)
            return rc;
    }
    if (r.ngroups < ngroups_min || r.ngroups > ngroups_max)
        return bfail(b, JDC_EFORMAT, "wrong number of phrase groups for rule");
    if (m->nsignals == m->capsignals) {
        size_t cap = m->capsignals ? m->capsignals * 2 : 16;
        jdc_signal_rule *v = realloc(m->signals, cap * sizeof *v);
        if (!v)
            return oom();
        m->signals = v;
        m->capsignals = cap;
    }
    r.id = malloc(fl[0] + 1);
    r.message = malloc(fl[4] + 1);
    if (!r.id || !r.message) {
        free(r.id);
        free(r.message);
        return oom();
    }
    memcpy(r.id, f[0], fl[0]);
    r.id[fl[0]] = '\0';
    memcpy(r.message, f[4], fl[4]);
    r.message[fl[4]] = '\0';
    m->signals[m->nsignals++] = r;
    return JDC_OK;
}

static int parse_conf_line(builder *b, const char *s, size_t n)
{
    const char *eqp = memchr(s, '=', n);
    if (!eqp)
        return bfail(b, JDC_EFORMAT, "expected 'key = value'");
    size_t kl = (size_t)(eqp - s), vl = n - kl - 1;
    const char *k = trim(s, &kl), *v = trim(eqp + 1, &vl);
    char *dst;
    if (eq(k, kl, "name"))
        dst = b->m->name;
    else if (eq(k, kl, "version"))
        dst = b->m->version;
    else {
        for (size_t i = 0; i < sizeof param_keys / sizeof *param_keys; i++) {
            if (!eq(k, kl, param_keys[i].name))
                continue;
            char num[32];
            if (vl == 0 || vl >= sizeof num)
                return bfail(b, JDC_EFORMAT, "value must be a number");
            memcpy(num, v, vl);
            num[vl] = '\0';
            double x;
            if (!parse_decimal(num, &x) ||
                !(x >= param_keys[i].min && x <= param_keys[i].max)) {
                char msg[128];
                snprintf(msg, sizeof msg, "%s must be a number from %g to %g",
                         param_keys[i].name, param_keys[i].min,
                         param_keys[i].max);
                return bfail(b, JDC_EFORMAT, msg);
            }
            memcpy((char *)&b->m->params + param_keys[i].offset, &x, sizeof x);
            return JDC_OK;
        }
        char msg[160];
        snprintf(msg, sizeof msg, "unknown key '%.*s'", (int)(kl > 60 ? 60 : kl),
                 k);
        return bfail(b, JDC_EFORMAT, msg);
    }
    if (vl == 0 || vl >= 64)
        return bfail(b, JDC_EFORMAT, "value must be 1 to 63 bytes");
    memcpy(dst, v, vl);
    dst[vl] = '\0';
    return JDC_OK;
}

static int valid_utf8(const unsigned char *s, size_t n)
{
    uint32_t cp;
    for (size_t i = 0, k; i < n; i += k)
        if (!(k = jdc__utf8_next(s + i, n - i, &cp)))
            return 0;
    return 1;
}

enum { F_CONF, F_TERMS, F_SIGNALS, F_CUES };

static int parse_file(builder *b, const jdc_file *f, int kind)
{
    static const char *formats[] = {
        "%format jdclass-model 1", "%format jdclass-terms 1",
        "%format jdclass-signals 1", "%format jdclass-cues 1"};
    const char *s = f->data, *end = f->data + f->len;
    const char *want = formats[kind];
    b->file = f->name;
    b->line = 0;
    int seen_format = 0;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
        b->line++;
        if (memchr(s, '\0', n))
            return bfail(b, JDC_EFORMAT, "NUL byte in line");
        if (!valid_utf8((const unsigned char *)s, n))
            return bfail(b, JDC_EFORMAT, "invalid UTF-8");
        size_t tl = n;
        const char *t = trim(s, &tl);
        if (b->line == 1 && tl >= 3 && !memcmp(t, "\xEF\xBB\xBF", 3))
            t += 3, tl -= 3; /* byte-order mark */
        s = nl ? nl + 1 : end;
        if (!seen_format) {
            if (tl == 0 || t[0] == '#')
                continue;
            if (!eq(t, tl, want)) {
                char msg[160];
                if (tl >= 7 && !memcmp(t, "%format", 7)) {
                    /* a format line of another kind or version: here */
                    snprintf(msg, sizeof msg,
                             "expected '%s' as the first line", want);
                } else {
                    /* no format line at all: it belongs on line 1 */
                    b->line = 1;
                    snprintf(msg, sizeof msg, "missing format line: expected "
                             "'%s' as the first line", want);
                }
                return bfail(b, JDC_EFORMAT, msg);
            }
            seen_format = 1;
            continue;
        }
        if (tl == 0 || t[0] == '#')
            continue;
        int rc;
        switch (kind) {
        case F_CONF: rc = parse_conf_line(b, t, tl); break;
        case F_TERMS: rc = parse_terms_line(b, t, tl); break;
        case F_SIGNALS: rc = parse_signals_line(b, t, tl); break;
        default: rc = parse_cues_line(b, t, tl); break;
        }
        if (rc)
            return rc;
    }
    if (!seen_format) {
        b->line = 1;
        return bfail(b, JDC_EFORMAT, "empty file: missing format line");
    }
    return JDC_OK;
}

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && !strcmp(s + n - k, suf);
}

static const char *base_name(const char *path)
{
    const char *p = strrchr(path, '/');
    return p ? p + 1 : path;
}

int jdc__model_build(jdc_model **out, const jdc_file *files, size_t nfiles)
{
    *out = NULL;
    const jdc_file *conf = NULL;
    size_t nterms_files = 0;
    for (size_t i = 0; i < nfiles; i++) {
        if (!strcmp(base_name(files[i].name), "model.conf"))
            conf = &files[i];
        else if (has_suffix(files[i].name, ".terms"))
            nterms_files++;
    }
    if (!conf)
        return jdc__fail(JDC_EFORMAT, "model has no model.conf");
    if (!nterms_files)
        return jdc__fail(JDC_EFORMAT, "model has no *.terms file");
    jdc__hash_init();
    builder b;
    memset(&b, 0, sizeof b);
    b.m = calloc(1, sizeof *b.m);
    if (!b.m)
        return oom();
    b.m->params = default_params;
    int st;
    b.stem = jdc__stemmer_create(&st);
    int rc = JDC_OK;
    if (!b.stem)
        rc = st == JDC_ENOMEM ? oom()
                              : jdc__fail(JDC_ESTEMMER, "cannot create "
                                          "libstemmer's english stemmer");
    if (rc == JDC_OK)
        rc = parse_file(&b, conf, F_CONF);
    if (rc == JDC_OK && (!b.m->name[0] || !b.m->version[0]))
        rc = jdc__fail(JDC_EFORMAT, "%s: missing 'name' or 'version'",
                       conf->name);
    /* cues first: their words must exist before signals use them */
    for (size_t i = 0; rc == JDC_OK && i < nfiles; i++)
        if (has_suffix(files[i].name, ".cues"))
            rc = parse_file(&b, &files[i], F_CUES);
    for (size_t i = 0; rc == JDC_OK && i < nfiles; i++)
        if (has_suffix(files[i].name, ".terms"))
            rc = parse_file(&b, &files[i], F_TERMS);
    for (size_t i = 0; rc == JDC_OK && i < nfiles; i++)
        if (has_suffix(files[i].name, ".signals"))
            rc = parse_file(&b, &files[i], F_SIGNALS);
    for (size_t i = 0; rc == JDC_OK && i < nfiles; i++)
        if (has_suffix(files[i].name, ".bands"))
            rc = jdc__bands_parse(&b.m->bands, files[i].name, files[i].data,
                                  files[i].len);
    if (rc == JDC_OK)
        rc = jdc__classifier_build(&b.m->cls, b.m, files, nfiles);
    jdc__tokens_free(&b.toks);
    jdc__stemmer_free(b.stem);
    if (rc == JDC_OK && (jdc__trie_freeze(&b.m->terms_trie, b.m->nwords) ||
                         jdc__trie_freeze(&b.m->sig_trie, b.m->nwords)))
        rc = oom();
    if (rc == JDC_OK) {
        b.m->word_flags = calloc((size_t)b.m->nwords + 1, sizeof *b.m->word_flags);
        if (!b.m->word_flags)
            rc = oom();
        else
            for (size_t i = 0; i < b.m->ncues; i++)
                b.m->word_flags[b.m->cue_word[i]] |= b.m->cue_flag[i];
    }
    if (rc != JDC_OK) {
        model_destroy(b.m);
        return rc;
    }
    b.m->serial = atomic_fetch_add(&next_serial, 1);
    *out = b.m;
    return JDC_OK;
}

/* ---- loading from a directory -------------------------------------------- */

static int cmp_files(const void *a, const void *b)
{
    return strcmp(((const jdc_file *)a)->name, ((const jdc_file *)b)->name);
}

static const char *file_kind(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISFIFO(mode))
        return "a named pipe";
    if (S_ISCHR(mode))
        return "a character device";
    if (S_ISBLK(mode))
        return "a block device";
    if (S_ISSOCK(mode))
        return "a socket";
    return "not a regular file";
}

/* Read one model file whole. Only regular files are read: the file is
 * opened without blocking (a named pipe with no writer would block open()
 * for ever), checked with fstat() and refused unless it is a regular file
 * of at most JDC_MODEL_FILE_MAX bytes (a link to /dev/zero, a FIFO or a
 * device is refused before any read). The read itself also stops past the
 * limit (a file that grows while it is read, or a /proc file whose size
 * reads as 0) and on the first failed allocation. */
static int read_file(const char *path, char **data, size_t *len)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return jdc__fail(JDC_EIO, "%s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st)) {
        int e = errno;
        close(fd);
        return jdc__fail(JDC_EIO, "%s: %s", path, strerror(e));
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return jdc__fail(JDC_EIO, "%s: %s, not a regular file", path,
                         file_kind(st.st_mode));
    }
    if (st.st_size < 0 || (uintmax_t)st.st_size > JDC_MODEL_FILE_MAX) {
        close(fd);
        return jdc__fail(JDC_ETOOBIG, "%s: %jd bytes, larger than the limit "
                         "of %zu bytes for a model file", path,
                         (intmax_t)st.st_size, (size_t)JDC_MODEL_FILE_MAX);
    }
    /* room for the stated size, one more byte to see the end, and a NUL */
    size_t cap = (size_t)st.st_size + 2, n = 0;
    if (cap < 4096)
        cap = 4096;
    char *buf = malloc(cap);
    if (!buf) {
        close(fd);
        return oom();
    }
    int rc = JDC_OK;
    for (;;) {
        if (n + 1 >= cap) {
            size_t ncap = cap * 2;
            if (ncap > JDC_MODEL_FILE_MAX + 2)
                ncap = JDC_MODEL_FILE_MAX + 2;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                rc = oom();
                break;
            }
            buf = nb;
            cap = ncap;
        }
        ssize_t k = read(fd, buf + n, cap - 1 - n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            rc = jdc__fail(JDC_EIO, "%s: read error: %s", path,
                           strerror(errno));
            break;
        }
        if (k == 0)
            break;
        n += (size_t)k;
        if (n > JDC_MODEL_FILE_MAX) {
            rc = jdc__fail(JDC_ETOOBIG, "%s: larger than the limit of %zu "
                           "bytes for a model file", path,
                           (size_t)JDC_MODEL_FILE_MAX);
            break;
        }
    }
    close(fd);
    if (rc) {
        free(buf);
        return rc;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return JDC_OK;
}

int jdc_model_load(jdc_model **out, const char *dir)
{
    return jdc_model_load_ex(out, dir, 0);
}

int jdc_model_load_ex(jdc_model **out, const char *dir, unsigned flags)
{
    if (!out)
        return jdc__fail(JDC_EINVAL, "jdc_model_load: out is NULL");
    if (flags & ~JDC_LOAD_NO_WEIGHTS)
        return jdc__fail(JDC_EINVAL, "jdc_model_load_ex: unknown flag bits "
                         "0x%x", flags & ~JDC_LOAD_NO_WEIGHTS);
    *out = NULL;
    if (!dir)
        return jdc__fail(JDC_EINVAL, "jdc_model_load: dir is NULL");
    DIR *d = opendir(dir);
    if (!d)
        return jdc__fail(JDC_EIO, "%s: %s", dir, strerror(errno));
    jdc_file *files = NULL;
    size_t n = 0, cap = 0;
    int rc = JDC_OK;
    struct dirent *de;
    while (rc == JDC_OK && (de = readdir(d))) {
        if (strcmp(de->d_name, "model.conf") &&
            !has_suffix(de->d_name, ".terms") &&
            !has_suffix(de->d_name, ".signals") &&
            !has_suffix(de->d_name, ".cues") &&
            !has_suffix(de->d_name, ".bands") &&
            !has_suffix(de->d_name, ".families") &&
            !has_suffix(de->d_name, ".weights"))
            continue;
        if ((flags & JDC_LOAD_NO_WEIGHTS) && has_suffix(de->d_name, ".weights"))
            continue;
        if (de->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            jdc_file *v = realloc(files, cap * sizeof *v);
            if (!v) {
                rc = oom();
                break;
            }
            files = v;
        }
        size_t pl = strlen(dir) + strlen(de->d_name) + 2;
        char *path = malloc(pl);
        if (!path) {
            rc = oom();
            break;
        }
        snprintf(path, pl, "%s/%s", dir, de->d_name);
        char *data = NULL;
        size_t len = 0;
        rc = read_file(path, &data, &len);
        if (rc) {
            free(path);
            break;
        }
        files[n].name = path;
        files[n].data = data;
        files[n].len = len;
        n++;
    }
    closedir(d);
    if (rc == JDC_OK) {
        if (n > 1) /* files is NULL when the directory had none */
            qsort(files, n, sizeof *files, cmp_files);
        rc = jdc__model_build(out, files, n);
        if (rc == JDC_EFORMAT && n == 0)
            rc = jdc__fail(JDC_EFORMAT, "%s: no model.conf or *.terms files",
                           dir);
    }
    for (size_t i = 0; i < n; i++) {
        free((char *)files[i].name);
        free((char *)files[i].data);
    }
    free(files);
    return rc;
}

/* ---- the default model ---------------------------------------------------- */

extern const jdc_file jdc__default_files[];
extern const size_t jdc__default_nfiles;

static pthread_once_t default_once = PTHREAD_ONCE_INIT;
static jdc_model *default_model;
static int default_rc;
static char default_err[512];

static void default_init(void)
{
    default_rc = jdc__model_build(&default_model, jdc__default_files,
                                  jdc__default_nfiles);
    if (default_model)
        default_model->is_default = 1;
    else
        snprintf(default_err, sizeof default_err, "%s", jdc_error_last());
}

const jdc_model *jdc_model_default(void)
{
    pthread_once(&default_once, default_init);
    if (!default_model)
        jdc__fail(default_rc, "default model: %s", default_err);
    return default_model;
}
