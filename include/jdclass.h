/**
 * @file jdclass.h
 * @brief jdclass: classify job postings into the MLOps / LLMOps role tracks.
 *
 * jdclass reads the text of a job posting, tokenises and stems it, matches it
 * against the MLOps and LLMOps stack vocabularies of a model, and returns a
 * role-track label (`mlops`, `llmops`, `hybrid`, `other`) with a score and the
 * evidence (the matched terms with their byte spans in the caller's text).
 *
 * Tiers, in the order of this file:
 *  1. Simple interface: jdc_model_default() + jdc_classify() + jdc_result_json().
 *  2. Models: load from a directory, query, free.
 *  3. Results: accessors for the label, scores and matches.
 *  4. Errors and versions.
 *
 * Conventions
 *  - Every exported symbol starts with `jdc_` / `JDC_`.
 *  - Fallible functions return an `int` status: #JDC_OK (0) on success or a
 *    negative #jdc_status code. jdc_strerror() names a code; jdc_error_last()
 *    gives the detailed message of the last failure on the calling thread
 *    (for a malformed model: "file:line: reason").
 *  - Output parameters come first and are named `out`; on failure `*out` is
 *    set to NULL and nothing needs to be freed.
 *  - Objects returned through `out` are owned by the caller and freed with the
 *    matching jdc_*_free() function. Every free function accepts NULL.
 *    Strings returned by jdc_result_json() are freed with jdc_free(), never
 *    with another allocator's free().
 *  - Pointers returned by getters are borrowed: valid as long as the object
 *    they came from.
 *  - The library never calls abort() or exit() and never prints.
 *
 * Thread rule
 *  - A #jdc_model is immutable once loaded. Any number of threads may call
 *    jdc_classify() with the same model at the same time.
 *  - Everything mutable (the libstemmer stemmer, scratch buffers, the stem
 *    memo) is per thread: the library keeps one scratch state per calling
 *    thread, created on first use and released when the thread exits (or
 *    earlier with jdc_thread_cleanup()).
 *  - A #jdc_result is owned by one caller; reading it from several threads is
 *    safe, freeing it while others read it is not.
 *  - jdc_error_last() is thread-local.
 */
#ifndef JDCLASS_H
#define JDCLASS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#  define JDC_EXPORT
#elif defined(__GNUC__) && __GNUC__ >= 4
#  define JDC_EXPORT __attribute__((visibility("default")))
#else
#  define JDC_EXPORT
#endif

/** @name Version
 * Compile-time version of this header. jdc_version_number() reports the
 * version of the library actually linked; they should agree.
 * @{ */
#define JDC_VERSION_MAJOR 0
#define JDC_VERSION_MINOR 1
#define JDC_VERSION_PATCH 0
/** Single number: major * 10000 + minor * 100 + patch. */
#define JDC_VERSION_NUMBER \
    (JDC_VERSION_MAJOR * 10000 + JDC_VERSION_MINOR * 100 + JDC_VERSION_PATCH)
#define JDC_VERSION_STRING "0.1.0"
/** @} */

/** Status codes. Stable values; new codes are only ever appended. */
typedef enum jdc_status {
    JDC_OK = 0,              /**< success */
    JDC_ERROR = -1,          /**< unspecified internal error */
    JDC_ENOMEM = -2,         /**< out of memory */
    JDC_EIO = -3,            /**< a file or directory could not be read */
    JDC_EFORMAT = -4,        /**< malformed model file (see jdc_error_last()) */
    JDC_ESTEMMER = -5,       /**< the libstemmer English stemmer is unavailable */
    JDC_EINVAL = -6,         /**< invalid argument (NULL where not allowed...) */
    JDC_ETOOBIG = -7         /**< input larger than the configured limit */
} jdc_status;

/** The role tracks. Numeric values are stable. */
typedef enum jdc_track {
    JDC_TRACK_OTHER = 0,  /**< not an ML/AI production-engineering role */
    JDC_TRACK_MLOPS = 1,  /**< classical ML lifecycle in production */
    JDC_TRACK_LLMOPS = 2, /**< LLM / foundation-model systems in production */
    JDC_TRACK_HYBRID = 3  /**< both sides substantial */
} jdc_track;

