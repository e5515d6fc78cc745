// zlib for Headroom: streaming inflate of gzip traffic files. `inflateInit2` is a macro, so it is
// wrapped here in a function Swift can call.
#ifndef HEADROOM_CZLIB_SHIM_H
#define HEADROOM_CZLIB_SHIM_H

#include <zlib.h>

/// Starts inflating a gzip stream (window 15 bits, +16: gzip header and trailer required).
static inline int headroom_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 15 + 16);
}

#endif
