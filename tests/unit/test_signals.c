/* Unit tests of the red and green flags (signals), sections, negation and
 * contributions, through the public API (include/jdclass.h) with the
 * built-in default model (models/flags.signals, models/context.cues).
 *
 * Every signal id of models/flags.signals has a posting sentence that fires
 * it and near misses that must not: the negated form, the phrase only in a
 * section the rule's `where` excludes (company blurb, requirements,
 * nice-to-have, a hiring-process sentence), an in-scope-only rule on a
 * clearly `other` posting, and for `near` rules phrases too far apart or in
 * different sentences. Each near miss is a minimal change of a sentence that
 * does fire (the controls are the `fires` table), so a miss that stops
 * firing for an unrelated reason shows up there.
 *
 * The example postings are written for these tests.
 *
 * The "regressions" cases pin library bugs these tests found (now fixed). */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jdclass.h"
#include "unit.h"

/* ---- postings ------------------------------------------------------------- */

/* An in-scope MLOps / LLMOps posting (the title alone makes it in scope)
 * with one sentence in the given section. */
#define MLOPS_TITLE "# Senior MLOps Engineer\n\n"
#define LLMOPS_TITLE "# Senior LLMOps Engineer\n\n"
#define DUTIES(s) MLOPS_TITLE "## What you will do\n" s "\n"
#define REQS(s) MLOPS_TITLE "## Requirements\n" s "\n"
#define NICE(s) MLOPS_TITLE "## Nice to have\n" s "\n"
#define PERKS(s) MLOPS_TITLE "## Benefits\n" s "\n"
#define LLM_DUTIES(s) LLMOPS_TITLE "## What you will do\n" s "\n"
/* The sentence only in the company blurb; the duties fire nothing. */
#define COMPANY(s)                                                            \
    MLOPS_TITLE "## About us\n" s "\n\n## What you will do\n"                 \
                "Run training pipelines with Kubeflow.\n"
#define LLM_COMPANY(s)                                                        \
    LLMOPS_TITLE "## About us\n" s "\n\n## What you will do\n"                \
                 "Ship RAG features with LangChain.\n"
/* A clearly `other` posting with one extra sentence in its duties. */
#define OTHER(s)                                                              \
    "# Frontend Developer\n\n## What you will do\n"                           \
    "Build React components and CSS layouts for our web app.\n" s "\n"

/* The default model's files with the rule-based decision (its weights
 * ignored): these fixtures are a title and a sentence or two, far shorter
 * than the postings the learned decision is trained on, and what they test
 * is the signal rules, given an in-scope or `other` label. Loaded once. */
static jdc_model *rules_model;

static const jdc_model *model(void)
{
    if (!rules_model) {
        int rc = jdc_model_load_ex(&rules_model, JDCLASS_SOURCE_DIR "/models",
                                   JDC_LOAD_NO_WEIGHTS);
        ck_assert_msg(rc == JDC_OK, "models/: %s", jdc_error_last());
    }
    return rules_model;
}

static jdc_result *classify_flags(const char *text, unsigned flags)
{
    jdc_result *r = NULL;
    int rc = jdc_classify(&r, model(), text, strlen(text), flags);
    ck_assert_msg(rc == JDC_OK, "jdc_classify: %d %s", rc, jdc_error_last());
    ck_assert_ptr_nonnull(r);
    return r;
}

static jdc_result *classify(const char *text)
{
    return classify_flags(text, JDC_FLAG_DEFAULT);
}

static const jdc_signal *find_signal(const jdc_result *r, const char *id)
{
    for (size_t i = 0; i < jdc_result_signal_count(r); i++) {
        const jdc_signal *s = jdc_result_signal(r, i);
        if (!strcmp(s->id, id))
            return s;
    }
    return NULL;
}

static size_t count_signal(const jdc_result *r, const char *id)
{
    size_t n = 0;
    for (size_t i = 0; i < jdc_result_signal_count(r); i++)
        n += !strcmp(jdc_result_signal(r, i)->id, id);
    return n;
}

/* All fired ids, for failure messages. */
static const char *fired_ids(const jdc_result *r)
{
    static char buf[1024];
    size_t k = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < jdc_result_signal_count(r) && k < sizeof buf; i++)
        k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s", i ? "," : "",
                              jdc_result_signal(r, i)->id);
    return k ? buf : "(none)";
}

/* Check one fired signal: fields, and the evidence span lies inside the
 * text, contains `trigger` and stays within the line holding it (trigger
 * NULL: a builtin signal with no evidence sentence, e.g. no-salary). */
static void check_signal(const jdc_signal *s, const char *text,
                         const char *id, const char *polarity,
                         const char *trigger)
{
    size_t len = strlen(text);
    ck_assert_str_eq(s->id, id);
    ck_assert_str_eq(s->polarity, polarity);
    ck_assert_ptr_nonnull(s->message);
    ck_assert_msg(strlen(s->message) > 0, "%s: empty message", id);
    ck_assert_msg(strchr(s->message, '\n') == NULL, "%s: message of two lines",
                  id);
    if (!trigger) { /* a builtin with no sentence: the span may be empty */
        ck_assert_msg(s->start <= s->end && s->end <= len,
                      "%s: span [%zu,%zu) outside the text (%zu bytes)", id,
                      s->start, s->end, len);
        return;
    }
    ck_assert_msg(s->start < s->end && s->end <= len,
                  "%s: span [%zu,%zu) outside the text (%zu bytes)", id,
                  s->start, s->end, len);
    const char *at = strstr(text, trigger);
    ck_assert_msg(at != NULL, "test bug: trigger not in text");
    size_t ts = (size_t)(at - text), te = ts + strlen(trigger);
    ck_assert_msg(s->start <= ts && te <= s->end,
                  "%s: evidence '%.*s' does not contain '%s'", id,
                  (int)(s->end - s->start), text + s->start, trigger);
    size_t ls = ts, le = te;
    while (ls > 0 && text[ls - 1] != '\n')
        ls--;
    while (le < len && text[le] != '\n')
        le++;
    ck_assert_msg(ls <= s->start && s->end <= le,
                  "%s: evidence '%.*s' reaches beyond the sentence's line", id,
                  (int)(s->end - s->start), text + s->start);
}

/* ---- every signal fires ----------------------------------------------------- */

typedef struct fire_case {
    const char *id;
    const char *polarity;
    const char *text;
    const char *trigger; /* the sentence (without its full stop); NULL for
                            a builtin signal without a sentence */
} fire_case;

/* Pay: a senior MLOps role in London (band from models/uk-market.bands). */
#define PAY(s)                                                                \
    MLOPS_TITLE "## What you will do\nRun training pipelines with Kubeflow.\n" \
                "\n## Salary\n" s "\n"

