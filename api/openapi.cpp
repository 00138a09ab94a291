#include "api/api.h"

namespace api {

// Generated from schema/openapi.json by cmake/Embed.cmake.
const std::vector<std::pair<std::string, std::string>>& OpenApiFiles();

const std::string& OpenApiDocument() { return OpenApiFiles().at(0).second; }

}  // namespace api
