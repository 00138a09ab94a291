-- GET /v1/vendors/{id}/market-access?category=SYSTEM_INTEGRATION, spread over all vendors.
package.path = package.path .. ";" .. (os.getenv("BENCH_DIR") or ".") .. "/wrk/?.lua"
init, request = require("common").vendor_get(function(id)
  return "/v1/vendors/" .. id .. "/market-access?category=SYSTEM_INTEGRATION"
end)