static const fire_case fires[] = {
    /* no-production-ml: red, all; near {not; yet...} {ML capability...} */
    {"no-production-ml", "red", DUTIES("Our ML capability is not built yet."),
     "Our ML capability is not built yet"},
    {"no-production-ml", "red",
     DUTIES("Production ML does not exist here yet."),
     "Production ML does not exist here yet"},
    /* second rule: greenfield near ML (in-scope) */
    {"no-production-ml", "red",
     DUTIES("This is a greenfield ML effort with a blank page."),
     "This is a greenfield ML effort"},
    /* where = all: the company blurb counts too */
    {"no-production-ml", "red", COMPANY("Our ML capability is not built yet."),
     "Our ML capability is not built yet"},

    {"deploy-support-role", "red",
     DUTIES("You will help data scientists deploy their models to "
            "production."),
     "You will help data scientists deploy their models to production"},
    {"deploy-support-role", "red",
     DUTIES("Provide engineering support to the data science team."),
     "Provide engineering support to the data science team"},
    {"deploy-support-role", "red",
     DUTIES("Support data scientists with dashboards."),
     "Support data scientists with dashboards"},
    /* where includes requirements */
    {"deploy-support-role", "red",
     REQS("You enjoy helping data scientists deploy their models."),
     "You enjoy helping data scientists deploy their models"},

    {"infra-only-monitoring", "red",
     DUTIES("Keep our services healthy with Prometheus and Grafana "
            "dashboards."),
     "Keep our services healthy with Prometheus and Grafana dashboards"},
    /* a negated model-quality mention does not count as present */
    {"infra-only-monitoring", "red",
     DUTIES("Keep our services healthy with Prometheus and Grafana.\n"
            "We do not track data drift."),
     "Keep our services healthy with Prometheus and Grafana"},

    {"unmanaged-compute", "red",
     DUTIES("Today the models run in Jupyter notebooks on a shared GPU box."),
     "Today the models run in Jupyter notebooks on a shared GPU box"},
    /* where = all: the company blurb counts too */
    {"unmanaged-compute", "red",
     COMPANY("Today the models run in Jupyter notebooks on a shared GPU box."),
     "Today the models run in Jupyter notebooks on a shared GPU box"},

    {"spans-three-roles", "red",
     REQS("Experience with ETL and data pipelines.\n"
          "Experience with Terraform.\n"
          "Experience with statistical modelling."),
     "Experience with ETL and data pipelines"},

    {"dedicated-platform-team", "green",
     DUTIES("You will join our ML platform team of six engineers."),
     "You will join our ML platform team of six engineers"},
    /* where includes company and title */
    {"dedicated-platform-team", "green",
     COMPANY("Our ML platform team is six engineers."),
     "Our ML platform team is six engineers"},
    {"dedicated-platform-team", "green", "# ML Platform Team Lead\n\nBuild.\n",
     "ML Platform Team Lead"},

    {"deploy-cadence-gates", "green",
     DUTIES("Build CI/CD for models with automated testing gates."),
     "Build CI/CD for models with automated testing gates"},

    {"feature-store", "green", DUTIES("Develop our Feast feature store."),
     "Develop our Feast feature store"},
    /* where includes requirements: the team's practice stated there */
    {"feature-store", "green", REQS("Our models read features from Feast."),
     "Our models read features from Feast"},

    {"rollback-canary", "green",
     DUTIES("Run canary releases and fast rollback for model updates."),
     "Run canary releases and fast rollback for model updates"},

    {"model-monitoring", "green",
     DUTIES("Set up model monitoring for the ranking service."),
     "Set up model monitoring for the ranking service"},
    {"model-monitoring", "green",
     DUTIES("Monitor the ranking model closely."),
     "Monitor the ranking model closely"},
    {"model-monitoring", "green", DUTIES("Track data drift every week."),
     "Track data drift every week"},
    {"model-monitoring", "green",
     DUTIES("Design monitoring and alerting systems for ML model "
            "performance."),
     "Design monitoring and alerting systems for ML model performance"},
    {"model-monitoring", "green",
     LLM_DUTIES("Review the agent responses for drift every sprint."),
     "Review the agent responses for drift every sprint"},

    {"eval-pipeline", "green",
     LLM_DUTIES("Build the evaluation pipeline with golden sets for every "
                "prompt change."),
     "Build the evaluation pipeline with golden sets for every prompt "
     "change"},
    /* "evals" as work the role does */
    {"eval-pipeline", "green",
     LLM_DUTIES("You will design evals for our support agent."),
     "You will design evals for our support agent"},

    {"prompt-versioning", "green",
     LLM_DUTIES("Introduce prompt versioning and review for all prompts."),
     "Introduce prompt versioning and review for all prompts"},

    {"guardrails", "green",
     LLM_DUTIES("Add guardrails that block prompt injection."),
     "Add guardrails that block prompt injection"},
    {"guardrails", "green",
     LLM_DUTIES("Own the safety guardrails of the chat assistant."),
     "Own the safety guardrails of the chat assistant"},
    {"guardrails", "green",
     LLM_DUTIES("Give the triage agent safety rails and an audit log."),
     "Give the triage agent safety rails and an audit log"},

    {"on-call-for-models", "green",
     DUTIES("Join the on-call rotation for our model serving stack."),
     "Join the on-call rotation for our model serving stack"},

    /* builtin signals: salary extraction and the UK market bands */
    {"no-salary", "red", DUTIES("Run training pipelines with Kubeflow."),
     NULL},
    {"below-market", "red", PAY("\xC2\xA3""60,000 - \xC2\xA3""70,000 per year, London."),
     "\xC2\xA3""60,000 - \xC2\xA3""70,000"},
    {"above-market", "green",
     PAY("\xC2\xA3""180,000 - \xC2\xA3""190,000 per year, London."),
     "\xC2\xA3""180,000 - \xC2\xA3""190,000"},
};
#define NFIRES (sizeof fires / sizeof *fires)

START_TEST(signal_fires)
{
    const fire_case *c = &fires[_i];
    jdc_result *r = classify(c->text);
    const jdc_signal *s = find_signal(r, c->id);
    ck_assert_msg(s != NULL, "%s did not fire on:\n%s\n(fired: %s)", c->id,
                  c->text, fired_ids(r));
    check_signal(s, c->text, c->id, c->polarity, c->trigger);
    ck_assert_uint_eq(count_signal(r, c->id), 1);
    jdc_result_free(r);
}
END_TEST

/* ---- near misses ------------------------------------------------------------ */

typedef struct miss_case {
    const char *id;
    const char *why;
    const char *text;
    int want_other; /* the posting must be labelled `other` */
} miss_case;

