#ifndef QUOTECHECK_CLIBXML2_SHIM_H
#define QUOTECHECK_CLIBXML2_SHIM_H

#include <string.h>
// Debian's libxml2 is built with ICU, so encoding.h would pull in the system's ICU headers,
// whose UErrorCode clashes with Foundation's own ICU in any Swift module that sees both.
// The loader never touches the ICU fields (they sit at the end of xmlCharEncodingHandler,
// which is only ever handled by pointer), so the headers are read without them.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlmemory.h>
#include <libxml/parserInternals.h>

// xmlFree is a global function pointer, which Swift 6 refuses to call
// (global mutable state); this wrapper is a plain function.
static inline void qc_xmlFree(void *pointer) {
    xmlFree(pointer);
}

/// The SAX events the HTML loader listens to; every other event is left unset, so
/// libxml2 builds no tree at all.
typedef struct {
    startElementSAXFunc startElement;
    endElementSAXFunc endElement;
    charactersSAXFunc characters;
    commentSAXFunc comment;
    cdataBlockSAXFunc cdataBlock;
    /// A DOCTYPE, reported once libxml2 has read past its ">".
    internalSubsetSAXFunc internalSubset;
} qc_html_callbacks;

/// Initialises libxml2's global state (dictionary mutexes, encoding tables). libxml2 requires
/// this once, before any thread parses: without it two threads that both reach a first-time
/// lazy initialisation can deadlock in xmlRMutexLock (issue #18).
static inline void qc_xml_init(void) {
    xmlInitParser();
}

/// A push-free HTML parser over a UTF-8 buffer the caller has already decoded.
///
/// libxml2 copies the buffer into one of its own (as large as the page) and parses it in
/// memory. Reading it through an input callback instead, a few KiB at a time, would spare that
/// copy, but libxml2 2.9 then parses differently where a construct spans two reads (a long
/// attribute holding `&#34;` closed the whole page on one of the 504 web pages; issue #18), so
/// the page is parsed in memory, as a browser-like parse of the same bytes must be.
///
/// The encoding is forced to UTF-8 and `<meta charset>` is ignored
/// (HTML_PARSE_IGNORE_ENC): the loader decides the encoding itself, because
/// libxml2 2.9 guesses wrong on real pages (see notes/libxml2.md).
static inline htmlParserCtxtPtr qc_html_create(const char *buffer, int size, void *user, qc_html_callbacks callbacks) {
    htmlParserCtxtPtr context = htmlCreateMemoryParserCtxt(buffer, size);
    if (context == NULL) return NULL;
    if (context->sax == NULL) {
        htmlFreeParserCtxt(context);
        return NULL;
    }
    memset(context->sax, 0, sizeof(htmlSAXHandler));
    context->sax->startElement = callbacks.startElement;
    context->sax->endElement = callbacks.endElement;
    context->sax->characters = callbacks.characters;
    context->sax->ignorableWhitespace = callbacks.characters;
    context->sax->comment = callbacks.comment;
    context->sax->cdataBlock = callbacks.cdataBlock;
    context->sax->internalSubset = callbacks.internalSubset;
    context->userData = user;
    htmlCtxtUseOptions(context, HTML_PARSE_NONET | HTML_PARSE_RECOVER | HTML_PARSE_NOERROR
                                    | HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC);
    xmlSwitchEncoding(context, XML_CHAR_ENCODING_UTF8);
    return context;
}

static inline int qc_html_parse(htmlParserCtxtPtr context) {
    return htmlParseDocument(context);
}

/// Ends a parse from within a callback: libxml2 reports nothing more.
static inline void qc_html_stop(htmlParserCtxtPtr context) {
    xmlStopParser(context);
}

static inline void qc_html_free(htmlParserCtxtPtr context) {
    if (context->myDoc != NULL) xmlFreeDoc(context->myDoc);
    htmlFreeParserCtxt(context);
}

/// Bytes of the UTF-8 buffer consumed so far: where the parser stands.
static inline long qc_html_position(htmlParserCtxtPtr context) {
    return xmlByteConsumed(context);
}

/// Whether the running libxml2 is a 2.9 release, whose `htmlParseScript` ``qc_html_skip_raw_text``
/// is written against (checked at run time: the library, not the headers, parses).
static inline int qc_html_raw_text_skippable(void) {
    const char *version = xmlParserVersion;
    return version != NULL && strncmp(version, "209", 3) == 0 && strlen(version) == 5;
}

