-- GET /v1/catalog?q=<word>&max_price=<a different large amount each time>: the same search as
-- catalog.lua, but every request is a distinct query, so the rendered-page cache never answers
-- it (the price bound is above every item's price and filters nothing). Measures the search itself.
package.path = package.path .. ";" .. (os.getenv("BENCH_DIR") or ".") .. "/wrk/?.lua"
local common = require("common")
local words = {"%E8%BF%90%E7%BB%B4", "%E5%9B%BD%E4%BA%A7", "%E4%BF%A1%E5%88%9B", "%E7%BD%91%E7%BB%9C",
               "%E7%9B%91%E6%8E%A7"}
local token, i, n
function init(args)
  token = common.reader_token(args[1])
  i = math.random(#words)
  n = math.random(1000000)
end
function request()
  i = i % #words + 1
  n = n + 1
  return wrk.format("GET", "/v1/catalog?q=" .. words[i] .. "&max_price=" .. (90000000 + n) .. ".00",
                    {["Authorization"] = "Bearer " .. token})
end