static const miss_case misses[] = {
    /* no-production-ml */
    {"no-production-ml", "negated (greenfield ML after 'not')",
     DUTIES("This is not a greenfield ML project."), 0},
    {"no-production-ml", "different sentences",
     DUTIES("Our ML capability is mature. We hire now and not later."), 0},
    {"no-production-ml", "too far apart",
     DUTIES("Our ML capability serves ten million shoppers every single day "
            "and is not new."),
     0},
    {"no-production-ml", "in-scope rule on an other posting",
     OTHER("This is a greenfield ML effort with a blank page."), 1},

    /* deploy-support-role */
    {"deploy-support-role", "company blurb only",
     COMPANY("Our engineers help data scientists deploy their models."), 0},
    {"deploy-support-role", "negated",
     DUTIES("You will not support data scientists; you will build the "
            "platform."),
     0},
    {"deploy-support-role", "too far apart",
     DUTIES("We support the platform used daily by many data scientists."), 0},
    {"deploy-support-role", "different sentences",
     DUTIES("We support the platform. Data scientists love it."), 0},
    {"deploy-support-role", "in-scope rule on an other posting",
     OTHER("Support data scientists with dashboards."), 1},
    {"deploy-support-role", "nice-to-have only",
     NICE("You enjoy helping data scientists deploy their models."), 0},

    /* infra-only-monitoring */
    {"infra-only-monitoring", "model monitoring present",
     DUTIES("Keep our services healthy with Prometheus and Grafana "
            "dashboards.\nTrack data drift in production."),
     0},
    {"infra-only-monitoring", "model monitoring present, even in the blurb",
     MLOPS_TITLE "## What you will do\nKeep our services healthy with "
                 "Prometheus and Grafana.\n\n## About us\nWe sell data drift "
                 "reports.\n",
     0},
    {"infra-only-monitoring", "negated",
     DUTIES("No Prometheus or Grafana experience needed."), 0},
    {"infra-only-monitoring", "company blurb only",
     COMPANY("We run Prometheus and Grafana."), 0},
    {"infra-only-monitoring", "in-scope rule on an other posting",
     OTHER("Keep the site healthy with Prometheus and Grafana."), 1},

    /* unmanaged-compute */
    {"unmanaged-compute", "negated",
     DUTIES("We do not run models from notebooks."), 0},
    {"unmanaged-compute", "too far apart",
     DUTIES("Notebooks are welcome for exploration, while every single "
            "production training job goes through the pipeline."),
     0},
    {"unmanaged-compute", "different sentences",
     DUTIES("We love notebooks. Training happens in Kubeflow pipelines."), 0},

    /* spans-three-roles */
    {"spans-three-roles", "one group negated",
     REQS("Experience with ETL and data pipelines.\nNo Terraform needed.\n"
          "Experience with statistical modelling."),
     0},
    {"spans-three-roles", "company blurb only",
     COMPANY("We do ETL, Terraform and statistical modelling."), 0},
    {"spans-three-roles", "one group only in the company blurb",
     MLOPS_TITLE "## About us\nOur stack uses Terraform.\n\n## Requirements\n"
                 "Experience with ETL and data pipelines.\n"
                 "Experience with statistical modelling.\n",
     0},
    {"spans-three-roles", "one group missing",
     REQS("Experience with ETL and data pipelines.\n"
          "Experience with statistical modelling."),
     0},

    /* dedicated-platform-team (title, intro, company, duties) */
    {"dedicated-platform-team", "requirements only",
     REQS("Experience working in an ML platform team."), 0},
    {"dedicated-platform-team", "negated",
     DUTIES("There is no ML platform team yet."), 0},
    {"dedicated-platform-team", "too far apart",
     DUTIES("Our ML platform serves many product squads and one central "
            "data team."),
     0},
    {"dedicated-platform-team", "different sentences",
     DUTIES("We are building an ML platform. The team is small."), 0},

    /* deploy-cadence-gates */
    {"deploy-cadence-gates", "company blurb only",
     COMPANY("We practise CI/CD for models with automated testing gates."), 0},
    {"deploy-cadence-gates", "negated",
     DUTIES("We do not have CI/CD for models yet."), 0},
    {"deploy-cadence-gates", "too far apart",
     DUTIES("Set up CI/CD for the web front end, the billing API and the "
            "reporting jobs, and later the models."),
     0},
    {"deploy-cadence-gates", "different sentences",
     DUTIES("Set up CI/CD. Models are deployed by hand."), 0},
    {"deploy-cadence-gates", "in-scope rule on an other posting",
     OTHER("Build CI/CD for models with automated testing gates."), 1},

    /* feature-store */
    {"feature-store", "negated", DUTIES("We do not have a feature store yet."),
     0},
    {"feature-store", "company blurb only",
     COMPANY("We built the best open source feature store."), 0},
    {"feature-store", "nice-to-have only", NICE("Experience with Feast."), 0},
    /* what the candidate should know is not the team's practice */
    {"feature-store", "a skill asked for", REQS("Experience with Feast."), 0},
    {"feature-store", "a skill asked for, in the duties",
     DUTIES("Hands-on experience with a feature store."), 0},
    {"model-monitoring", "a skill asked for",
     REQS("Deep understanding of model monitoring and data drift."), 0},
    /* a sentence about the company counts as the company blurb */
    {"infra-only-monitoring", "a sentence about the company",
     DUTIES("Acme is a Series A startup, the Datadog of invoices."), 0},
    {"feature-store", "benefits only",
     PERKS("Free Feast feature store stickers."), 0},
    {"feature-store", "hiring-process sentence only",
     DUTIES("Run training pipelines with Kubeflow.\n\n"
            "During the interview we will discuss our feature store."),
     0},

    /* rollback-canary */
    {"rollback-canary", "company blurb only",
     COMPANY("We ship canary releases and fast rollback for model updates."),
     0},
    {"rollback-canary", "negated",
     DUTIES("We do not do canary releases for models."), 0},
    {"rollback-canary", "too far apart",
     DUTIES("Run canary releases for the checkout page, the search page and "
            "then all the models."),
     0},
    {"rollback-canary", "different sentences",
     DUTIES("Run canary releases. Models are retrained weekly."), 0},
    {"rollback-canary", "in-scope rule on an other posting",
     OTHER("Run canary releases and fast rollback for model updates."), 1},

    /* model-monitoring */
    {"model-monitoring", "negated", DUTIES("You will not monitor models."), 0},
    {"model-monitoring", "company blurb only",
     COMPANY("We sell model monitoring software to banks."), 0},
    {"model-monitoring", "too far apart",
     DUTIES("Monitor the payment service latency for the checkout page and, "
            "separately, retrain ML models."),
     0},
    {"model-monitoring", "different sentences",
     DUTIES("Monitor the payment service. ML models are retrained weekly."),
     0},
    /* the monitoring must come first: models that monitor something else */
    {"model-monitoring", "models that monitor payments",
     DUTIES("Train fraud models that monitor card payments."), 0},
    {"model-monitoring", "a step of a lifecycle list",
     DUTIES("Automate model training, versioning, monitoring, and deployment "
            "processes."),
     0},

    /* eval-pipeline */
    {"eval-pipeline", "negated",
     LLM_DUTIES("There is no evaluation pipeline yet."), 0},
    {"eval-pipeline", "company blurb only",
     LLM_COMPANY("We make an open source evaluation harness."), 0},
    {"eval-pipeline", "a word in a list of technologies",
     LLM_DUTIES("Our stack: agents, RAG, evals, tracing and Postgres."), 0},

    /* prompt-versioning */
    {"prompt-versioning", "negated",
     LLM_DUTIES("We have no prompt management."), 0},
    {"prompt-versioning", "company blurb only",
     LLM_COMPANY("We sell prompt management software."), 0},

    /* guardrails */
    {"guardrails", "negated", LLM_DUTIES("We do not need guardrails."), 0},
    {"guardrails", "company blurb only",
     LLM_COMPANY("We sell content moderation tools."), 0},
    {"guardrails", "guardrails that are not on a model",
     LLM_DUTIES("Set architecture guardrails for the billing services."), 0},

    /* on-call-for-models */
    {"on-call-for-models", "negated",
     DUTIES("There is no on-call for models."), 0},
    {"on-call-for-models", "company blurb only",
     COMPANY("Our SRE team runs on-call for every model."), 0},
    {"on-call-for-models", "too far apart",
     DUTIES("Join the on-call rotation for the billing service, the web shop "
            "and the warehouse database, then models."),
     0},
    {"on-call-for-models", "different sentences",
     DUTIES("Join the on-call rotation. Models are retrained weekly."), 0},

    /* builtin pay signals */
    {"no-salary", "a salary in GBP",
     PAY("\xC2\xA3""110,000 - \xC2\xA3""120,000 per year, London."), 0},
    {"no-salary", "a salary in USD", PAY("$180,000 - $190,000 per year."), 0},
    {"below-market", "within the band",
     PAY("\xC2\xA3""110,000 - \xC2\xA3""120,000 per year, London."), 0},
    {"below-market", "no salary", DUTIES("Run training pipelines."), 0},
    {"above-market", "within the band",
     PAY("\xC2\xA3""110,000 - \xC2\xA3""120,000 per year, London."), 0},
    {"above-market", "not in GBP: no band to compare with",
     PAY("$180,000 - $190,000 per year."), 0},
};
#define NMISSES (sizeof misses / sizeof *misses)