/// Where `htmlParseScript` ends a body read from `from`: the first `</` followed by the
/// element's name in any case (a prefix of a longer name will do, as in libxml2), or NULL.
static inline const xmlChar *qc_html_raw_text_end(const xmlChar *from, const xmlChar *end, const xmlChar *name) {
    size_t nameLength = strlen((const char *)name);
    const xmlChar *probe = from;
    while (probe < end) {
        probe = memchr(probe, '<', (size_t)(end - probe));
        if (probe == NULL) return NULL;
        if ((size_t)(end - probe) >= nameLength + 2 && probe[1] == '/') {
            size_t index = 0;
            while (index < nameLength && (probe[2 + index] | ((probe[2 + index] >= 'A' && probe[2 + index] <= 'Z') ? 0x20 : 0)) == name[index])
                index++;
            if (index == nameLength) return probe;
        }
        probe++;
    }
    return NULL;
}

/// Whether libxml2 stands in a `<script>` or `<style>` element it reads as raw text.
static inline int qc_html_in_raw_text(htmlParserCtxtPtr context) {
    xmlParserInputPtr input = context->input;
    const xmlChar *name = context->name;
    return input != NULL && name != NULL && input->cur != NULL && input->end != NULL && context->recovery
        && context->instate != XML_PARSER_EOF && context->token == 0 && input->cur < input->end
        && (xmlStrEqual(name, BAD_CAST "script") || xmlStrEqual(name, BAD_CAST "style"));
}

/// Moves libxml2 2.9's parser over the rest of a `<script>` or `<style>` body at once, from
/// within the `cdataBlock` callback that hands over its first 1000 bytes (`chunkLength`, what
/// the callback was given: the last, shorter chunk comes once the parser stands on the end
/// tag, and nothing is left to skip then). Returns the byte offset where the body ends (where
/// `htmlParseScript` would have stopped), or -1 when nothing was skipped.
///
/// `htmlParseScript` reads a body one character at a time (a function call, a copy and a
/// bounds check each) only to hand it over in 1000-byte chunks, which the loader ignores: on
/// news pages scripts are two fifths of the bytes. After the callback it steps over the
/// character it just copied (`NEXTL(l)`, with `l` read before the call) and reads the next:
/// placing the cursor `l` bytes before the end makes that next character the `<` of the end
/// tag, so the loop ends there with an empty buffer, exactly as it would have reached it.
/// Line and column numbers are not kept up (nothing here reads them).
static inline long qc_html_skip_raw_text(htmlParserCtxtPtr context, int chunkLength) {
    // htmlParseScript hands a chunk over inside its loop once it holds 1000 bytes or more.
    if (chunkLength < 1000 || !qc_html_in_raw_text(context)) return -1;
    xmlParserInputPtr input = context->input;
    const xmlChar *current = input->cur;
    // The length libxml2 gave the character it just copied (the buffer is well-formed UTF-8).
    xmlChar lead = *current;
    long length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (input->end - current < length) return -1;
    const xmlChar *bodyEnd = qc_html_raw_text_end(current + length, input->end, context->name);
    if (bodyEnd == NULL) return -1;
    input->cur = bodyEnd - length;
    return (long)(input->consumed + (unsigned long)(bodyEnd - input->base));
}

/// Moves libxml2 2.9's parser over a whole `<script>` or `<style>` body from within the
/// `startElement` callback of its start tag, before `htmlParseScript` reads any of it (bodies
/// under 1000 bytes hand over no chunk for ``qc_html_skip_raw_text`` to act in). Returns the
/// byte offset where the body ends, or -1 when nothing was skipped.
///
/// libxml2 reports the start tag standing on its `>`, and next steps over that `>` (NEXT), so
/// the body's last byte, in libxml2's own copy of the page, is made a `>` and the parser put
/// on it: it steps onto the end tag and reads on from there as `htmlParseScript` would have
/// left it. A body opening with `<` is left alone (libxml2 may read an end tag or a start tag
/// there first), and so is `/>`.
static inline long qc_html_skip_raw_text_at_start(htmlParserCtxtPtr context) {
    if (!qc_html_in_raw_text(context)) return -1;
    xmlParserInputPtr input = context->input;
    xmlChar *current = (xmlChar *)input->cur;
    if (input->end - current < 2 || current[0] != '>' || current[1] == '<') return -1;
    const xmlChar *bodyEnd = qc_html_raw_text_end(current + 1, input->end, context->name);
    if (bodyEnd == NULL || bodyEnd - current < 2) return -1;
    *(xmlChar *)(bodyEnd - 1) = '>';
    input->cur = bodyEnd - 1;
    return (long)(input->consumed + (unsigned long)(bodyEnd - input->base));
}

/// The Unicode value of a named HTML 4 entity, or 0 when libxml2 does not know the name.
static inline unsigned int qc_html_entity(const char *name) {
    const htmlEntityDesc *entity = htmlEntityLookup((const xmlChar *)name);
    return entity == NULL ? 0 : entity->value;
}

#endif