/** Flags for jdc_classify(), OR-ed together. */
#define JDC_FLAG_DEFAULT 0u
/** Do not treat the first non-empty line as the posting's title. */
#define JDC_FLAG_NO_TITLE (1u << 0)
/** The input is HTML: tags, scripts, styles and comments are dropped,
 * entities decoded, block elements become line breaks. Offsets in the
 * result still point into the caller's original bytes. */
#define JDC_FLAG_HTML (1u << 1)
/** Treat the input as HTML only when it obviously is (a doctype or <html>
 * at the start, or several block tags such as <p>, <div>, <li> near it). */
#define JDC_FLAG_HTML_AUTO (1u << 2)

/** Default largest input jdc_classify() accepts: 64 MiB. */
#define JDC_MAX_INPUT_DEFAULT ((size_t)64 * 1024 * 1024)

/** Most matches a result keeps for one term: the first 100 occurrences of
 * each term are reported (jdc_result_match()), the others only counted
 * (jdc_result_match_total(), the JSON key `matches_omitted`), so that a
 * result and its JSON stay small on input made of one repeated term. The
 * scoring counts every occurrence: the cap never changes a label or a
 * score. Realistic postings repeat a term a few times, never 100. */
#define JDC_MATCHES_PER_TERM_MAX 100

/** Largest model file jdc_model_load() reads: 64 MiB per file (the
 * default model's largest file is under 100 KB; a generated model of
 * 1,000,000 terms is about 30 MB). Checked with fstat() before reading. */
#define JDC_MODEL_FILE_MAX ((size_t)64 * 1024 * 1024)

typedef struct jdc_model jdc_model;   /**< opaque, immutable, shareable */
typedef struct jdc_result jdc_result; /**< opaque, owned by the caller */

/**
 * One matched vocabulary term. Owned by its #jdc_result. Fields are only
 * ever appended in later versions, never removed or reordered; callers never
 * allocate this struct, so growing it does not break the ABI.
 */
typedef struct jdc_match {
    const char *term;  /**< canonical name of the term (UTF-8, NUL-terminated) */
    const char *track; /**< "mlops", "llmops", "ml", "shared" or "other" */
    const char *layer; /**< layer name from the model, e.g. "serving" */
    size_t start;      /**< byte offset of the match in the input text */
    size_t end;        /**< byte offset one past the match */
    double weight;     /**< the term's weight in the model */
    int in_title;      /**< 1 when the match lies in the posting's title */
    /** Part of the posting the match is in: "title", "intro" (before any
     * recognised heading), "company", "duties", "requirements",
     * "nice-to-have" or "benefits" (benefits, process, legal notices). */
    const char *section;
    /** 1 when a negation word precedes it in its sentence ("no ML in
     * production yet"): reported, but it neither counts for the track nor
     * fires a signal. */
    int negated;
} jdc_match;

/**
 * One fired signal: a red or green flag about the role, with the sentence
 * that triggered it. Owned by its #jdc_result; fields are only appended.
 */
typedef struct jdc_signal {
    const char *id;       /**< e.g. "feature-store", "no-production-ml" */
    const char *polarity; /**< "red" or "green" */
    const char *message;  /**< one line for a person */
    size_t start;         /**< byte span of the evidence sentence */
    size_t end;
} jdc_signal;

/**
 * How one term contributed to the track evidence (for explanations).
 * Owned by its #jdc_result; fields are only appended.
 */
typedef struct jdc_contribution {
    const char *term;     /**< canonical term */
    const char *track;    /**< "mlops", "llmops", "ml", "shared", "other" */
    double weight;        /**< the term's weight in the model */
    int in_title;         /**< it occurs in the title */
    unsigned count;       /**< occurrences outside the title (not negated) */
    double section_factor; /**< factor of the best section it occurs in */
    double evidence;      /**< what it added to its track's evidence */
} jdc_contribution;

/**
 * One input of the learned track decision (see "How the label is decided"
 * in the README): a feature of the posting, and what it added to the logit
 * of each class. Owned by its #jdc_result; fields are only appended.
 */
typedef struct jdc_feature {
    const char *name; /**< e.g. "fam-title:ml-engineer", "own:llm",
                           "ev:llmops@duties", "layer:rag" */
    double value;     /**< the feature's value for this posting */
    /** What it added to each class's logit (indexed by #jdc_track: other,
     * mlops, llmops, hybrid), before temperature scaling: the weight times
     * the standardised value. All 0 when the model has no weights. */
    double contribution[4];
} jdc_feature;

