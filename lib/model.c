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
#include <stddef.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

typedef struct trans_ent {
    UT_hash_handle hh;
    uint64_t key; /* node << 32 | word */
    int32_t child;
} trans_ent;

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
    trans_ent *trans;
    int32_t *node_term;
    size_t nnodes, capnodes;
    /* frozen trie (built once loading is done): the root's children indexed
     * by word id; other nodes' edges sorted by word, node_first[n] ..
     * node_first[n + 1] */
    int32_t *root_child;
    uint32_t *node_first;
    int32_t *edge_word, *edge_child;
    int32_t nwords;
    uint64_t serial;
    int is_default;
    int has_stems;
};

static atomic_uint_fast64_t next_serial = 1;

static int oom(void);

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

/* Step during building (hash table). */
static int32_t build_step(const jdc_model *m, int32_t node, int32_t word)
{
    uint64_t k = (uint64_t)(uint32_t)node << 32 | (uint32_t)word;
    trans_ent *t;
    HASH_FIND(hh, m->trans, &k, sizeof k, t);
    return t ? t->child : -1;
}

int32_t jdc__model_step(const jdc_model *m, int32_t node, int32_t word)
{
    if (node == 0)
        return m->root_child[word];
    uint32_t lo = m->node_first[node], hi = m->node_first[node + 1];
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        int32_t w = m->edge_word[mid];
        if (w == word)
            return m->edge_child[mid];
        if (w < word)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static int cmp_trans(const void *a, const void *b)
{
    const trans_ent *x = *(trans_ent *const *)a, *y = *(trans_ent *const *)b;
    return (x->key > y->key) - (x->key < y->key);
}

/* Turn the hash table of transitions into flat arrays, then drop it. */
static int freeze_trie(jdc_model *m)
{
    size_t ne = HASH_COUNT(m->trans);
    trans_ent **all = malloc((ne ? ne : 1) * sizeof *all);
    m->root_child = malloc(((size_t)m->nwords + 1) * sizeof *m->root_child);
    m->node_first = calloc(m->nnodes + 1, sizeof *m->node_first);
    m->edge_word = malloc((ne ? ne : 1) * sizeof *m->edge_word);
    m->edge_child = malloc((ne ? ne : 1) * sizeof *m->edge_child);
    if (!all || !m->root_child || !m->node_first || !m->edge_word ||
        !m->edge_child) {
        free(all);
        return oom();
    }
    for (int32_t w = 0; w <= m->nwords; w++)
        m->root_child[w] = -1;
    size_t k = 0;
    trans_ent *t, *tt;
    HASH_ITER(hh, m->trans, t, tt) all[k++] = t;
    qsort(all, ne, sizeof *all, cmp_trans);
    size_t node = 0;
    for (size_t i = 0; i < ne; i++) {
        uint32_t from = (uint32_t)(all[i]->key >> 32);
        int32_t word = (int32_t)(uint32_t)all[i]->key;
        if (from == 0)
            m->root_child[word] = all[i]->child;
        while (node < from)
            m->node_first[++node] = (uint32_t)i;
        m->edge_word[i] = word;
        m->edge_child[i] = all[i]->child;
    }
    while (node < m->nnodes)
        m->node_first[++node] = (uint32_t)ne;
    free(all);
    HASH_ITER(hh, m->trans, t, tt)
    {
        HASH_DEL(m->trans, t);
        free(t);
    }
    return JDC_OK;
}

int32_t jdc__model_node_term(const jdc_model *m, int32_t node)
{
    return node >= 0 && (size_t)node < m->nnodes ? m->node_term[node] : -1;
}

const jdc_term *jdc__model_term(const jdc_model *m, int32_t id)
{
    return id >= 0 && (size_t)id < m->nterms ? &m->terms[id] : NULL;
}

uint64_t jdc__model_serial(const jdc_model *m) { return m->serial; }
const jdc_params *jdc__model_params(const jdc_model *m) { return &m->params; }

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
    trans_ent *t, *tt;
    HASH_ITER(hh, m->trans, t, tt)
    {
        HASH_DEL(m->trans, t);
        free(t);
    }
    for (size_t i = 0; i < m->nterms; i++)
        free(m->terms[i].name);
    free(m->terms);
    for (size_t i = 0; i < m->nlayers; i++)
        free(m->layers[i]);
    free(m->layers);
    free(m->node_term);
    free(m->root_child);
    free(m->node_first);
    free(m->edge_word);
    free(m->edge_child);
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

static int32_t node_new(jdc_model *m)
{
    if (m->nnodes == m->capnodes) {
        size_t cap = m->capnodes ? m->capnodes * 2 : 256;
        int32_t *v = realloc(m->node_term, cap * sizeof *v);
        if (!v)
            return -1;
        m->node_term = v;
        m->capnodes = cap;
    }
    m->node_term[m->nnodes] = -1;
    return (int32_t)m->nnodes++;
}

/* Add a path of word ids naming term `term`. */
static int trie_add(builder *b, const int32_t *words, size_t n, int32_t term,
                    const char *phrase)
{
    jdc_model *m = b->m;
    int32_t node = 0;
    for (size_t i = 0; i < n; i++) {
        int32_t child = build_step(m, node, words[i]);
        if (child < 0) {
            child = node_new(m);
            if (child < 0)
                return oom();
            trans_ent *t = malloc(sizeof *t);
            if (!t)
                return oom();
            t->key = (uint64_t)(uint32_t)node << 32 | (uint32_t)words[i];
            t->child = child;
            HASH_ADD(hh, m->trans, key, sizeof t->key, t);
            if (!t->hh.tbl) {
                free(t);
                return oom();
            }
        }
        node = child;
    }
    int32_t old = m->node_term[node];
    if (old >= 0 && old != term)
        return jdc__fail(JDC_EFORMAT,
                         "%s:%zu: phrase '%s' already names term '%s'",
                         b->file, b->line, phrase, m->terms[old].name);
    m->node_term[node] = term;
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
    char *endp;
    double w = strtod(num, &endp);
    if (*endp || !(w >= 0 && w <= 10))
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
            char num[32], *endp;
            if (vl == 0 || vl >= sizeof num)
                return bfail(b, JDC_EFORMAT, "value must be a number");
            memcpy(num, v, vl);
            num[vl] = '\0';
            double x = strtod(num, &endp);
            if (*endp || !(x >= param_keys[i].min && x <= param_keys[i].max)) {
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
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t need;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF)
            need = 2, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF)
            need = 3, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4)
            need = 4, cp = c & 0x07;
        else
            return 0;
        if (i + need > n)
            return 0;
        for (size_t k = 1; k < need; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        if ((need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += need;
    }
    return 1;
}

static int parse_file(builder *b, const jdc_file *f, int conf)
{
    const char *s = f->data, *end = f->data + f->len;
    const char *want = conf ? "%format jdclass-model 1" : "%format jdclass-terms 1";
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
                char msg[128];
                snprintf(msg, sizeof msg, "expected '%s' as the first line",
                         want);
                return bfail(b, JDC_EFORMAT, msg);
            }
            seen_format = 1;
            continue;
        }
        if (tl == 0 || t[0] == '#')
            continue;
        int rc = conf ? parse_conf_line(b, t, tl) : parse_terms_line(b, t, tl);
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
    b.stem = jdc__stemmer_new();
    int rc = JDC_OK;
    if (!b.stem)
        rc = jdc__fail(JDC_ESTEMMER, "cannot create libstemmer's english "
                                     "stemmer");
    if (rc == JDC_OK && node_new(b.m) < 0) /* the root */
        rc = oom();
    if (rc == JDC_OK)
        rc = parse_file(&b, conf, 1);
    if (rc == JDC_OK && (!b.m->name[0] || !b.m->version[0]))
        rc = jdc__fail(JDC_EFORMAT, "%s: missing 'name' or 'version'",
                       conf->name);
    for (size_t i = 0; rc == JDC_OK && i < nfiles; i++)
        if (has_suffix(files[i].name, ".terms"))
            rc = parse_file(&b, &files[i], 0);
    jdc__tokens_free(&b.toks);
    jdc__stemmer_free(b.stem);
    if (rc == JDC_OK)
        rc = freeze_trie(b.m);
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

static int read_file(const char *path, char **data, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return jdc__fail(JDC_EIO, "%s: %s", path, strerror(errno));
    jdc_buf buf = {0};
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, fp)) > 0)
        jdc__buf_put(&buf, tmp, n);
    int err = ferror(fp);
    fclose(fp);
    if (err) {
        jdc__buf_free(&buf);
        return jdc__fail(JDC_EIO, "%s: read error", path);
    }
    if (buf.oom) {
        jdc__buf_free(&buf);
        return oom();
    }
    *data = buf.data ? buf.data : calloc(1, 1);
    *len = buf.len;
    return *data ? JDC_OK : oom();
}

int jdc_model_load(jdc_model **out, const char *dir)
{
    if (!out)
        return jdc__fail(JDC_EINVAL, "jdc_model_load: out is NULL");
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
        if (strcmp(de->d_name, "model.conf") && !has_suffix(de->d_name, ".terms"))
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
        char *data;
        size_t len;
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
