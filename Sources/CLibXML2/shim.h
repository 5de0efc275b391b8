#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU; its headers would then pull in the system ICU headers, which
// clash with the ICU copy inside swift-corelibs-foundation. Nothing here touches the ICU parts.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>

// xmlFree is a global function pointer, which Swift 6 refuses to touch from concurrent code.
static inline void pf_xml_free(void *p) { xmlFree(p); }
