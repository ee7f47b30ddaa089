/* Wrapper around libstemmer's English (Porter2) stemmer.
 *
 * A libstemmer stemmer keeps its state in the object, so it is not
 * thread-safe: each thread owns one (see scratch.c). The returned stem is
 * copied into our own buffer because libstemmer's is invalidated by the
 * next call. */
#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct jdc_stemmer {
    struct sb_stemmer *sb;
    char out[JDC_TOKEN_MAX * 2 + 8];
};

jdc_stemmer *jdc__stemmer_create(int *status)
{
    jdc_stemmer *s = calloc(1, sizeof *s);
    if (!s) {
        *status = JDC_ENOMEM;
        return NULL;
    }
    s->sb = sb_stemmer_new("english", "UTF_8");
    if (!s->sb) {
        free(s);
        /* libstemmer returns NULL for an unknown algorithm and for out of
         * memory alike: tell them apart by its list of algorithms */
        *status = JDC_ENOMEM;
        const char **list = sb_stemmer_list();
        int known = 0;
        for (size_t i = 0; list && list[i]; i++)
            if (!strcmp(list[i], "english"))
                known = 1;
        if (!known)
            *status = JDC_ESTEMMER;
        return NULL;
    }
    *status = JDC_OK;
    return s;
}

jdc_stemmer *jdc__stemmer_new(void)
{
    int status;
    return jdc__stemmer_create(&status);
}

void jdc__stemmer_free(jdc_stemmer *s)
{
    if (!s)
        return;
    sb_stemmer_delete(s->sb);
    free(s);
}

const char *jdc__stem(jdc_stemmer *s, const char *word, size_t len,
                      size_t *outlen)
{
    if (len > JDC_TOKEN_MAX * 2) {
        /* never produced by the tokeniser; keep such words as they are */
        *outlen = len;
        return word;
    }
    const sb_symbol *r = sb_stemmer_stem(s->sb, (const sb_symbol *)word,
                                         (int)len);
    if (!r)
        return NULL;
    int n = sb_stemmer_length(s->sb);
    if (n < 0 || (size_t)n >= sizeof s->out)
        n = 0;
    memcpy(s->out, r, (size_t)n);
    s->out[n] = '\0';
    *outlen = (size_t)n;
    return s->out;
}