START_TEST(signal_near_miss)
{
    const miss_case *c = &misses[_i];
    jdc_result *r = classify(c->text);
    ck_assert_msg(find_signal(r, c->id) == NULL,
                  "%s fired (%s) on:\n%s\n(fired: %s)", c->id, c->why, c->text,
                  fired_ids(r));
    if (c->want_other)
        ck_assert_msg(jdc_result_label(r) == JDC_TRACK_OTHER,
                      "%s: posting labelled %s, not other", c->why,
                      jdc_track_name(jdc_result_label(r)));
    else
        ck_assert_msg(jdc_result_label(r) != JDC_TRACK_OTHER,
                      "%s: posting labelled other", c->why);
    jdc_result_free(r);
}
END_TEST

/* The same rule fires on the in-scope twin of each `other` near miss. */
START_TEST(in_scope_twins_fire)
{
    static const struct {
        const char *id, *sentence;
    } twins[] = {
        {"no-production-ml", "This is a greenfield ML effort with a blank page."},
        {"deploy-support-role", "Support data scientists with dashboards."},
        {"infra-only-monitoring",
         "Keep the site healthy with Prometheus and Grafana."},
        {"deploy-cadence-gates",
         "Build CI/CD for models with automated testing gates."},
        {"rollback-canary",
         "Run canary releases and fast rollback for model updates."},
    };
    for (size_t i = 0; i < sizeof twins / sizeof *twins; i++) {
        char text[512];
        snprintf(text, sizeof text, "%s## What you will do\n%s\n", MLOPS_TITLE,
                 twins[i].sentence);
        jdc_result *r = classify(text);
        ck_assert_msg(find_signal(r, twins[i].id) != NULL,
                      "%s did not fire on the in-scope twin (fired: %s)",
                      twins[i].id, fired_ids(r));
        jdc_result_free(r);
        snprintf(text, sizeof text, OTHER("%s"), twins[i].sentence);
        r = classify(text);
        ck_assert_int_eq(jdc_result_label(r), JDC_TRACK_OTHER);
        ck_assert_ptr_null(find_signal(r, twins[i].id));
        jdc_result_free(r);
    }
}
END_TEST

/* ---- the model's signal ids ---------------------------------------------------- */

/* Ids in order of first appearance in models/flags.signals (the source of
 * the default model). Returns the count. */
static size_t model_signal_ids(char ids[][48], size_t max)
{
    char *data = unit_read(JDCLASS_SOURCE_DIR "/models/flags.signals", NULL);
    size_t n = 0;
    for (char *line = strtok(data, "\n"); line; line = strtok(NULL, "\n")) {
        while (*line == ' ' || *line == '\t')
            line++;
        if (!*line || *line == '#' || *line == '%')
            continue;
        size_t k = 0;
        char id[48];
        while (line[k] && line[k] != '|' && line[k] != ' ' && k + 1 < sizeof id)
            id[k] = line[k], k++;
        id[k] = '\0';
        size_t j = 0;
        while (j < n && strcmp(ids[j], id))
            j++;
        if (j == n && n < max)
            strcpy(ids[n++], id);
    }
    free(data);
    return n;
}

START_TEST(every_model_signal_is_tested)
{
    char ids[64][48];
    size_t n = model_signal_ids(ids, 64);
    ck_assert_uint_ge(n, 12); /* at least the rubric's ids */
    for (size_t i = 0; i < n; i++) {
        int fire = 0, miss = 0;
        for (size_t k = 0; k < NFIRES; k++)
            fire |= !strcmp(fires[k].id, ids[i]);
        for (size_t k = 0; k < NMISSES; k++)
            miss |= !strcmp(misses[k].id, ids[i]);
        ck_assert_msg(fire && miss,
                      "signal '%s' of models/flags.signals has no %s case in "
                      "tests/unit/test_signals.c",
                      ids[i], fire ? "near-miss" : "firing");
    }
    /* and every tested id exists in the model */
    for (size_t k = 0; k < NFIRES; k++) {
        size_t i = 0;
        while (i < n && strcmp(ids[i], fires[k].id))
            i++;
        ck_assert_msg(i < n, "tested id '%s' is not in the model", fires[k].id);
    }
}
END_TEST

START_TEST(rubric_ids_present)
{
    /* the ids of the corpus rubric, with their polarity */
    static const char *red[] = {"no-production-ml", "deploy-support-role",
                                "infra-only-monitoring", "unmanaged-compute"};
    static const char *green[] = {
        "dedicated-platform-team", "deploy-cadence-gates", "feature-store",
        "rollback-canary", "model-monitoring", "eval-pipeline",
        "prompt-versioning", "guardrails"};
    char ids[64][48];
    size_t n = model_signal_ids(ids, 64);
    for (size_t k = 0; k < 12; k++) {
        const char *id = k < 4 ? red[k] : green[k - 4];
        size_t i = 0;
        while (i < n && strcmp(ids[i], id))
            i++;
        ck_assert_msg(i < n, "rubric id '%s' missing from the model", id);
        for (size_t f = 0; f < NFIRES; f++)
            if (!strcmp(fires[f].id, id))
                ck_assert_str_eq(fires[f].polarity, k < 4 ? "red" : "green");
    }
}
END_TEST