/** A salary range as stated in the posting. Owned by its #jdc_result. */
typedef struct jdc_salary {
    double min;           /**< lower bound; NAN when not stated ("up to X") */
    double max;           /**< upper bound; NAN when not stated */
    const char *currency; /**< ISO 4217 code ("GBP", "USD"...), "" if unknown */
    const char *period;   /**< "year", "month", "day", "hour"; NULL if unknown */
    size_t start;         /**< byte span of the evidence */
    size_t end;
} jdc_salary;

/** Work terms. Each field is NULL when the posting does not say. */
typedef struct jdc_terms {
    const char *employment; /**< "permanent", "contract", "fixed-term",
                                 "internship" */
    const char *ir35;       /**< "inside" or "outside" (UK contracts) */
    const char *workmode;   /**< "remote", "hybrid", "on-site" */
    const char *region;     /**< "london" or "rest-of-uk" */
    const char *city;       /**< the UK city named, e.g. "Manchester" */
} jdc_terms;

/** The headline salary compared with the UK market band (models/\*.bands). */
typedef struct jdc_market {
    const char *verdict;  /**< "below", "within", "above" or "unknown" */
    double band_min;      /**< the band in GBP; NAN when unknown */
    double band_max;
    const char *source;   /**< the seed the band comes from; NULL if unknown */
    const char *missing;  /**< when unknown, what is missing: "salary",
                               "currency", "seniority", "track", "band";
                               NULL otherwise */
} jdc_market;

/* ------------------------------------------------------------------------ */
/** @name Simple interface
 * @{ */

/**
 * The built-in default model, compiled into the library from `models/`.
 *
 * Built on first call (thread-safe; later calls return the same pointer) and
 * owned by the library: passing it to jdc_model_free() does nothing.
 *
 * @return the model, or NULL if it could not be built (out of memory or no
 *         stemmer); jdc_error_last() then says why.
 */
JDC_EXPORT const jdc_model *jdc_model_default(void);

/**
 * Classify one posting.
 *
 * @param[out] out   receives a new result, owned by the caller, freed with
 *                   jdc_result_free(); NULL on failure.
 * @param model      the model (jdc_model_default() or jdc_model_load()).
 * @param text       the posting: UTF-8 expected, but any bytes are accepted.
 *                   Invalid UTF-8 sequences, NUL bytes and control characters
 *                   separate tokens and are otherwise ignored. Lines may
 *                   end with LF, CRLF or a bare CR (all three give the same
 *                   result). May be NULL only when `len` is 0. Not retained
 *                   after the call.
 * @param len        length of `text` in bytes.
 * @param flags      #JDC_FLAG_DEFAULT or a combination of JDC_FLAG_*.
 * @return #JDC_OK; #JDC_EINVAL (NULL out, NULL model, NULL text with len > 0,
 *         unknown flag); #JDC_ETOOBIG (len > #JDC_MAX_INPUT_DEFAULT);
 *         #JDC_ENOMEM; #JDC_ESTEMMER.
 *
 * Empty input gives label #JDC_TRACK_OTHER with score 0. Thread-safe: see the
 * thread rule at the top of this file. Time and memory are linear in `len`.
 */
JDC_EXPORT int jdc_classify(jdc_result **out, const jdc_model *model,
                            const char *text, size_t len, unsigned flags);

/**
 * jdc_classify() with an explicit input limit.
 *
 * @param max_input  largest accepted `len` in bytes; 0 means
 *                   #JDC_MAX_INPUT_DEFAULT. At most 4 GiB - 1 (offsets are
 *                   32-bit inside the library); larger values are clamped.
 * @return as jdc_classify(); #JDC_ETOOBIG when len > max_input, before any
 *         work is done.
 *
 * Memory used by one call is proportional to `len`: measured at most about
 * 25 bytes per input byte with jdc_result_json() of the result, for input
 * that is one dense run of matches ("ML " repeated); realistic postings
 * need 4 to 13. The result keeps at most #JDC_MATCHES_PER_TERM_MAX matches
 * per term, so it and its JSON are bounded by the model, not the input.
 * tests/hostile asserts peak growth <= 40 x len + 64 MiB (the constant
 * covers the per-thread memo, the stemmer, the allocator and the capped
 * matches).
 */
