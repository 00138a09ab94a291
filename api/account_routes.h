// JSON of accounts, and responses that carry a secret; shared by the route files that issue one.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/http.h"
#include "registry/store.h"

namespace api {

// {"id","name","role","vendor_id","login","status","must_change_password","created_at",
//  "last_seen_at","version"}: never a token, a hash or a password.
nlohmann::json AccountJson(const registry::Account& a);

// A JSON response whose `secret_fields` (top-level) hold a secret shown this once: it is marked
// Cache-Control: no-store, and its replay_body (what an Idempotency-Key replay sends) has those
// fields as null.
HttpResponse SecretJson(int status, const nlohmann::json& body, const std::vector<std::string>& secret_fields);

}  // namespace api
