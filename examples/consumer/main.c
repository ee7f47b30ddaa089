/* Classify a short built-in posting and print its label. */
#include <stdio.h>
#include <string.h>

#include <jdclass.h>

static const char posting[] =
    "Senior MLOps Engineer\n"
    "Build and run our ML platform: Kubeflow training pipelines, an MLflow\n"
    "model registry, a Feast feature store, KServe model serving and drift\n"
    "monitoring with Evidently for our fraud models.\n";

int main(void)
{
    const jdc_model *model = jdc_model_default();
    if (!model) {
        fprintf(stderr, "consumer: %s\n", jdc_error_last());
        return 1;
    }
    jdc_result *r = NULL;
    int rc = jdc_classify(&r, model, posting, strlen(posting), JDC_FLAG_DEFAULT);
    if (rc != JDC_OK) {
        fprintf(stderr, "consumer: %s\n", jdc_error_last());
        return 1;
    }
    printf("%s\n", jdc_track_name(jdc_result_label(r)));
    jdc_result_free(r);
    return 0;
}