JDC_EXPORT int jdc_classify_ex(jdc_result **out, const jdc_model *model,
                               const char *text, size_t len, unsigned flags,
                               size_t max_input);

/**
 * Render a result as one line of JSON (no trailing newline).
 *
 * Keys, in this order: `file` (only when `file` is not NULL), `label`,
 * `score` (the label's probability), `scores` (`{"mlops": x, "llmops": y}`),
 * `probabilities` (`{"other", "mlops", "llmops", "hybrid"}`), `model` (name
 * and version), `matches` (a list of `{"term", "track", "layer", "section",
 * "start", "end", "title", "negated"}`), `signals`, `seniority`, `salary`,
 * `salaries`, `terms` and `market` (as the README's "The CLI" describes),
 * then `matches_omitted` (the number of occurrences beyond
 * #JDC_MATCHES_PER_TERM_MAX per term, not listed in `matches`; the key is
 * present only when that is not 0). Strings
 * are escaped so the output is valid JSON for any input; invalid UTF-8 in
 * `file` is replaced with U+FFFD.
 *
 * @param r     the result.
 * @param file  value for the `file` key, or NULL to omit the key.
 * @return a NUL-terminated string owned by the caller, freed with jdc_free();
 *         NULL when `r` is NULL or memory runs out.
 */
JDC_EXPORT char *jdc_result_json(const jdc_result *r, const char *file);

/** For jdc_result_json_ex(): add `"contributions"`: `"terms"` (each term's
 * evidence, as jdc_result_contribution()) and `"features"` (each feature of
 * the learned decision with its value and its contribution to each class's
 * logit, largest contribution to the label first). */
#define JDC_JSON_EXPLAIN (1u << 0)

/** As jdc_result_json(), with `flags` (#JDC_JSON_EXPLAIN or 0; other bits
 * are ignored). Same return value, ownership and thread rule. */
JDC_EXPORT char *jdc_result_json_ex(const jdc_result *r, const char *file,
                                    unsigned flags);

