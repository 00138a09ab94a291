// One sentence in Chinese for an audit entry (the console issue's `summary`), from its action,
// its actor's name and what its details name. Never more than the entry itself shows: a
// redacted entry's sentence names nobody.
#pragma once

#include "registry/audit.h"

namespace api {

std::string AuditSummary(const registry::AuditEntry& e);

}  // namespace api
