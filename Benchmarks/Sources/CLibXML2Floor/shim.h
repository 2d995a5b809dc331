#ifndef QUOTECHECK_BENCH_CLIBXML2_SHIM_H
#define QUOTECHECK_BENCH_CLIBXML2_SHIM_H

// Read the headers as the root package's CLibXML2 does (without the ICU fields), so the two
// modules agree on every libxml2 struct when one Swift file sees both.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#endif