/* ---- several signals ------------------------------------------------------------ */

START_TEST(two_rules_fire_once)
{
    /* model-monitoring: near {monitor} {model} and any {data drift}, each
     * alone fires (see `fires`); together the signal is reported once */
    static const char text[] = DUTIES("Monitor the ranking model closely.\n"
                                      "Track data drift every week.");
    jdc_result *r = classify(text);
    ck_assert_uint_eq(count_signal(r, "model-monitoring"), 1);
    jdc_result_free(r);
    /* deploy-support-role: both of its rules, in both orders */
    static const char *both[] = {
        DUTIES("You will help data scientists deploy their models.\n"
               "Support data scientists with dashboards."),
        DUTIES("Support data scientists with dashboards.\n"
               "You will help data scientists deploy their models."),
    };
    for (size_t i = 0; i < 2; i++) {
        r = classify(both[i]);
        ck_assert_uint_eq(count_signal(r, "deploy-support-role"), 1);
        const jdc_signal *s = find_signal(r, "deploy-support-role");
        ck_assert_uint_lt(s->start, s->end);
        jdc_result_free(r);
    }
    /* the same phrase repeated in several sentences: still one */
    r = classify(DUTIES("Develop our Feast feature store.\n"
                        "Extend the feature store.\nOperate Feast."));
    ck_assert_uint_eq(count_signal(r, "feature-store"), 1);
    /* the evidence is the first sentence */
    const jdc_signal *s = find_signal(r, "feature-store");
    ck_assert_uint_eq(s->end - s->start, strlen("Develop our Feast feature store"));
    jdc_result_free(r);
}
END_TEST

START_TEST(signals_in_rule_order)
{
    /* Sentences in roughly the reverse of the model's rule order: the
     * signals still come out in rule order. */
    static const char text[] =
        "# Senior MLOps Engineer\n\n"
        "## What you will do\n"
        "Join the on-call rotation for our model serving stack.\n"
        "Add guardrails that block prompt injection.\n"
        "Introduce prompt versioning for all prompts.\n"
        "Build the evaluation pipeline with golden sets.\n"
        "Track data drift every week.\n"
        "Run canary releases and fast rollback for model updates.\n"
        "Develop our Feast feature store.\n"
        "Build CI/CD for models with automated testing gates.\n"
        "You will join our ML platform team of six engineers.\n"
        "Today the models run in Jupyter notebooks on a shared GPU box.\n"
        "You will help data scientists deploy their models to production.\n"
        "Our ML capability is not built yet.\n";
    jdc_result *r = classify(text);
    char ids[64][48];
    size_t n = model_signal_ids(ids, 64);
    size_t ns = jdc_result_signal_count(r);
    ck_assert_msg(ns >= 12, "only %zu signals fired: %s", ns, fired_ids(r));
    size_t at = 0; /* position in the model's id list */
    for (size_t i = 0; i < ns; i++) {
        const jdc_signal *s = jdc_result_signal(r, i);
        while (at < n && strcmp(ids[at], s->id))
            at++;
        ck_assert_msg(at < n, "signal %zu (%s) out of rule order: %s", i,
                      s->id, fired_ids(r));
        at++;
        ck_assert_ptr_eq(jdc_result_signal(r, i), s); /* stable pointers */
    }
    ck_assert_ptr_null(jdc_result_signal(r, ns));
    ck_assert_ptr_null(jdc_result_signal(NULL, 0));
    ck_assert_uint_eq(jdc_result_signal_count(NULL), 0);
    jdc_result_free(r);
}
END_TEST

START_TEST(no_signals_on_plain_postings)
{
    static const char *texts[] = {
        "",
        "# Office Manager\n\n## What you will do\nOrder supplies and plan "
        "events.\n",
        "Kubernetes Docker Terraform AWS",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        jdc_result *r = classify(texts[i]);
        for (size_t k = 0; k < jdc_result_signal_count(r); k++) {
            /* only library-computed signals (no phrase evidence) may fire */
            const jdc_signal *s = jdc_result_signal(r, k);
            ck_assert_msg(!strcmp(s->id, "no-salary") ||
                              !strcmp(s->id, "below-market") ||
                              !strcmp(s->id, "above-market"),
                          "'%s' fired on posting %zu", s->id, i);
        }
        jdc_result_free(r);
    }
}
END_TEST

/* ---- sections and hiring-process sentences ---------------------------------------- */

static int is_llm_term(const jdc_match *m) { return !strcmp(m->track, "llmops"); }

START_TEST(interview_policy_not_llmops)
{
    static const char base[] =
        "# Backend Engineer\n\n## What you will do\n"
        "Build REST APIs in Go and PostgreSQL.\n\n";
    static const char policy[] =
        "Use of an LLM during the interview is grounds for rejection.\n";
    static const char policy_many[] =
        "Use of an LLM, ChatGPT, RAG or LangChain during the interview is "
        "grounds for rejection.\n";
    static const char duty[] = "## What you will do\n"
                               "Use an LLM, ChatGPT, RAG and LangChain daily.\n";
    const char *tails[] = {policy, policy_many};
    double llm_policy = 0;
    for (size_t t = 0; t < 2; t++) {
        char text[1024];
        snprintf(text, sizeof text, "%s%s", base, tails[t]);
        jdc_result *r = classify(text);
        ck_assert_msg(jdc_result_label(r) != JDC_TRACK_LLMOPS &&
                          jdc_result_label(r) != JDC_TRACK_HYBRID,
                      "interview-policy posting labelled %s",
                      jdc_track_name(jdc_result_label(r)));
        size_t nllm = 0;
        for (size_t i = 0; i < jdc_result_match_count(r); i++) {
            const jdc_match *m = jdc_result_match(r, i);
            if (!is_llm_term(m))
                continue;
            nllm++;
            ck_assert_msg(!strcmp(m->section, "benefits"),
                          "'%s' in the interview sentence has section %s",
                          m->term, m->section);
            ck_assert_int_eq(m->negated, 0);
        }
        ck_assert_uint_ge(nllm, t == 0 ? 1 : 4);
        if (t == 1)
            llm_policy = jdc_result_track_score(r, JDC_TRACK_LLMOPS);
        ck_assert_ptr_null(find_signal(r, "eval-pipeline"));
        jdc_result_free(r);
    }
    /* the same words as a duty count much more */
    char text[1024];
    snprintf(text, sizeof text, "%s%s", base, duty);
    jdc_result *r = classify(text);
    for (size_t i = 0; i < jdc_result_match_count(r); i++) {
        const jdc_match *m = jdc_result_match(r, i);
        if (is_llm_term(m))
            ck_assert_str_eq(m->section, "duties");
    }
    ck_assert_double_gt(jdc_result_track_score(r, JDC_TRACK_LLMOPS),
                        2 * llm_policy);
    jdc_result_free(r);
}
END_TEST

