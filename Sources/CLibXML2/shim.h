#ifndef QUOTECHECK_CLIBXML2_SHIM_H
#define QUOTECHECK_CLIBXML2_SHIM_H

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlmemory.h>
#include <libxml/parserInternals.h>

// xmlFree is a global function pointer, which Swift 6 refuses to call
// (global mutable state); this wrapper is a plain function.
static inline void qc_xmlFree(void *pointer) {
    xmlFree(pointer);
}

#endif
