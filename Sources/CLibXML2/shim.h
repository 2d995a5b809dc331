#ifndef QUOTECHECK_CLIBXML2_SHIM_H
#define QUOTECHECK_CLIBXML2_SHIM_H

#include <stdlib.h>
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

/// Where libxml2 reads the caller's buffer from, a few KiB at a time.
typedef struct {
    const char *base;
    size_t size;
    size_t offset;
} qc_buffer_reader;

static int qc_buffer_read(void *context, char *buffer, int length) {
    qc_buffer_reader *reader = (qc_buffer_reader *)context;
    size_t left = reader->size - reader->offset;
    size_t count = length < 0 ? 0 : ((size_t)length < left ? (size_t)length : left);
    memcpy(buffer, reader->base + reader->offset, count);
    reader->offset += count;
    return (int)count;
}

static int qc_buffer_close(void *context) {
    free(context);
    return 0;
}

/// A pull HTML parser over a UTF-8 buffer the caller has already decoded, and keeps alive
/// until the parser is freed.
///
/// libxml2 reads the buffer through an input callback rather than from memory:
/// `htmlCreateMemoryParserCtxt` copies the whole page into a buffer of its own (as large as
/// the page, issue #18), while a callback input is read a few KiB ahead of the parser and
/// shrunk behind it. The parse itself is the same pull parse (`htmlParseDocument`).
///
/// The encoding is forced to UTF-8 and `<meta charset>` is ignored
/// (HTML_PARSE_IGNORE_ENC): the loader decides the encoding itself, because
/// libxml2 2.9 guesses wrong on real pages (see notes/libxml2.md).
static inline htmlParserCtxtPtr qc_html_create(const char *buffer, int size, void *user, qc_html_callbacks callbacks) {
    if (buffer == NULL || size <= 0) return NULL;
    htmlParserCtxtPtr context = htmlNewParserCtxt();
    if (context == NULL) return NULL;
    if (context->sax == NULL) {
        htmlFreeParserCtxt(context);
        return NULL;
    }
    qc_buffer_reader *reader = (qc_buffer_reader *)malloc(sizeof(qc_buffer_reader));
    if (reader == NULL) {
        htmlFreeParserCtxt(context);
        return NULL;
    }
    reader->base = buffer;
    reader->size = (size_t)size;
    reader->offset = 0;
    // The input buffer owns the reader from here on: it frees it through qc_buffer_close.
    xmlParserInputBufferPtr input = xmlParserInputBufferCreateIO(qc_buffer_read, qc_buffer_close, reader, XML_CHAR_ENCODING_NONE);
    if (input == NULL) {
        free(reader);
        htmlFreeParserCtxt(context);
        return NULL;
    }
    xmlParserInputPtr stream = xmlNewIOInputStream(context, input, XML_CHAR_ENCODING_NONE);
    if (stream == NULL) {
        xmlFreeParserInputBuffer(input);
        htmlFreeParserCtxt(context);
        return NULL;
    }
    inputPush(context, stream);
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

/// The Unicode value of a named HTML 4 entity, or 0 when libxml2 does not know the name.
static inline unsigned int qc_html_entity(const char *name) {
    const htmlEntityDesc *entity = htmlEntityLookup((const xmlChar *)name);
    return entity == NULL ? 0 : entity->value;
}

#endif