START_TEST(match_sections)
{
    static const char text[] =
        "# Senior MLOps Engineer\n"
        "Intro mentions MLflow.\n"
        "## About us\nWe like Kubeflow.\n"
        "## What you will do\nOperate Airflow.\n"
        "## Requirements\nKnow Feast.\n"
        "## Nice to have\nKnow Tecton.\n"
        "## Benefits\nFree SageMaker credits.\n";
    static const struct {
        const char *term, *section;
    } want[] = {{"MLOps engineer", "title"}, {"MLflow", "intro"},
                {"Kubeflow", "company"},     {"Airflow", "duties"},
                {"Feast", "requirements"},   {"Tecton", "nice-to-have"},
                {"SageMaker", "benefits"}};
    jdc_result *r = classify(text);
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        int found = 0;
        for (size_t i = 0; i < jdc_result_match_count(r); i++) {
            const jdc_match *m = jdc_result_match(r, i);
            if (strcmp(m->term, want[k].term))
                continue;
            found = 1;
            ck_assert_msg(!strcmp(m->section, want[k].section),
                          "%s: section %s, expected %s", m->term, m->section,
                          want[k].section);
            ck_assert_int_eq(m->in_title, !strcmp(want[k].section, "title"));
        }
        ck_assert_msg(found, "%s not matched", want[k].term);
    }
    jdc_result_free(r);
}
END_TEST

/* ---- negation ------------------------------------------------------------------ */

static const jdc_match *find_match(const jdc_result *r, const char *term)
{
    for (size_t i = 0; i < jdc_result_match_count(r); i++)
        if (!strcmp(jdc_result_match(r, i)->term, term))
            return jdc_result_match(r, i);
    return NULL;
}

static const jdc_contribution *find_contrib(const jdc_result *r,
                                            const char *term)
{
    for (size_t i = 0; i < jdc_result_contribution_count(r); i++)
        if (!strcmp(jdc_result_contribution(r, i)->term, term))
            return jdc_result_contribution(r, i);
    return NULL;
}

START_TEST(negation_no_ml_in_production)
{
    static const char neg[] = "# Engineer\nWe have no ML in production yet.\n";
    static const char pos[] = "# Engineer\nWe have ML in production.\n";
    jdc_result *rn = classify(neg), *rp = classify(pos);
    size_t nml = 0;
    for (size_t i = 0; i < jdc_result_match_count(rn); i++) {
        const jdc_match *m = jdc_result_match(rn, i);
        const char *span = neg + m->start;
        if (!strncmp(span, "ML", 2)) {
            nml++;
            ck_assert_msg(m->negated == 1, "'%s' not negated", m->term);
            ck_assert_ptr_null(find_contrib(rn, m->term));
        }
    }
    ck_assert_uint_ge(nml, 1);
    for (size_t i = 0; i < jdc_result_match_count(rp); i++)
        ck_assert_int_eq(jdc_result_match(rp, i)->negated, 0);
    /* the negated matches add no evidence */
    ck_assert_double_eq(jdc_result_track_score(rn, JDC_TRACK_MLOPS), 0);
    ck_assert_double_eq(jdc_result_track_score(rn, JDC_TRACK_LLMOPS), 0);
    ck_assert_uint_eq(jdc_result_contribution_count(rn), 0);
    ck_assert_double_gt(jdc_result_track_score(rp, JDC_TRACK_MLOPS),
                        jdc_result_track_score(rn, JDC_TRACK_MLOPS));
    ck_assert_uint_ge(jdc_result_contribution_count(rp), 1);
    jdc_result_free(rn);
    jdc_result_free(rp);
}
END_TEST

START_TEST(negation_lowers_evidence)
{
    /* a whole posting: every negated mention takes its evidence away */
    static const char pos[] = DUTIES("You will build Kubeflow pipelines.");
    static const char neg[] = DUTIES("You will not build Kubeflow pipelines.");
    jdc_result *rp = classify(pos), *rn = classify(neg);
    const jdc_match *mp = find_match(rp, "Kubeflow"), *mn = find_match(rn, "Kubeflow");
    ck_assert_ptr_nonnull(mp);
    ck_assert_ptr_nonnull(mn);
    ck_assert_int_eq(mp->negated, 0);
    ck_assert_int_eq(mn->negated, 1);
    ck_assert_ptr_nonnull(find_contrib(rp, "Kubeflow"));
    ck_assert_ptr_null(find_contrib(rn, "Kubeflow"));
    ck_assert_double_lt(jdc_result_track_score(rn, JDC_TRACK_MLOPS),
                        jdc_result_track_score(rp, JDC_TRACK_MLOPS));
    jdc_result_free(rp);
    jdc_result_free(rn);
}
END_TEST

START_TEST(not_only_is_not_negation)
{
    static const char text[] = DUTIES("You will not only build Kubeflow "
                                      "pipelines but also own the feature "
                                      "store.");
    jdc_result *r = classify(text);
    const jdc_match *k = find_match(r, "Kubeflow"), *f = find_match(r, "feature store");
    ck_assert_ptr_nonnull(k);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(k->negated, 0);
    ck_assert_int_eq(f->negated, 0);
    ck_assert_ptr_nonnull(find_contrib(r, "Kubeflow"));
    ck_assert_ptr_nonnull(find_signal(r, "feature-store"));
    jdc_result_free(r);
    /* "not just" likewise */
    r = classify(DUTIES("This is not just a Kubeflow job."));
    ck_assert_int_eq(find_match(r, "Kubeflow")->negated, 0);
    jdc_result_free(r);
}
END_TEST

START_TEST(negation_scope)
{
    /* within four words after the cue, in the same sentence */
    jdc_result *r = classify(DUTIES("You will not touch our MLflow registry."));
    ck_assert_int_eq(find_match(r, "MLflow")->negated, 1);
    jdc_result_free(r);
    r = classify(DUTIES("You will not be asked to touch our MLflow registry."));
    ck_assert_int_eq(find_match(r, "MLflow")->negated, 0);
    jdc_result_free(r);
    /* a new sentence ends it */
    r = classify(DUTIES("We have no budget issues. MLflow is our registry."));
    ck_assert_int_eq(find_match(r, "MLflow")->negated, 0);
    jdc_result_free(r);
    /* a term before the cue is not negated */
    r = classify(DUTIES("MLflow is not optional."));
    ck_assert_int_eq(find_match(r, "MLflow")->negated, 0);
    jdc_result_free(r);
    /* contractions are cues too */
    r = classify(DUTIES("You won't be using Kubeflow."));
    ck_assert_int_eq(find_match(r, "Kubeflow")->negated, 1);
    jdc_result_free(r);
}
END_TEST

