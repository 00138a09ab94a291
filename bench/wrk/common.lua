-- Shared by the bench scripts: reads DATA_DIR/vendors ("ID TOKEN" lines) and DATA_DIR/accounts.
local M = {}
function M.lines(path)
  local out = {}
  for line in io.lines(path) do
    local a, b = line:match("^(%S+)%s+(%S+)$")
    if a then out[#out + 1] = {a, b} end
  end
  return out
end
function M.reader_token(dir)
  for _, kv in ipairs(M.lines(dir .. "/accounts")) do
    if kv[1] == "reader" then return kv[2] end
  end
end
-- A GET script spread over all vendors: path_of(vendor_id) gives the request path.
function M.vendor_get(path_of)
  local vendors, token, i
  return function(args)
    local dir = args[1]
    vendors = M.lines(dir .. "/vendors")
    token = M.reader_token(dir)
    i = math.random(#vendors)
  end, function()
    i = i % #vendors + 1
    return wrk.format("GET", path_of(vendors[i][1]), {["Authorization"] = "Bearer " .. token})
  end
end
return M
