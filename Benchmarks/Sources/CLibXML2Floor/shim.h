#ifndef QUOTECHECK_BENCH_CLIBXML2_SHIM_H
#define QUOTECHECK_BENCH_CLIBXML2_SHIM_H

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#endif
