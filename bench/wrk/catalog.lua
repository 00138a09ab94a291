-- GET /v1/catalog?q=<a two-character Chinese word>, cycling over common words.
package.path = package.path .. ";" .. (os.getenv("BENCH_DIR") or ".") .. "/wrk/?.lua"
local common = require("common")
-- 运维 国产 信创 网络 监控 (percent-encoded UTF-8)
local words = {"%E8%BF%90%E7%BB%B4", "%E5%9B%BD%E4%BA%A7", "%E4%BF%A1%E5%88%9B", "%E7%BD%91%E7%BB%9C",
               "%E7%9B%91%E6%8E%A7"}
local token, i
function init(args)
  token = common.reader_token(args[1])
  i = math.random(#words)
end
function request()
  i = i % #words + 1
  return wrk.format("GET", "/v1/catalog?q=" .. words[i], {["Authorization"] = "Bearer " .. token})
end
