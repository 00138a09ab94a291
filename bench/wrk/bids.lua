-- POST /v1/tenders/{tender}/bids, each request as another vendor (one live bid each, replaced).
package.path = package.path .. ";" .. (os.getenv("BENCH_DIR") or ".") .. "/wrk/?.lua"
local common = require("common")
local vendors, tender, i
-- Each wrk thread starts at its own offset. math.random is not seeded per thread, so a random
-- start put both threads on the same vendors in lockstep: the same vendor twice at once.
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end
function init(args)
  local dir = args[1]
  vendors = common.lines(dir .. "/vendors")
  tender = io.open(dir .. "/tender"):read("*l")
  i = ((id or 0) * 997) % #vendors
end
function request()
  i = i % #vendors + 1
  local body = string.format('{"price":"%d.00","domestic":%s}', 500000 + math.random(400000),
                             math.random(2) == 1 and "true" or "false")
  return wrk.format("POST", "/v1/tenders/" .. tender .. "/bids",
                    {["Authorization"] = "Bearer " .. vendors[i][2], ["Content-Type"] = "application/json"}, body)
end
