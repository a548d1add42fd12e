#ifndef EZ360_CQRENCODE_SHIM_H
#define EZ360_CQRENCODE_SHIM_H
// libqrencode from Debian's libqrencode-dev (runtime: libqrencode4). Only QRcode_encodeString
// and QRcode_free are used: the 2FA enrolment page draws the otpauth:// URI as an SVG.
#include <qrencode.h>
#endif
