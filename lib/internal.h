/* Internal declarations shared by the library's modules. Not installed. */
#ifndef JDC_INTERNAL_H
#define JDC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "jdclass.h"

#define JDC_HIDDEN __attribute__((visibility("hidden")))

/* ---- errors (error.c) --------------------------------------------------- */

/* Record a detailed message for jdc_error_last() and return `code`. */
JDC_HIDDEN int jdc__fail(int code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- hashing (hash.c) --------------------------------------------------- */

/* Keyed 64-bit hash of a byte string. The key is chosen at random once per
 * process, so an attacker cannot precompute colliding inputs (defence
 * against hash flooding of the model and memo tables). */
JDC_HIDDEN uint64_t jdc__hash(const void *data, size_t len);
/* Faster keyed hash for the per-thread memo (same key). */
JDC_HIDDEN uint64_t jdc__hash_fast(const void *data, size_t len);
/* Draw the key; called before any table is built or looked up. */
JDC_HIDDEN void jdc__hash_init(void);

/* uthash uses our keyed hash for every table in the library. */
#define HASH_FUNCTION(keyptr, keylen, hashv) \
    do { (hashv) = (unsigned)jdc__hash((keyptr), (size_t)(keylen)); } while (0)
/* Allocation failures inside uthash are recoverable: after HASH_ADD the
 * element's hh.tbl is NULL when the add failed (see hash_add_ok()). */
#define HASH_NONFATAL_OOM 1

/* ---- growable byte buffer (buf.c) ---------------------------------------- */

typedef struct jdc_buf {
    char *data;
    size_t len;
    size_t cap;
    int oom; /* sticky: set when an append failed */
} jdc_buf;

JDC_HIDDEN int jdc__buf_reserve(jdc_buf *b, size_t extra);
JDC_HIDDEN void jdc__buf_put(jdc_buf *b, const char *s, size_t n);
JDC_HIDDEN void jdc__buf_puts(jdc_buf *b, const char *s);
JDC_HIDDEN void jdc__buf_putc(jdc_buf *b, char c);
JDC_HIDDEN void jdc__buf_printf(jdc_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
JDC_HIDDEN void jdc__buf_free(jdc_buf *b);

/* Length (1 to 4) of the valid UTF-8 character at p (n >= 1 bytes left),
 * with its code point in *cp; 0 when the bytes there are not valid UTF-8
 * (overlong forms, surrogates, values above U+10FFFF, truncated sequences,
 * stray continuation bytes). */
JDC_HIDDEN size_t jdc__utf8_next(const unsigned char *p, size_t n,
                                 uint32_t *cp);

/* Line ends (classify.c): when text has a bare CR (one not followed by LF),
 * *copy receives a malloc'ed copy of its len bytes with every bare CR
 * replaced by LF (same length, same offsets); otherwise *copy is NULL.
 * Returns JDC_OK or JDC_ENOMEM. */
JDC_HIDDEN int jdc__bare_cr_to_lf(const char *text, size_t len, char **copy);

/* ---- tokeniser (tokenize.c) ---------------------------------------------- */

enum {
    JDC_TOK_JOINED = 1u << 0,  /* joined to the previous token by - / . _ & */
    JDC_TOK_TITLE = 1u << 1,   /* inside the title line */
    JDC_TOK_NEWLINE = 1u << 2, /* first token of a line */
    JDC_TOK_SENT = 1u << 3     /* first token of a sentence (after . ! ? ; :) */
};

typedef struct jdc_token {
    uint32_t start, end; /* byte span in the original text */
    uint32_t key;        /* offset of the folded key in the key buffer */
    uint16_t key_len;    /* length of the folded key (tokens are capped) */
    uint16_t flags;
} jdc_token;

/* Longest token kept whole; longer runs are cut into pieces of this size. */
#define JDC_TOKEN_MAX 64

typedef struct jdc_tokens {
    jdc_token *v;
    size_t n, cap;
    jdc_buf keys; /* folded keys, back to back (not NUL-terminated) */
    uint32_t title_start; /* byte span of the title line (both 0: none) */
    uint32_t title_end;
} jdc_tokens;

/* Tokenise text into `out` (which is reset, its memory reused). Returns
 * JDC_OK or JDC_ENOMEM. */
JDC_HIDDEN int jdc__tokenize(jdc_tokens *out, const char *text, size_t len,
                             unsigned flags);
JDC_HIDDEN void jdc__tokens_free(jdc_tokens *t);
/* Key of a joined group of tokens first..last: the parts' keys with the
 * joiner bytes between them. Returns its length, 0 if it exceeds cap. */
JDC_HIDDEN size_t jdc__group_key(const jdc_tokens *t, const char *text,
                                 size_t first, size_t last, char *buf,
                                 size_t cap);
/* Longest group key considered for whole-group matching. */
#define JDC_GROUP_MAX 96

/* ---- context: title and sections (context.c) ------------------------------ */

/* The title line: its byte span, both 0 when there is none (see context.c). */
JDC_HIDDEN void jdc__context_title(const char *text, size_t len, uint32_t *ts,
                                   uint32_t *te);

enum jdc_section {
    JDC_SEC_INTRO = 0,    /* before any recognised heading */
    JDC_SEC_COMPANY,      /* about us, who we are, our mission */
    JDC_SEC_DUTIES,       /* responsibilities, what you'll do */
    JDC_SEC_REQUIREMENTS, /* requirements, qualifications, about you */
    JDC_SEC_NICE,         /* nice to have, bonus, preferred */
    JDC_SEC_BENEFITS,     /* benefits, perks, process, EEO */
    JDC_SEC_COUNT
};

typedef struct jdc_section_span {
    uint32_t start; /* byte offset of the heading line */
    uint8_t section;
} jdc_section_span;

typedef struct jdc_sections {
    jdc_section_span *v;
    size_t n, cap;
} jdc_sections;

/* Headings and sections; the title line [title_start, title_end) (both 0:
 * none) never starts a section. */
JDC_HIDDEN int jdc__sections(jdc_sections *out, const char *text, size_t len,
                             uint32_t title_start, uint32_t title_end);
/* Section at byte `pos`; positions must be asked in increasing order with
 * the same cursor (start it at 0). */
JDC_HIDDEN int jdc__section_at(const jdc_sections *s, size_t *cursor,
                               uint32_t pos);
JDC_HIDDEN const char *jdc__section_name(int s);
JDC_HIDDEN void jdc__sections_free(jdc_sections *s);

/* ---- stemmer wrapper (stem.c) -------------------------------------------- */

typedef struct jdc_stemmer jdc_stemmer;

JDC_HIDDEN jdc_stemmer *jdc__stemmer_new(void);
/* As jdc__stemmer_new(), setting *status to JDC_OK, JDC_ENOMEM or
 * JDC_ESTEMMER (no English stemmer in this libstemmer). */
JDC_HIDDEN jdc_stemmer *jdc__stemmer_create(int *status);
JDC_HIDDEN void jdc__stemmer_free(jdc_stemmer *s);
/* Stem a lower-cased word. Returns a pointer valid until the next call on
 * the same stemmer and sets *outlen; NULL on out of memory. */
JDC_HIDDEN const char *jdc__stem(jdc_stemmer *s, const char *word, size_t len,
                                 size_t *outlen);

/* ---- trie (trie.c) ------------------------------------------------------- */

typedef struct jdc_trie {
    void *trans;     /* build-time hash table of transitions */
    int32_t *value;  /* per node: the value of the phrase ending there, -1 */
    size_t nnodes, capnodes;
    int32_t *root_child; /* frozen: root's child by word id */
    uint32_t *node_first;
    int32_t *edge_word, *edge_child;
    int frozen;
} jdc_trie;

JDC_HIDDEN int32_t jdc__trie_node(jdc_trie *t);
/* Insert a path; returns its end node (value untouched), -1 out of memory. */
JDC_HIDDEN int32_t jdc__trie_insert(jdc_trie *t, const int32_t *words,
                                    size_t n);
JDC_HIDDEN int jdc__trie_freeze(jdc_trie *t, int32_t nwords);
JDC_HIDDEN int32_t jdc__trie_step(const jdc_trie *t, int32_t node,
                                  int32_t word);
JDC_HIDDEN void jdc__trie_free(jdc_trie *t);

/* ---- model (model.c) ----------------------------------------------------- */

enum jdc_term_track {
    JDC_T_MLOPS = 0,
    JDC_T_LLMOPS,
    JDC_T_ML,
    JDC_T_SHARED,
    JDC_T_OTHER,
    JDC_T_COUNT
};

enum { JDC_TERM_LITERAL = 1, JDC_TERM_CASE = 2 };

typedef struct jdc_term {
    char *name;
    const char *layer; /* interned in model */
    int track;         /* enum jdc_term_track */
    double weight;
    unsigned flags;
} jdc_term;

/* One word of the vocabulary, in one of three matching modes. */
enum { JDC_W_STEM = 'S', JDC_W_LOWER = 'L', JDC_W_EXACT = 'E' };

typedef struct jdc_exact {
    const char *text; /* exact bytes as written in the model */
    uint16_t len;
    int32_t word;
} jdc_exact;


/* Load from in-memory files. `names` are used in error messages. */
typedef struct jdc_file {
    const char *name;
    const char *data;
    size_t len;
} jdc_file;

/* Word flags (from *.cues files). */
enum { JDC_CUE_NEGATION = 1, JDC_CUE_PROCESS = 2, JDC_CUE_NOT_NEG = 4,
       JDC_CUE_OWN = 8, JDC_CUE_RESEARCH = 16, JDC_CUE_ANALYSIS = 32,
       JDC_CUE_WEAK = 64, JDC_CUE_PROD = 128, JDC_CUE_SKILL = 256,
       JDC_CUE_COMPANY = 512 };

/* Signal rules (from *.signals files). */
enum { JDC_SIG_ANY = 0, JDC_SIG_NEAR, JDC_SIG_WITHOUT, JDC_SIG_ALL,
       JDC_SIG_BUILTIN, JDC_SIG_THEN };
enum { JDC_BUILTIN_NO_SALARY = 1, JDC_BUILTIN_BELOW_MARKET,
       JDC_BUILTIN_ABOVE_MARKET };
#define JDC_SIG_GROUPS 4

typedef struct jdc_signal_rule {
    char *id;
    char *message;
    int green;            /* 1 green, 0 red */
    int kind;             /* JDC_SIG_* */
    int window;           /* near, then: most units between the phrases */
    int builtin;          /* JDC_BUILTIN_* */
    int in_scope_only;    /* fires only when the label is not other */
    int skills;           /* counts in skill sentences ("Experience with
                             X") too */
    unsigned sections;    /* bit per enum jdc_section (+ bit 7: title) */
    int32_t groups[JDC_SIG_GROUPS];
    int ngroups;
} jdc_signal_rule;

#define JDC_SEC_TITLE_BIT (1u << 7)

JDC_HIDDEN unsigned jdc__model_word_flags(const jdc_model *m, int32_t word);
JDC_HIDDEN size_t jdc__model_signal_count(const jdc_model *m);
JDC_HIDDEN const jdc_signal_rule *jdc__model_signal(const jdc_model *m,
                                                   size_t i);
JDC_HIDDEN int32_t jdc__model_group_count(const jdc_model *m);
/* Signal phrase trie; node value = signal phrase id. */
JDC_HIDDEN const jdc_trie *jdc__model_signal_trie(const jdc_model *m);
JDC_HIDDEN const jdc_trie *jdc__model_term_trie(const jdc_model *m);
/* Groups of a signal phrase. */
JDC_HIDDEN const int32_t *jdc__model_phrase_groups(const jdc_model *m,
                                                   int32_t phrase, size_t *n);

/* Scoring parameters, from model.conf (defaults in model.c). */
typedef struct jdc_params {
    double title_factor;   /* weight multiplier of a term in the title */
    double repeat_log;     /* extra evidence per log(occurrences) */
    double in_scope;       /* evidence needed to be an ML/AI role at all */
    double other_factor;   /* how much "other" evidence counts against */
    double hybrid_min;     /* evidence each side needs for hybrid */
    double hybrid_share;   /* llmops share must lie in [x, 1-x] for hybrid */
    double generic_mlops;  /* share of generic ML evidence counted as mlops */
    double llmops_share;   /* llmops share above which the label is llmops */
    double section[JDC_SEC_COUNT]; /* factor of a match in each section */
} jdc_params;

JDC_HIDDEN const jdc_params *jdc__model_params(const jdc_model *m);
struct jdc_bands;
/* The market bands of the model (*.bands files). */
JDC_HIDDEN const struct jdc_bands *jdc__model_bands(const jdc_model *m);

JDC_HIDDEN int jdc__model_build(jdc_model **out, const jdc_file *files,
                                size_t nfiles);

/* Look-ups used by the matcher. */
JDC_HIDDEN int32_t jdc__model_lower_word(const jdc_model *m, const char *key,
                                         size_t len);
JDC_HIDDEN const jdc_exact *jdc__model_exact(const jdc_model *m,
                                             const char *key, size_t len,
                                             size_t *n);
JDC_HIDDEN int32_t jdc__model_stem_word(const jdc_model *m, const char *stem,
                                        size_t len);
JDC_HIDDEN int jdc__model_has_stems(const jdc_model *m);
/* Trie step: child of `node` by `word`, or -1. Node 0 is the root. */
JDC_HIDDEN int32_t jdc__model_step(const jdc_model *m, int32_t node,
                                   int32_t word);
/* Term ending at `node`, or -1. */
JDC_HIDDEN int32_t jdc__model_node_term(const jdc_model *m, int32_t node);
JDC_HIDDEN const jdc_term *jdc__model_term(const jdc_model *m, int32_t id);
JDC_HIDDEN uint64_t jdc__model_serial(const jdc_model *m);
JDC_HIDDEN int jdc__model_is_default(const jdc_model *m);

/* Longest phrase in tokens. */
#define JDC_PHRASE_MAX 8

/* ---- matcher (match.c) --------------------------------------------------- */

typedef struct jdc_hit {
    int32_t term;        /* term id, or signal phrase id */
    uint32_t start, end; /* byte span */
    uint32_t pos;        /* word position (for distances) */
    uint32_t sent;       /* sentence index */
    uint16_t flags;      /* JDC_TOK_* of the first token (title...) */
    uint8_t section;     /* enum jdc_section */
    uint8_t negated;     /* preceded by a negation in its sentence */
    uint32_t neg_pos;    /* position of that negation word (if negated) */
} jdc_hit;

/* jdc_hit.flags: a signal phrase hidden by a longer leftmost-longest match;
 * it only counts as present for `without` rules. */
#define JDC_HIT_SHADOW (1u << 15)

typedef struct jdc_hits {
    jdc_hit *v;
    size_t n, cap;
} jdc_hits;

JDC_HIDDEN int jdc__hits_push(jdc_hits *h, const jdc_hit *x);

/* Sentence flags. */
enum {
    JDC_SENT_PROCESS = 1,   /* the sentence is about the hiring process */
    JDC_SENT_OWN = 2,       /* an ownership verb (build, deploy, own...) */
    JDC_SENT_RESEARCH = 4,  /* a research cue (publish, papers...) */
    JDC_SENT_ANALYSIS = 8,  /* an analysis cue (dashboards, insights...) */
    JDC_SENT_WEAK = 16,     /* a weak requirement (familiarity, a plus...) */
    JDC_SENT_PROD = 32,     /* a production cue (production, latency...) */
    JDC_SENT_SKILL = 64,    /* it asks for a skill: "Experience with X" */
    JDC_SENT_COMPANY = 128  /* it is about the company: "a Series A startup" */
};

typedef struct jdc_sentence {
    uint32_t start, end; /* from its first token's start to its last's end */
    uint32_t flags;
} jdc_sentence;

typedef struct jdc_sentences {
    jdc_sentence *v;
    size_t n, cap;
} jdc_sentences;

/* The section of each hit (context.c): the heading it falls under; the
 * title's hits are in the intro (flagged JDC_TOK_TITLE), a hiring-process
 * sentence's in the benefits. */
JDC_HIDDEN void jdc__context_assign(jdc_hits *h, const jdc_sections *secs,
                                    const jdc_sentences *ss);

typedef struct jdc_scratch jdc_scratch;

/* Per-thread scratch state: stemmer, token arrays, memo. */
JDC_HIDDEN jdc_scratch *jdc__scratch_get(int *status);

JDC_HIDDEN jdc_tokens *jdc__scratch_tokens(jdc_scratch *s);
/* Release scratch buffers that one large input grew past a cap. */
JDC_HIDDEN void jdc__scratch_trim(jdc_scratch *s);
JDC_HIDDEN jdc_sections *jdc__scratch_sections(jdc_scratch *s);
/* Per-term scratch slots for the scorer (n entries, all -1), or NULL. */
JDC_HIDDEN int32_t *jdc__scratch_slots(jdc_scratch *s, size_t n);

/* Find the matches of the model's terms, and separately of its signal
 * phrases, in the tokens. Leftmost-longest, non-overlapping within each
 * kind. Also fills the scratch's sentences. */
JDC_HIDDEN int jdc__match(jdc_scratch *s, const jdc_model *m,
                          const jdc_tokens *toks, const char *text,
                          jdc_hits *terms, jdc_hits *signals);
JDC_HIDDEN jdc_sentences *jdc__scratch_sentences(jdc_scratch *s);
struct jdc_html;
JDC_HIDDEN struct jdc_html *jdc__scratch_html(jdc_scratch *s);

/* ---- result and scoring (score.c) ----------------------------------------- */

struct jdc_result {
    jdc_track label;
    double score;
    double track_score[2]; /* mlops, llmops */
    double evidence[JDC_T_COUNT];
    jdc_match *matches;
    size_t nmatches;       /* kept: at most JDC_MATCHES_PER_TERM_MAX a term */
    size_t nmatches_total; /* every occurrence, kept or not */
    jdc_signal *signals;
    size_t nsignals, capsignals;
    jdc_contribution *contribs;
    size_t ncontribs;
    jdc_feature *features; /* the learned decision's inputs (classifier.c) */
    size_t nfeatures;
    double prob[4];        /* class probabilities, jdc_track order */
    int learned;           /* 1 when the label comes from the weights */
    const char *seniority;
    size_t seniority_start, seniority_end;
    jdc_salary *salaries;
    size_t nsalaries;
    char (*currencies)[4]; /* storage for salaries[i].currency */
    jdc_terms terms;
    char city[32];
    jdc_market market;
    const jdc_model *model;
};

/* Evaluate the model's signal rules; appends to r->signals. builtin_fired
 * and builtin_span (pairs) are indexed by JDC_BUILTIN_*; may be NULL. */
JDC_HIDDEN int jdc__signals_eval(jdc_result *r, const jdc_model *m,
                                 const jdc_hits *sh, const jdc_sentences *ss,
                                 const int *builtin_fired,
                                 const uint32_t *builtin_span);

/* `slot` has one entry per model term, all -1; left all -1 on return. */
JDC_HIDDEN int jdc__score(jdc_result *r, const jdc_model *m,
                          const jdc_hit *hits, size_t nhits, int32_t *slot);

JDC_HIDDEN const char *jdc__track_term_name(int t);

/* ---- allocation-failure injection (fault.c) --------------------------------
 * Only in a -DJDCLASS_FAULT_INJECTION=ON build, which defines
 * JDC_FAULT_INJECTION for the library objects: the library's malloc,
 * calloc, realloc and strdup (uthash's included) go through counting
 * wrappers, one of which can be made to fail (jdc__fi_fail_at(n): the n-th
 * allocation from now, 0-based; n < 0 never). libstemmer's own allocations
 * are not covered (see fault.c). <stdlib.h> and <string.h> are included
 * first so that their declarations are not rewritten by the macros. */
#ifdef JDC_FAULT_INJECTION
#include <stdlib.h>
#include <string.h>
JDC_HIDDEN void *jdc__fi_malloc(size_t n);
JDC_HIDDEN void *jdc__fi_calloc(size_t n, size_t size);
JDC_HIDDEN void *jdc__fi_realloc(void *p, size_t n);
JDC_HIDDEN char *jdc__fi_strdup(const char *s);
JDC_HIDDEN void jdc__fi_fail_at(long n);
JDC_HIDDEN long jdc__fi_count(void);   /* allocations since fail_at */
JDC_HIDDEN int jdc__fi_injected(void); /* 1 once the n-th was failed */
#ifndef JDC_FAULT_IMPL
#undef malloc
#undef calloc
#undef realloc
#undef strdup
#define malloc(n) jdc__fi_malloc(n)
#define calloc(n, size) jdc__fi_calloc((n), (size))
#define realloc(p, n) jdc__fi_realloc((p), (n))
#define strdup(s) jdc__fi_strdup(s)
#endif
#endif /* JDC_FAULT_INJECTION */

#endif
