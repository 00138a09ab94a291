-- GET /v1/vendors/{id}/market-access?category=SYSTEM_INTEGRATION, spread over all vendors.
package.path = package.path .. ";" .. (os.getenv("BENCH_DIR") or ".") .. "/wrk/?.lua"
local common = require("common")
local vendors, token, i
function init(args)
  local dir = args[1]
  vendors = common.lines(dir .. "/vendors")
  token = common.reader_token(dir)
  i = math.random(#vendors)
end
function request()
  i = i % #vendors + 1
  return wrk.format("GET", "/v1/vendors/" .. vendors[i][1] .. "/market-access?category=SYSTEM_INTEGRATION",
                    {["Authorization"] = "Bearer " .. token})
end
