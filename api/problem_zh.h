// Problem documents in Chinese (the console issue's "Language"): with Accept-Language preferring
// zh (zh-CN, zh;q=0.9, ...), a problem's title, detail and errors[].message are Chinese. The
// English detail and messages stay beside them as detail_en and errors[].message_en (extension
// members), so nothing a support desk needs is lost. Every answer that may be localised carries
// Vary: Accept-Language.
#pragma once

#include <string>

#include "api/http.h"

namespace api {

// Whether the request's Accept-Language ranks a Chinese tag highest.
bool PrefersChinese(const HttpRequest& req);
// The Chinese message of a field error (as problem documents carry it): "field：message".
std::string FieldMessageZh(const std::string& field, const std::string& code);
// Rewrites a problem+json response in Chinese when the request prefers it; anything else as is.
void LocalizeProblem(const HttpRequest& req, HttpResponse* resp);

}  // namespace api