/** Free memory returned by the library (jdc_result_json()). Accepts NULL. */
JDC_EXPORT void jdc_free(void *p);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Models
 * @{ */

/**
 * Load a model from a directory (the layout of `models/`, documented in
 * `models/README.md`: `model.conf` and `*.terms` files).
 *
 * Nothing is half-loaded: on any error no model is returned. Only regular
 * files are read: a model file that is a named pipe, a device (a link to
 * /dev/zero...), a socket or a directory is refused before any read, so
 * loading never blocks or runs without end.
 *
 * @param[out] out  receives the model, freed with jdc_model_free().
 * @param dir       path of the directory.
 * @return #JDC_OK; #JDC_EIO (directory or file unreadable, or a model file
 *         that is not a regular file: jdc_error_last() gives "file: reason");
 *         #JDC_ETOOBIG (a model file larger than #JDC_MODEL_FILE_MAX);
 *         #JDC_EFORMAT (a malformed line: jdc_error_last() gives
 *         "file:line: reason"); #JDC_ENOMEM; #JDC_ESTEMMER; #JDC_EINVAL.
 *
 * Thread-safe. The returned model may be shared by any number of threads.
 */
JDC_EXPORT int jdc_model_load(jdc_model **out, const char *dir);

/** For jdc_model_load_ex(): ignore the directory's `*.weights` file (the
 * model then decides with its rules; what `jdclass train` loads). */
#define JDC_LOAD_NO_WEIGHTS (1u << 0)

/** As jdc_model_load(), with `flags` (#JDC_LOAD_NO_WEIGHTS or 0); unknown
 * flag bits give #JDC_EINVAL. Same errors, ownership and thread rule. */
JDC_EXPORT int jdc_model_load_ex(jdc_model **out, const char *dir,
                                 unsigned flags);

/** Free a model loaded with jdc_model_load(). Accepts NULL and the default
 * model (no-op). No thread may be classifying with it at the time. */
JDC_EXPORT void jdc_model_free(jdc_model *model);

/** The model's name from `model.conf` (borrowed; "" for NULL). */
JDC_EXPORT const char *jdc_model_name(const jdc_model *model);

/** The model's data version from `model.conf`, e.g. "2026.11.0" (borrowed;
 * "" for NULL). Not the library version. */
JDC_EXPORT const char *jdc_model_version(const jdc_model *model);

/** 1 when the model carries trained weights (a `*.weights` file) and
 * decides the label with them; 0 when it uses the rule-based decision or
 * for NULL. */
JDC_EXPORT int jdc_model_has_weights(const jdc_model *model);

/** Number of terms (canonical entries) in the model; 0 for NULL. */
JDC_EXPORT size_t jdc_model_term_count(const jdc_model *model);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Results
 * @{ */

/** Free a result. Accepts NULL. */
JDC_EXPORT void jdc_result_free(jdc_result *r);

/** The label; #JDC_TRACK_OTHER for NULL. */
JDC_EXPORT jdc_track jdc_result_label(const jdc_result *r);

/** Confidence in the label, in [0, 1]: higher means more likely right.
 * 0 for NULL. */
JDC_EXPORT double jdc_result_score(const jdc_result *r);

/**
 * Per-track score in [0, 1]: how strongly the posting shows that track's
 * work. Defined for #JDC_TRACK_MLOPS and #JDC_TRACK_LLMOPS; for
 * #JDC_TRACK_HYBRID the smaller of the two; for #JDC_TRACK_OTHER one minus
 * the larger. Returns 0 for NULL or an unknown track.
 */
JDC_EXPORT double jdc_result_track_score(const jdc_result *r, jdc_track t);

/**
 * Number of matches kept in the result (each occurrence of a term is one
 * match): all of them, except that at most #JDC_MATCHES_PER_TERM_MAX are
 * kept for any one term (the first ones in the text). The scores, the
 * label and the contributions always count every occurrence.
 */
JDC_EXPORT size_t jdc_result_match_count(const jdc_result *r);

/** Number of occurrences of all terms, kept as matches or not: equal to
 * jdc_result_match_count() unless some term occurred more than
 * #JDC_MATCHES_PER_TERM_MAX times. 0 for NULL. */
JDC_EXPORT size_t jdc_result_match_total(const jdc_result *r);

/**
 * The i-th match, in order of position in the text (by `start`).
 * @return a borrowed pointer valid until jdc_result_free(r), or NULL when
 *         `r` is NULL or `i` is out of range.
 */
JDC_EXPORT const jdc_match *jdc_result_match(const jdc_result *r, size_t i);

/**
 * Seniority: "junior", "mid", "senior", "staff" or "unknown" (static
 * string; "unknown" for NULL). From the title's level word first, else from
 * the years of experience asked for. When `start`/`end` are not NULL they
 * receive the byte span of the evidence (both 0 when unknown).
 */
JDC_EXPORT const char *jdc_result_seniority(const jdc_result *r,
                                            size_t *start, size_t *end);

/** Number of salary ranges found (several when pay differs by city or
 * country); the first is the headline. */
JDC_EXPORT size_t jdc_result_salary_count(const jdc_result *r);

/** The i-th salary range; borrowed, NULL when out of range or r is NULL. */
JDC_EXPORT const jdc_salary *jdc_result_salary(const jdc_result *r, size_t i);

/** Work terms; borrowed, never NULL for a non-NULL result (NULL for NULL). */
JDC_EXPORT const jdc_terms *jdc_result_terms(const jdc_result *r);

/** Market comparison of the headline salary; borrowed, never NULL for a
 * non-NULL result (NULL for NULL). */
JDC_EXPORT const jdc_market *jdc_result_market(const jdc_result *r);

/** Number of fired signals (in the model's rule order). */
JDC_EXPORT size_t jdc_result_signal_count(const jdc_result *r);

/** The i-th fired signal; borrowed, NULL when out of range or r is NULL. */
JDC_EXPORT const jdc_signal *jdc_result_signal(const jdc_result *r, size_t i);

/** Number of terms that contributed evidence (first-seen order). */
JDC_EXPORT size_t jdc_result_contribution_count(const jdc_result *r);

/** The i-th contribution; borrowed, NULL when out of range or r is NULL. */
JDC_EXPORT const jdc_contribution *jdc_result_contribution(
    const jdc_result *r, size_t i);

/** Number of features of the learned decision (the same for every result
 * of one model); 0 for NULL. */
JDC_EXPORT size_t jdc_result_feature_count(const jdc_result *r);

/** The i-th feature, in the model's feature order; borrowed, NULL when out of
 * range or r is NULL. */
JDC_EXPORT const jdc_feature *jdc_result_feature(const jdc_result *r,
                                                 size_t i);

/** Fill `order` (room for jdc_result_feature_count(r) indices) with the
 * feature indices sorted by the size of their contribution to the label,
 * largest first (ties in feature order). Returns the count; 0 for NULL. */
JDC_EXPORT size_t jdc_result_feature_order(const jdc_result *r,
                                           size_t *order);

/**
 * Calibrated probability of class `t` (the label's probability is
 * jdc_result_score()). With a model without weights (rule-based decision)
 * the label gets its score and the other classes share the rest evenly.
 * 0 for NULL or a value outside #jdc_track.
 */
JDC_EXPORT double jdc_result_probability(const jdc_result *r, jdc_track t);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Training the learned decision
 * @{ */

/** Number of features a model computes for every posting (its vocabulary
 * layers and role families decide them); 0 for NULL. */
JDC_EXPORT size_t jdc_model_feature_count(const jdc_model *model);

/** Name of the model's i-th feature (borrowed, valid while the model is);
 * NULL when out of range or for NULL. */
JDC_EXPORT const char *jdc_model_feature_name(const jdc_model *model,
                                              size_t i);

/** Options of jdc_train(). Zero-initialise, then set what you need. */
typedef struct jdc_train_options {
    double l2;         /**< L2 penalty on the standardised weights (0: 30) */
    unsigned folds;    /**< cross-validation folds for the temperature and
                            `cv_prob`; below 2: none (temperature 1) */
    unsigned max_iter; /**< Newton steps at most (0: 100) */
    int balanced;      /**< 1: weigh each class by sqrt(n / (classes x n_k)) */
} jdc_train_options;

/**
 * Fit the weights of the learned decision (multinomial logistic regression,
 * exact Newton solve; deterministic: the same input gives byte-identical
 * text) and return them as the text of a `*.weights` model file.
 *
 * @param weights  receives the file's text, NUL-terminated; free it with
 *                 jdc_free(). NULL on failure.
 * @param model    the model whose features `x` holds (its weights, if any,
 *                 are not used)
 * @param x        n rows of jdc_model_feature_count(model) values, each row
 *                 the `value`s of jdc_result_feature() for one posting
 * @param labels   n class labels (#jdc_track values)
 * @param groups   n group ids (e.g. one per company) kept together in one
 *                 cross-validation fold; negative or NULL: each row alone
 * @param opt      options, or NULL for the defaults (l2 30, 5 folds)
 * @param cv_prob  NULL, or n x 4 doubles that receive each row's
 *                 out-of-fold probabilities (after temperature scaling), by
 *                 #jdc_track; left untouched without cross-validation
 * @return #JDC_OK; #JDC_EINVAL for a NULL argument, a label outside
 *         #jdc_track, fewer than two classes or a non-finite feature (the
 *         message names the row); #JDC_ENOMEM.
 * Thread rule: reads the model only; any thread, any number at once.
 */
JDC_EXPORT int jdc_train(char **weights, const jdc_model *model,
                         const double *x, size_t n, const int *labels,
                         const int *groups, const jdc_train_options *opt,
                         double *cv_prob);

/** @} */

/** @name Tracks
 * @{ */

/** Name of a track: "other", "mlops", "llmops", "hybrid"; "unknown" for a
 * value outside the enum. Static string. */
JDC_EXPORT const char *jdc_track_name(jdc_track t);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Errors, versions, threads
 * @{ */

/** Static one-line description of a status code ("unknown error" for
 * values outside #jdc_status). */
JDC_EXPORT const char *jdc_strerror(int code);

/**
 * Detailed message of the last failed call on this thread, e.g.
 * "models/mlops.terms:12: unknown track 'mlop'". Empty string when no call
 * has failed yet. Borrowed, thread-local, valid until the next failing call
 * on the same thread.
 */
JDC_EXPORT const char *jdc_error_last(void);

/** Library version as JDC_VERSION_NUMBER of the build. */
JDC_EXPORT int jdc_version_number(void);

/** Library version string, e.g. "0.1.0" (static). */
JDC_EXPORT const char *jdc_version(void);

/**
 * Release the calling thread's scratch state (stemmer, buffers) now instead
 * of at thread exit. Optional; the next jdc_classify() on this thread simply
 * creates it again.
 */
JDC_EXPORT void jdc_thread_cleanup(void);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* JDCLASS_H */
