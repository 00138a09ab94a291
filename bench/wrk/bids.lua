-- POST /v1/tenders/{tender}/bids, each request as another vendor (one live bid each, replaced).
package.path = package.path .. ";" .. (os.getenv("BENCH_DIR") or ".") .. "/wrk/?.lua"
local common = require("common")
local vendors, tender, i
function init(args)
  local dir = args[1]
  vendors = common.lines(dir .. "/vendors")
  tender = io.open(dir .. "/tender"):read("*l")
  i = math.random(#vendors)
end
function request()
  i = i % #vendors + 1
  local body = string.format('{"price":"%d.00","domestic":%s}', 500000 + math.random(400000),
                             math.random(2) == 1 and "true" or "false")
  return wrk.format("POST", "/v1/tenders/" .. tender .. "/bids",
                    {["Authorization"] = "Bearer " .. vendors[i][2], ["Content-Type"] = "application/json"}, body)
end
