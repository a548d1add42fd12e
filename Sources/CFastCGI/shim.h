#ifndef EZ360_CFASTCGI_SHIM_H
#define EZ360_CFASTCGI_SHIM_H
// libfcgi from Debian's libfcgi-dev. Only the reentrant FCGX_* API is used: it is the
// thread-safe one that lets each worker thread own its request.
#include <fcgiapp.h>
#endif
