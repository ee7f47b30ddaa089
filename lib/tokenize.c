/* Tokeniser: UTF-8 text in, tokens with byte spans and folded keys out.
 *
 * Rules (also in the README):
 *  - A token is a run of word characters: ASCII letters and digits, and any
 *    valid UTF-8 character outside the punctuation, symbol and space blocks
 *    (so accented letters and CJK are word characters).
 *  - An apostrophe (' or U+2019) between word characters stays inside the
 *    token ("don't", "team's"); the key always uses the ASCII apostrophe.
 *  - The joiners - / . _ & between word characters split tokens but mark the
 *    next one JOINED, so the matcher can treat "CI/CD", "scikit-learn",
 *    "Node.js", "GPT-4o", "3.11" as one unit or as their parts.
 *  - One or two '+', or one '#', right after a one- or two-letter token are
 *    part of it ("C++", "C#", "F#"); a '.' before letters that follows a space
 *    or the start starts a token (".NET").
 *  - Keys are lower-cased for ASCII; other characters are kept as they are.
 *  - Invalid UTF-8 (overlong forms, surrogates, truncated sequences, stray
 *    continuation bytes), NUL bytes and control characters act as spaces:
 *    they separate tokens and never appear in keys. Offsets still count every
 *    byte of the original text.
 *  - A token longer than JDC_TOKEN_MAX bytes is cut into pieces of at most
 *    that length.
 *  - The title is the first non-blank line when it is at most 300 bytes long;
 *    its tokens carry JDC_TOK_TITLE.
 * Cost: one pass, O(len); memory: keys <= len bytes, 16 bytes per token. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum { C_SEP = 0, C_WORD, C_APOS, C_NL };

/* ASCII fast path: class and folded byte of each ASCII character. */
enum { A_LETTER = 1, A_DIGIT = 2 };
static const unsigned char ascii_word[256] = {
    ['0' ... '9'] = A_DIGIT, ['A' ... 'Z'] = A_LETTER, ['a' ... 'z'] = A_LETTER,
};
/* ASCII lower-casing of word characters (others unused). */
static const unsigned char ascii_fold[256] = {
    ['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
    ['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
    ['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e',
    ['F'] = 'f', ['G'] = 'g', ['H'] = 'h', ['I'] = 'i', ['J'] = 'j',
    ['K'] = 'k', ['L'] = 'l', ['M'] = 'm', ['N'] = 'n', ['O'] = 'o',
    ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r', ['S'] = 's', ['T'] = 't',
    ['U'] = 'u', ['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y',
    ['Z'] = 'z', ['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd',
    ['e'] = 'e', ['f'] = 'f', ['g'] = 'g', ['h'] = 'h', ['i'] = 'i',
    ['j'] = 'j', ['k'] = 'k', ['l'] = 'l', ['m'] = 'm', ['n'] = 'n',
    ['o'] = 'o', ['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's',
    ['t'] = 't', ['u'] = 'u', ['v'] = 'v', ['w'] = 'w', ['x'] = 'x',
    ['y'] = 'y', ['z'] = 'z',
};

/* Classify the character at p (n bytes left). Sets *clen to its length in
 * bytes (>= 1). */
static inline int char_class(const unsigned char *p, size_t n, size_t *clen)
{
    unsigned c = p[0];
    *clen = 1;
    if (c < 0x80) {
        if (ascii_word[c])
            return C_WORD;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            (c >= '0' && c <= '9'))
            return C_WORD;
        if (c == '\'')
            return C_APOS;
        if (c == '\n')
            return C_NL;
        return C_SEP;
    }
    uint32_t cp;
    size_t need = jdc__utf8_next(p, n, &cp);
    if (!need)
        return C_SEP; /* invalid UTF-8 separates tokens */
    *clen = need;
    if (cp == 0x2019 || cp == 0x2018)
        return C_APOS;
    if (cp == 0x2028 || cp == 0x2029)
        return C_NL;
    if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7 ||
        (cp >= 0x2000 && cp <= 0x2BFF) || /* punctuation, arrows, symbols */
        (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xE000 && cp <= 0xF8FF) ||
        (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
        cp == 0xFEFF || (cp >= 0xFFF0 && cp <= 0xFFFF) ||
        (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0xE0000))
        return C_SEP;
    return C_WORD;
}

static int is_joiner(unsigned char c)
{
    return c == '-' || c == '/' || c == '.' || c == '_' || c == '&';
}

static int is_sentence_end(unsigned char c)
{
    return c == '.' || c == '!' || c == '?' || c == ';' || c == ':';
}

/* Does the line break at i (clen bytes) end a sentence? Text wrapped by
 * hand continues its sentence on the next line; a sentence ends at a blank
 * line, before a bullet, number or heading, after sentence punctuation, a
 * colon or a short line (a heading without markup). */
static int line_break_ends_sentence(const unsigned char *s, size_t len,
                                    size_t i, size_t clen, size_t line_start)
{
    size_t b = i;
    while (b > line_start && (s[b - 1] == ' ' || s[b - 1] == '\t' ||
                              s[b - 1] == '\r'))
        b--;
    if (b == line_start || i - line_start < 60)
        return 1;
    unsigned char last = s[b - 1];
    if (last == '.' || last == '!' || last == '?' || last == ':' ||
        last == ';' || last == '*' || last == '_' || last == '|' ||
        last == ')' || last >= 0x80)
        return 1;
    size_t f = i + clen;
    while (f < len && (s[f] == ' ' || s[f] == '\t' || s[f] == '\r'))
        f++;
    if (f >= len)
        return 1;
    unsigned char next = s[f];
    if (next == '\n' || next == '*' || next == '-' || next == '+' ||
        next == '#' || next == '>' || next == '|' || (next >= '0' && next <= '9') ||
        next >= 0x80)
        return 1;
    return 0;
}

static int is_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int push(jdc_tokens *t, uint32_t start, uint32_t end, uint32_t key,
                size_t key_len, unsigned flags)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 1024;
        jdc_token *v = realloc(t->v, cap * sizeof *v);
        if (!v)
            return JDC_ENOMEM;
        t->v = v;
        t->cap = cap;
    }
    jdc_token *k = &t->v[t->n++];
    k->start = start;
    k->end = end;
    k->key = key;
    k->key_len = (uint16_t)key_len;
    k->flags = (uint16_t)flags;
    return JDC_OK;
}

int jdc__tokenize(jdc_tokens *t, const char *text, size_t len,
                  unsigned flags)
{
    const unsigned char *s = (const unsigned char *)text;
    t->n = 0;
    t->keys.len = 0;
    t->keys.oom = 0; /* a failure of an earlier call must not stick */
    t->title_start = t->title_end = 0;
    if (jdc__buf_reserve(&t->keys, len + 1))
        return JDC_ENOMEM;
    char *keys = t->keys.data;
    uint32_t title_start = 0, title_end = 0;
    if (!(flags & JDC_FLAG_NO_TITLE))
        jdc__context_title(text, len, &title_start, &title_end);
    t->title_start = title_start;
    t->title_end = title_end;

    size_t i = 0, klen = 0;
    unsigned pending = JDC_TOK_NEWLINE | JDC_TOK_SENT; /* flags for next token */
    size_t prev_end = (size_t)-1; /* end of the previous token */
    size_t line_start = 0;         /* offset of the current line */

    while (i < len) {
        size_t clen;
        unsigned char ch = s[i];
        if (ch == ' ' || ch == ',' || ch == '(' || ch == ')' || ch == '*' ||
            ch == '\t' || ch == '"') {
            i++; /* the most common separators */
            continue;
        }
        int cls;
        if (ch < 0x80 && ascii_word[ch]) {
            cls = C_WORD;
            clen = 1;
        } else {
            cls = char_class(s + i, len - i, &clen);
        }
        int dot_start = 0;
        if (cls != C_WORD) {
            unsigned char c = s[i];
            if (c == '.' && i + 1 < len && is_letter(s[i + 1]) &&
                (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t' ||
                 s[i - 1] == '\n' || s[i - 1] == '(')) {
                dot_start = 1;
            } else {
                if (cls == C_NL)
                {
                    pending |= JDC_TOK_NEWLINE |
                               (line_break_ends_sentence(s, len, i, clen,
                                                         line_start)
                                    ? JDC_TOK_SENT
                                    : 0);
                    line_start = i + clen;
                }
                else if (c < 0x80 && is_sentence_end(c))
                    pending |= JDC_TOK_SENT;
                i += clen;
                continue;
            }
        }
        /* A token starts at i. Was it joined to the previous one? */
        unsigned tf = pending;
        pending = 0;
        if (prev_end != (size_t)-1 && i == prev_end + 1 && !dot_start &&
            is_joiner(s[prev_end]) && !(tf & JDC_TOK_NEWLINE))
            tf |= JDC_TOK_JOINED, tf &= ~(unsigned)JDC_TOK_SENT;
        size_t start = i, kstart = klen;
        if (dot_start) {
            keys[klen++] = '.';
            i++;
        }
        for (;;) {
            /* tight loop over an ASCII run, bounded by the token cap */
            size_t room = JDC_TOKEN_MAX - (klen - kstart);
            const unsigned char *p = s + i;
            const unsigned char *pe = p + (len - i < room ? len - i : room);
            char *kp = keys + klen;
            while (p < pe) {
                unsigned c = *p;
                if (!ascii_word[c])
                    break;
                *kp++ = (char)ascii_fold[c];
                p++;
            }
            klen = (size_t)(kp - keys);
            i = (size_t)(p - s);
            if (i >= len)
                break;
            unsigned char c0 = s[i];
            if (c0 < 0x80 && ascii_word[c0]) {
                if (klen - kstart >= JDC_TOKEN_MAX)
                    break; /* cut an over-long token */
                if (ascii_word[c0] == A_LETTER)
                    c0 |= 0x20;
                keys[klen++] = (char)c0;
                i++;
                continue;
            }
            if (c0 < 0x80 && c0 != '\'')
                break; /* ASCII punctuation or space ends the word */
            cls = char_class(s + i, len - i, &clen);
            if (cls == C_APOS) {
                /* inside a word only: a word character must follow */
                size_t c2;
                if (klen > kstart && i + clen < len &&
                    char_class(s + i + clen, len - i - clen, &c2) == C_WORD) {
                    if (klen - kstart + 1 > JDC_TOKEN_MAX)
                        break;
                    keys[klen++] = '\'';
                    i += clen;
                    continue;
                }
                break;
            }
            if (cls != C_WORD)
                break;
            if (klen - kstart + clen > JDC_TOKEN_MAX)
                break; /* cut an over-long token */
            if (clen == 1) {
                unsigned char c = s[i];
                if (c >= 'A' && c <= 'Z')
                    c = (unsigned char)(c + 32);
                keys[klen++] = (char)c;
            } else {
                memcpy(keys + klen, s + i, clen);
                klen += clen;
            }
            i += clen;
        }
        /* C++, C#, F#: one or two letters followed by ++ or # */
        size_t wl = klen - kstart;
        if (wl >= 1 && wl <= 2 && i < len &&
            ascii_word[(unsigned char)keys[kstart]] == A_LETTER &&
            (wl == 1 || ascii_word[(unsigned char)keys[kstart + 1]] == A_LETTER) &&
            (s[i] == '+' || s[i] == '#')) {
            size_t j = i;
            if (s[j] == '#')
                j++;
            else
                while (j < len && j - i < 2 && s[j] == '+')
                    j++;
            size_t c3;
            if (j >= len || char_class(s + j, len - j, &c3) != C_WORD) {
                memcpy(keys + klen, s + i, j - i);
                klen += j - i;
                i = j;
            }
        }
        if (title_end > title_start && start >= title_start &&
            start < title_end)
            tf |= JDC_TOK_TITLE;
        if (push(t, (uint32_t)start, (uint32_t)i, (uint32_t)kstart,
                 klen - kstart, tf))
            return JDC_ENOMEM;
        prev_end = i;
        if (i - start >= 1 && klen - kstart >= JDC_TOKEN_MAX && i < len &&
            char_class(s + i, len - i, &clen) == C_WORD) {
            /* over-long token continues: next piece is joined to this one */
            prev_end = (size_t)-1;
            pending = 0;
        }
    }
    t->keys.len = klen;
    return JDC_OK;
}

void jdc__tokens_free(jdc_tokens *t)
{
    free(t->v);
    jdc__buf_free(&t->keys);
    memset(t, 0, sizeof *t);
}

size_t jdc__group_key(const jdc_tokens *t, const char *text, size_t first,
                      size_t last, char *buf, size_t cap)
{
    size_t n = 0;
    for (size_t k = first; k <= last; k++) {
        const jdc_token *tk = &t->v[k];
        if (k > first) {
            if (n + 1 > cap)
                return 0;
            buf[n++] = text[t->v[k - 1].end]; /* the joiner byte */
        }
        if (n + tk->key_len > cap)
            return 0;
        memcpy(buf + n, t->keys.data + tk->key, tk->key_len);
        n += tk->key_len;
    }
    return n;
}
