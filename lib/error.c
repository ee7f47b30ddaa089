/* Error codes, messages and the thread-local detail of the last failure. */
#include <stdarg.h>
#include <stdio.h>

#include "internal.h"

static _Thread_local char last_error[512];

int jdc__fail(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_error, sizeof last_error, fmt, ap);
    va_end(ap);
    return code;
}

const char *jdc_error_last(void) { return last_error; }

const char *jdc_strerror(int code)
{
    switch (code) {
    case JDC_OK: return "success";
    case JDC_ERROR: return "internal error";
    case JDC_ENOMEM: return "out of memory";
    case JDC_EIO: return "input/output error";
    case JDC_EFORMAT: return "malformed model file";
    case JDC_ESTEMMER: return "English stemmer unavailable";
    case JDC_EINVAL: return "invalid argument";
    case JDC_ETOOBIG: return "input too large";
    default: return "unknown error";
    }
}

int jdc_version_number(void) { return JDC_VERSION_NUMBER; }
const char *jdc_version(void) { return JDC_VERSION_STRING; }

const char *jdc_track_name(jdc_track t)
{
    switch (t) {
    case JDC_TRACK_OTHER: return "other";
    case JDC_TRACK_MLOPS: return "mlops";
    case JDC_TRACK_LLMOPS: return "llmops";
    case JDC_TRACK_HYBRID: return "hybrid";
    default: return "unknown";
    }
}
