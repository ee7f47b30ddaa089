/* Phrase trie over word ids: built with a hash table of transitions, then
 * frozen into flat arrays (the root's children indexed by word id, other
 * nodes' edges sorted by word and found by binary search). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include <uthash.h>

typedef struct trans_ent {
    UT_hash_handle hh;
    uint64_t key; /* node << 32 | word */
    int32_t child;
} trans_ent;

int32_t jdc__trie_node(jdc_trie *t)
{
    if (t->nnodes == t->capnodes) {
        size_t cap = t->capnodes ? t->capnodes * 2 : 256;
        int32_t *v = realloc(t->value, cap * sizeof *v);
        if (!v)
            return -1;
        t->value = v;
        t->capnodes = cap;
    }
    t->value[t->nnodes] = -1;
    return (int32_t)t->nnodes++;
}

static int32_t build_step(const jdc_trie *t, int32_t node, int32_t word)
{
    uint64_t k = (uint64_t)(uint32_t)node << 32 | (uint32_t)word;
    trans_ent *e;
    trans_ent *head = t->trans;
    HASH_FIND(hh, head, &k, sizeof k, e);
    return e ? e->child : -1;
}

int32_t jdc__trie_insert(jdc_trie *t, const int32_t *words, size_t n)
{
    if (!t->nnodes && jdc__trie_node(t) < 0) /* the root */
        return -1;
    int32_t node = 0;
    for (size_t i = 0; i < n; i++) {
        int32_t child = build_step(t, node, words[i]);
        if (child < 0) {
            child = jdc__trie_node(t);
            if (child < 0)
                return -1;
            trans_ent *e = malloc(sizeof *e);
            if (!e)
                return -1;
            e->key = (uint64_t)(uint32_t)node << 32 | (uint32_t)words[i];
            e->child = child;
            trans_ent *head = t->trans;
            HASH_ADD(hh, head, key, sizeof e->key, e);
            t->trans = head;
            if (!e->hh.tbl) {
                free(e);
                return -1;
            }
        }
        node = child;
    }
    return node;
}

static int cmp_trans(const void *a, const void *b)
{
    const trans_ent *x = *(trans_ent *const *)a, *y = *(trans_ent *const *)b;
    return (x->key > y->key) - (x->key < y->key);
}

static void drop_hash(jdc_trie *t)
{
    trans_ent *head = t->trans, *e, *tmp;
    HASH_ITER(hh, head, e, tmp)
    {
        HASH_DEL(head, e);
        free(e);
    }
    t->trans = NULL;
}

int jdc__trie_freeze(jdc_trie *t, int32_t nwords)
{
    if (!t->nnodes && jdc__trie_node(t) < 0)
        return JDC_ENOMEM;
    trans_ent *head = t->trans;
    size_t ne = HASH_COUNT(head);
    trans_ent **all = malloc((ne ? ne : 1) * sizeof *all);
    t->root_child = malloc(((size_t)nwords + 1) * sizeof *t->root_child);
    t->node_first = calloc(t->nnodes + 1, sizeof *t->node_first);
    t->edge_word = malloc((ne ? ne : 1) * sizeof *t->edge_word);
    t->edge_child = malloc((ne ? ne : 1) * sizeof *t->edge_child);
    if (!all || !t->root_child || !t->node_first || !t->edge_word ||
        !t->edge_child) {
        free(all);
        return JDC_ENOMEM;
    }
    for (int32_t w = 0; w <= nwords; w++)
        t->root_child[w] = -1;
    size_t k = 0;
    trans_ent *e, *tmp;
    HASH_ITER(hh, head, e, tmp) all[k++] = e;
    qsort(all, ne, sizeof *all, cmp_trans);
    size_t node = 0;
    for (size_t i = 0; i < ne; i++) {
        uint32_t from = (uint32_t)(all[i]->key >> 32);
        int32_t word = (int32_t)(uint32_t)all[i]->key;
        if (from == 0)
            t->root_child[word] = all[i]->child;
        while (node < from)
            t->node_first[++node] = (uint32_t)i;
        t->edge_word[i] = word;
        t->edge_child[i] = all[i]->child;
    }
    while (node < t->nnodes)
        t->node_first[++node] = (uint32_t)ne;
    free(all);
    drop_hash(t);
    t->frozen = 1;
    return JDC_OK;
}

int32_t jdc__trie_step(const jdc_trie *t, int32_t node, int32_t word)
{
    if (node == 0)
        return t->root_child[word];
    uint32_t lo = t->node_first[node], hi = t->node_first[node + 1];
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        int32_t w = t->edge_word[mid];
        if (w == word)
            return t->edge_child[mid];
        if (w < word)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

void jdc__trie_free(jdc_trie *t)
{
    drop_hash(t);
    free(t->value);
    free(t->root_child);
    free(t->node_first);
    free(t->edge_word);
    free(t->edge_child);
    memset(t, 0, sizeof *t);
}