/* ---- contributions ----------------------------------------------------------------- */

/* Scoring parameters of the default model, read from models/model.conf
 * (defaults as documented in models/README.md). */
typedef struct params {
    double title_factor, repeat_log, in_scope, other_factor, generic_mlops,
        llmops_share, hybrid_share;
} params;

static params read_params(void)
{
    params p = {3, 1, 8, 1.5, 0.1, 0.5, 0.35};
    char *data = unit_read(JDCLASS_SOURCE_DIR "/models/model.conf", NULL);
    static const struct {
        const char *key;
        size_t off;
    } keys[] = {
        {"title_factor", offsetof(params, title_factor)},
        {"repeat_log", offsetof(params, repeat_log)},
        {"in_scope", offsetof(params, in_scope)},
        {"other_factor", offsetof(params, other_factor)},
        {"generic_mlops", offsetof(params, generic_mlops)},
        {"llmops_share", offsetof(params, llmops_share)},
        {"hybrid_share", offsetof(params, hybrid_share)},
    };
    for (char *line = strtok(data, "\n"); line; line = strtok(NULL, "\n")) {
        char key[64];
        double v;
        if (sscanf(line, " %63[a-z_.-] = %lf", key, &v) != 2)
            continue;
        for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
            if (!strcmp(key, keys[k].key))
                *(double *)((char *)&p + keys[k].off) = v;
    }
    free(data);
    return p;
}

typedef struct sums {
    double mlops, llmops, ml, shared, other;
} sums;

static sums check_contributions(const jdc_result *r, const params *p)
{
    sums s = {0, 0, 0, 0, 0};
    size_t n = jdc_result_contribution_count(r);
    for (size_t i = 0; i < n; i++) {
        const jdc_contribution *c = jdc_result_contribution(r, i);
        ck_assert_ptr_nonnull(c);
        ck_assert_msg(c->evidence >= 0, "%s: evidence %g < 0", c->term,
                      c->evidence);
        ck_assert(c->weight >= 0 && c->weight <= 10);
        ck_assert(c->section_factor >= 0);
        ck_assert_msg(c->in_title || c->count > 0, "%s: no occurrence",
                      c->term);
        /* the documented formula */
        double e = c->in_title ? c->weight * p->title_factor : 0;
        if (c->count) {
            unsigned k = c->count < 8 ? c->count : 8;
            e += c->weight * c->section_factor *
                 (1 + p->repeat_log * log((double)k));
        }
        ck_assert_msg(fabs(e - c->evidence) < 1e-9, "%s: evidence %g, formula %g",
                      c->term, c->evidence, e);
        /* its count is the number of non-negated body matches */
        unsigned body = 0, title = 0;
        for (size_t j = 0; j < jdc_result_match_count(r); j++) {
            const jdc_match *m = jdc_result_match(r, j);
            if (strcmp(m->term, c->term) || m->negated)
                continue;
            ck_assert_str_eq(m->track, c->track);
            if (m->in_title)
                title = 1;
            else
                body++;
        }
        ck_assert_uint_eq(c->count, body);
        ck_assert_int_eq(c->in_title, (int)title);
        if (!strcmp(c->track, "mlops"))
            s.mlops += c->evidence;
        else if (!strcmp(c->track, "llmops"))
            s.llmops += c->evidence;
        else if (!strcmp(c->track, "ml"))
            s.ml += c->evidence;
        else if (!strcmp(c->track, "shared"))
            s.shared += c->evidence;
        else if (!strcmp(c->track, "other"))
            s.other += c->evidence;
        else
            ck_abort_msg("unknown track %s", c->track);
        /* each term contributes once */
        for (size_t j = 0; j < i; j++)
            ck_assert_str_ne(jdc_result_contribution(r, j)->term, c->term);
    }
    ck_assert_ptr_null(jdc_result_contribution(r, n));
    /* every non-negated term has its contribution */
    for (size_t j = 0; j < jdc_result_match_count(r); j++) {
        const jdc_match *m = jdc_result_match(r, j);
        if (!m->negated)
            ck_assert_msg(find_contrib(r, m->term) != NULL,
                          "%s has no contribution", m->term);
    }
    return s;
}

START_TEST(contributions_consistent_with_label)
{
    params p = read_params();
    static const struct {
        const char *text;
        jdc_track label;
    } cases[] = {
        {"# Senior MLOps Engineer\n\n## What you will do\n"
         "Own the MLflow model registry and the Feast feature store.\n"
         "Orchestrate training pipelines with Kubeflow and Airflow.\n"
         "Track data drift with Evidently.\n",
         JDC_TRACK_MLOPS},
        {"# Senior LLMOps Engineer\n\n## What you will do\n"
         "Ship RAG features with LangChain, vLLM and pgvector.\n"
         "Build the evaluation pipeline with golden sets.\n"
         "Add guardrails that block prompt injection.\n",
         JDC_TRACK_LLMOPS},
        {"# Frontend Developer\n\n## What you will do\n"
         "Build React components and CSS layouts for our web app.\n"
         "Ship with Docker and Kubernetes on AWS.\n",
         JDC_TRACK_OTHER},
        {"# Senior MLOps Engineer\n\n## About us\n"
         "We build LLM agents, RAG, prompt engineering tools and vector "
         "databases.\n\n## What you will do\n"
         "Own the MLflow model registry and the Feast feature store.\n"
         "Orchestrate training pipelines with Kubeflow.\n",
         JDC_TRACK_MLOPS},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        jdc_result *r = classify(cases[i].text);
        jdc_track label = jdc_result_label(r);
        ck_assert_msg(label == cases[i].label, "case %zu: label %s, want %s",
                      i, jdc_track_name(label),
                      jdc_track_name(cases[i].label));
        ck_assert_uint_gt(jdc_result_contribution_count(r), 0);
        sums s = check_contributions(r, &p);
        double margin = s.mlops + s.llmops + s.ml - p.in_scope -
                        p.other_factor * s.other;
        double denom = s.mlops + s.llmops + p.generic_mlops * s.ml;
        double share = denom > 0 ? s.llmops / denom : 0;
        switch (label) {
        case JDC_TRACK_OTHER:
            ck_assert_msg(margin <= 1e-9, "case %zu: other with margin %g", i,
                          margin);
            break;
        case JDC_TRACK_MLOPS:
            ck_assert(margin > 0);
            ck_assert(s.mlops > s.llmops);
            ck_assert(share <= p.llmops_share);
            ck_assert_double_ge(jdc_result_track_score(r, JDC_TRACK_MLOPS),
                                jdc_result_track_score(r, JDC_TRACK_LLMOPS));
            break;
        case JDC_TRACK_LLMOPS:
            ck_assert(margin > 0);
            ck_assert(s.llmops > s.mlops);
            ck_assert(share > p.llmops_share);
            ck_assert_double_ge(jdc_result_track_score(r, JDC_TRACK_LLMOPS),
                                jdc_result_track_score(r, JDC_TRACK_MLOPS));
            break;
        default:
            break;
        }
        jdc_result_free(r);
    }
}
END_TEST

