-- round-51 corpus: a request id for lighttpd (mod_magnet): keep the
-- client's X-Request-Id or make one and pass it up (the app sends it back).
local r = lighty.r
local id = r.req_header["X-Request-Id"]
if id == nil or id == "" then
    id = string.format("%08x%08x%08x%08x", math.random(0, 0x7fffffff), math.random(0, 0x7fffffff),
                       math.random(0, 0x7fffffff), os.time())
    r.req_header["X-Request-Id"] = id
end
return 0
