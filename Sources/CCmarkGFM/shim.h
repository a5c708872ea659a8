// The two public headers of libcmark-gfm; never the internal ones under cmark-gfm/.
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