START_TEST(contributions_sections_and_negation)
{
    params p = read_params();
    /* the same term in duties and the company blurb: the best section's
     * factor; a negated-only term has no contribution; a term negated once
     * and stated once counts once */
    static const char text[] =
        "# Senior MLOps Engineer\n\n## About us\nWe like Kubeflow.\n\n"
        "## What you will do\nRun Kubeflow.\nWe do not have a feature store "
        "yet.\nWe do not use Airflow. We use Airflow daily.\n";
    jdc_result *r = classify(text);
    check_contributions(r, &p);
    const jdc_contribution *k = find_contrib(r, "Kubeflow");
    ck_assert_ptr_nonnull(k);
    ck_assert_uint_eq(k->count, 2);
    ck_assert_double_eq_tol(k->section_factor, 1.0, 1e-12);
    const jdc_match *fs = find_match(r, "feature store");
    ck_assert_ptr_nonnull(fs);
    ck_assert_int_eq(fs->negated, 1);
    ck_assert_ptr_null(find_contrib(r, "feature store"));
    const jdc_contribution *a = find_contrib(r, "Airflow");
    ck_assert_ptr_nonnull(a);
    ck_assert_uint_eq(a->count, 1);
    jdc_result_free(r);
    /* the title counts title_factor times the weight */
    r = classify("# Senior MLOps Engineer\n");
    ck_assert_uint_eq(jdc_result_contribution_count(r), 1);
    const jdc_contribution *c = jdc_result_contribution(r, 0);
    ck_assert_int_eq(c->in_title, 1);
    ck_assert_uint_eq(c->count, 0);
    ck_assert_double_eq_tol(c->evidence, c->weight * p.title_factor, 1e-9);
    jdc_result_free(r);
    /* NULL and out of range */
    ck_assert_uint_eq(jdc_result_contribution_count(NULL), 0);
    ck_assert_ptr_null(jdc_result_contribution(NULL, 0));
}
END_TEST

/* ---- JSON ----------------------------------------------------------------------------- */

START_TEST(json_has_signals_sections_negation)
{
    static const char text[] = DUTIES("Develop our Feast feature store.\n"
                                      "We do not use Airflow.");
    jdc_result *r = classify(text);
    char *json = jdc_result_json(r, NULL);
    ck_assert_ptr_nonnull(json);
    ck_assert(unit_json_valid(json));
    ck_assert_ptr_nonnull(strstr(json, "\"signals\":["));
    ck_assert_ptr_nonnull(strstr(json, "\"id\":\"feature-store\""));
    ck_assert_ptr_nonnull(strstr(json, "\"polarity\":\"green\""));
    ck_assert_ptr_nonnull(strstr(json, "\"section\":\"duties\""));
    ck_assert_ptr_nonnull(strstr(json, "\"section\":\"title\""));
    ck_assert_ptr_nonnull(strstr(json, "\"negated\":true"));
    ck_assert_ptr_nonnull(strstr(json, "\"negated\":false"));
    jdc_free(json);
    jdc_result_free(r);
}
END_TEST

/* ---- regressions: library bugs found by these tests, now fixed --------------------------------- */

/* no-production-ml's first rule pairs the negation words themselves ({no;
 * not; yet...}) with {ML in production...}; the cue "no" negates the phrase
 * after it, and negated phrases never count, so the documented example does
 * not fire. */
START_TEST(known_bug_no_ml_in_production_fires)
{
    static const char *texts[] = {
        DUTIES("We have no ML in production yet."),
        DUTIES("We are not yet running ML in production."),
        DUTIES("There are no models in production today."),
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        jdc_result *r = classify(texts[i]);
        ck_assert_msg(find_signal(r, "no-production-ml") != NULL,
                      "no-production-ml did not fire on:\n%s", texts[i]);
        jdc_result_free(r);
    }
}
END_TEST

/* The signal phrases are matched leftmost-longest over all rules at once,
 * so a longer phrase of one rule hides a shorter phrase of another:
 * "drift detection" (model-monitoring) swallows "drift", so the `without`
 * group of infra-only-monitoring sees no drift and the red flag fires next
 * to the green model-monitoring flag. */
START_TEST(known_bug_longer_phrase_hides_without_group)
{
    static const char *texts[] = {
        DUTIES("Keep services healthy with Prometheus and Grafana.\n"
               "Build drift detection."),
        DUTIES("Keep services healthy with Prometheus and Grafana.\n"
               "Own drift monitoring."),
        DUTIES("Keep services healthy with Prometheus and Grafana.\n"
               "Own model performance monitoring."),
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        jdc_result *r = classify(texts[i]);
        ck_assert_ptr_nonnull(find_signal(r, "model-monitoring"));
        ck_assert_msg(find_signal(r, "infra-only-monitoring") == NULL,
                      "infra-only-monitoring fired although the posting "
                      "monitors models:\n%s",
                      texts[i]);
        jdc_result_free(r);
    }
}
END_TEST

Suite *signals_suite(void)
{
    Suite *s = suite_create("signals");
    TCase *tc = tcase_create("fire");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, signal_fires, 0, (int)NFIRES);
    tcase_add_loop_test(tc, signal_near_miss, 0, (int)NMISSES);
    tcase_add_test(tc, in_scope_twins_fire);
    tcase_add_test(tc, every_model_signal_is_tested);
    tcase_add_test(tc, rubric_ids_present);
    tcase_add_test(tc, two_rules_fire_once);
    tcase_add_test(tc, signals_in_rule_order);
    tcase_add_test(tc, no_signals_on_plain_postings);
    suite_add_tcase(s, tc);

    tc = tcase_create("context");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, interview_policy_not_llmops);
    tcase_add_test(tc, match_sections);
    tcase_add_test(tc, negation_no_ml_in_production);
    tcase_add_test(tc, negation_lowers_evidence);
    tcase_add_test(tc, not_only_is_not_negation);
    tcase_add_test(tc, negation_scope);
    suite_add_tcase(s, tc);

    tc = tcase_create("contributions");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, contributions_consistent_with_label);
    tcase_add_test(tc, contributions_sections_and_negation);
    tcase_add_test(tc, json_has_signals_sections_negation);
    suite_add_tcase(s, tc);

    {
        /* regressions of bugs found while writing these tests */
        tc = tcase_create("regressions");
        tcase_add_test(tc, known_bug_no_ml_in_production_fires);
        tcase_add_test(tc, known_bug_longer_phrase_hides_without_group);
        suite_add_tcase(s, tc);
    }
    return s;
}

int main(void) { return unit_run(signals_suite()); }
