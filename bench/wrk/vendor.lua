-- GET /v1/vendors/{id}, spread over all vendors.
package.path = package.path .. ";" .. (os.getenv("BENCH_DIR") or ".") .. "/wrk/?.lua"
init, request = require("common").vendor_get(function(id) return "/v1/vendors/" .. id end)
