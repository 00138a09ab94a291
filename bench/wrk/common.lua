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
return M
