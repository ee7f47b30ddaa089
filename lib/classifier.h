/* The learned track decision: role families, the feature vector of a
 * posting, and the multinomial logistic regression over it (weights from the
 * model's *.weights file). Training is in train.c. Not installed. */
#ifndef JDC_CLASSIFIER_H
#define JDC_CLASSIFIER_H

#include "internal.h"

/* Classes in jdc_track order: other, mlops, llmops, hybrid. */
#define JDC_NCLASS 4

/* Most families a model may have. */
#define JDC_FAMILIES_MAX 200

/* Most features a model may have (families and layers are data). */
#define JDC_FEATURES_MAX 1024

typedef struct jdc_classifier {
    /* role families (*.families): names, and the family of each term */
    char **family;
    size_t nfamilies, capfamilies;
    int16_t *term_family; /* per term id: family index, -1 none */
    /* groups of families (the second field of a families line) */
    char **group;
    size_t ngroups;
    int16_t *family_group; /* per family: group index */
    /* layers with a feature of their own (those of mlops/llmops/ml terms) */
    int16_t *term_layer_feat; /* per term id: feature index, -1 none */
    /* feature names; the layer names are borrowed from the model */
    char **feat_name;
    size_t nfeat;
    /* weights (*.weights); has_weights 0 = rule-based decision (score.c) */
    int has_weights;
    double temperature;
    double bias[JDC_NCLASS];
    double *mean, *scale; /* per feature: standardisation */
    double *w;            /* nfeat x JDC_NCLASS */
} jdc_classifier;

/* Parse the *.families and *.weights files among `files` into `c`, after
 * the terms of `m` are loaded; errors are `file:line: reason`. */
JDC_HIDDEN int jdc__classifier_build(jdc_classifier *c, const jdc_model *m,
                                     const jdc_file *files, size_t nfiles);
JDC_HIDDEN void jdc__classifier_free(jdc_classifier *c);
JDC_HIDDEN const jdc_classifier *jdc__model_classifier(const jdc_model *m);

/* The feature vector of a posting (c->nfeat values) from its term hits
 * (sections assigned, text order), sentences and the rule-based scorer's
 * per-track evidence (score.c). */
JDC_HIDDEN void jdc__features(const jdc_classifier *c, const jdc_model *m,
                              const jdc_hits *terms, const jdc_sentences *ss,
                              const jdc_sections *secs,
                              const double *evidence, double *x);

/* Class logits (before temperature) of a feature vector; with `contrib`
 * (nfeat x JDC_NCLASS) also each feature's share of each logit. */
JDC_HIDDEN void jdc__logits(const jdc_classifier *c, const double *x,
                            double *z, double *contrib);

/* Softmax of z / t into p. */
JDC_HIDDEN void jdc__softmax(const double *z, double t, double *p);

/* Write a number as the weights file does: fixed point, 6 decimals,
 * independent of the locale. Returns the length written (buf >= 32). */
JDC_HIDDEN size_t jdc__fmt_fixed(char *buf, double x);

#endif
