// The web console (console/*), embedded in the binary at build time and served under /console/
// with no other server, CDN or network: any /console/... path that is not one of its files is
// the console's page (index.html), which chooses the screen from the address.
#pragma once

#include "api/http.h"

namespace api {

// True for "/" (redirected to the console), "/console" and "/console/...".
bool IsConsolePath(const std::string& path);
// GET only (else 405). A file by its name: its bytes with its content type; anything else: the
// page. Every answer carries a Content-Security-Policy that allows only the console's own files
// and the API (same origin), and refuses framing.
HttpResponse ServeConsole(const HttpRequest& req);

}  // namespace api
