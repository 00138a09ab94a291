-- The baseline server answers any request the same way.
function init(args) end
function request() return wrk.format("GET", "/v1/vendors/x/market-access?category=SYSTEM_INTEGRATION") end
