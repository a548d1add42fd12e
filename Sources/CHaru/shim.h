#ifndef EZ360_CHARU_SHIM_H
#define EZ360_CHARU_SHIM_H
// libharu 2.3 from Debian's libhpdf-dev (runtime: libhpdf-2.3.0) draws the invoice,
// estimate and credit-note PDFs. zlib (zlib1g-dev) is libharu's own compressor; the
// Documents target also uses its uncompress and crc32 to decode logo PNGs itself, because
// libharu's PNG loader lets libpng abort the process on a corrupt image.
#include <hpdf.h>
#include <zlib.h>
#endif
