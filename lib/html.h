/* HTML input: turn an HTML page or fragment into the plain text the
 * classifier reads, with a map from every text byte back to the HTML.
 * Internal: the public API exposes it as a jdc_classify() flag.
 *
 * What the text holds
 *  - Tags are dropped. The content of script, style, noscript, textarea,
 *    iframe, noembed, noframes and xmp (raw text, up to the matching end
 *    tag), of template, and of svg, math and select is dropped too, as are
 *    comments, CDATA sections, processing instructions and the doctype.
 *    (svg, math and select also end at a block-level start tag, as a
 *    browser's "breakout" does, so an unclosed one cannot hide the posting;
 *    </body> and </html> end every dropped element.)
 *  - The first <title> is kept: its text (entities decoded) becomes a line of
 *    its own where it stands, normally the first line of the text, so the
 *    tokeniser takes the job title from it. Later <title>s are dropped. The
 *    rest of <head> needs no rule: it holds only void elements (meta, link,
 *    base) and the dropped elements above.
 *  - Character references are decoded to UTF-8: the HTML 4 named set
 *    (Latin-1, symbols, Greek, typography), apos and a few common HTML 5
 *    names (dollar, bullet, check, hyphen...); a name must end with ';',
 *    except the legacy amp lt gt quot nbsp copy reg (and upper-case AMP LT GT
 *    QUOT COPY REG) when followed by neither letter nor digit. Numeric
 *    references (&#123; &#x1F600;, ';' optional) give U+FFFD for 0,
 *    surrogates and values above U+10FFFF, and map 0x80-0x9F through
 *    Windows-1252 as browsers do. An unknown name stays as written.
 *    &nbsp; (U+00A0) and references to white space count as white space.
 *  - Block elements (p, div, ul, ol, dl, table, section, article, header,
 *    footer, blockquote, pre, hr, title, h1-h6...) are separated by a blank
 *    line; br, li, tr, dt, dd, caption... by a line break; td and th by a
 *    space. h1-h6 start markdown heading lines ("# ", "## "...) and li a
 *    bullet line ("* "), so the section and sentence rules of the library
 *    see them. A line that is nothing but bold text (<b>/<strong>, e.g.
 *    <p><strong>Requirements</strong></p>) is wrapped in "**" as markdown
 *    would write it, so it reads as a heading too.
 *  - White space runs within a line collapse to one space; lines carry no
 *    leading or trailing spaces; at most one blank line in a row; no line
 *    break at the start or end. Inside pre, line breaks are kept.
 *  - Every other byte is copied as it is: invalid UTF-8, NUL and control
 *    bytes pass through (the tokeniser treats them as spaces). A leading
 *    UTF-8 byte-order mark is dropped.
 *
 * The offset map
 *  map[i] is the byte offset in the HTML of text byte i, and map[text.len]
 *  is the length of the HTML. It never decreases. A copied byte maps to
 *  itself; every byte of a decoded reference maps to its '&'; generated
 *  bytes (line breaks, spaces, "# ", "* ", "**") map to the white space or
 *  tag that caused them.
 *  For a span [a, b) of the text (a < b), [map[a], map[b-1] + 1) is the span
 *  of the HTML it came from, with one exception: when the last character is
 *  a decoded reference, that end falls just after its '&'. jdc__html_span()
 *  applies the rule and extends such an end past the whole reference; use it
 *  to report spans in the caller's bytes.
 *
 * Cost and bounds: one pass, O(len) time for any input (no backtracking, no
 * recursion, nesting tracked by counters), and the text is at most
 * len + JDC_HTML_SLACK bytes (decorations are dropped rather than exceed
 * that), so memory is (1 + 4) * (len + JDC_HTML_SLACK + 1) bytes. */
#ifndef JDC_HTML_H
#define JDC_HTML_H

#include <stddef.h>
#include <stdint.h>

#include "internal.h"

typedef struct jdc_html {
    jdc_buf text;  /* the plain text, NUL-terminated (text.len excludes it) */
    uint32_t *map; /* map[i]: offset in the HTML of text byte i;
                      map[text.len] = the HTML's length */
    size_t cap;    /* entries allocated in map */
} jdc_html;

/* Most bytes the text may exceed the HTML by. */
#define JDC_HTML_SLACK 16

/* Convert `len` bytes of HTML into out->text and out->map. `out` starts
 * zeroed ({0}) and may be reused: its memory is kept and grown as needed.
 * Returns JDC_OK; JDC_ENOMEM (out->text.len is then 0); JDC_EINVAL when out
 * is NULL, or html is NULL and len > 0; JDC_ETOOBIG when len does not fit
 * the 32-bit map. Never reads past html[len - 1]. */
JDC_HIDDEN int jdc__html_to_text(jdc_html *out, const char *html, size_t len);

/* Free the memory of `h` and zero it (NULL is fine). */
JDC_HIDDEN void jdc__html_free(jdc_html *h);

/* Translate the text span [*start, *end) of the last conversion of `html`
 * (len bytes) into a span of the HTML, in place: [map[a], map[b-1] + 1),
 * extended past a reference the span ends with. Offsets beyond the text are
 * clamped to it; an empty span maps to the empty span at map[a]. */
JDC_HIDDEN void jdc__html_span(const jdc_html *h, const char *html, size_t len,
                               size_t *start, size_t *end);

/* 1 when `text` is obviously HTML, else 0, judging by its first 4 KB: it
 * starts (after white space and a byte-order mark) with <!doctype html,
 * <html, <head, <body or an <?xml declaration followed by <html; or, among
 * the common block and inline tags (p div li br ul ol h1-h6 table tr td span
 * strong em section article, a with href), it holds at least 4 of which at
 * least 2 are end tags, or at least 6 start tags of at least 3 kinds.
 * Markdown and plain text that merely mention a few tags ("experience with
 * <div>, <span> and <table>") are not HTML. */
JDC_HIDDEN int jdc__looks_like_html(const char *text, size_t len);

#endif
