-- mod_magnet for the round-10 lighttpd edge (lighttpd.conf).
local r = lighty.r
local path = r.req_attr["uri.path"] or ""

local function answer(status, body)
    r.resp_header["Content-Type"] = "application/json"
    r.resp_body:set({ body, "\n" })
    return status
end

if path:find("^/secure/") then
    local key = r.req_header["X-Api-Key"]
    if key == nil then
        r.resp_header["WWW-Authenticate"] = 'ApiKey realm="orders-edge"'
        return answer(401, '{"error":{"code":"unauthenticated","message":"missing X-Api-Key"}}')
    elseif key ~= "k-live-10" then
        return answer(403, '{"error":{"code":"forbidden","message":"API key revoked or unknown"}}')
    end
elseif path:find("^/maint/") then
    r.resp_header["Retry-After"] = "600"
    return answer(503, '{"error":{"code":"maintenance","message":"scheduled maintenance, back at 10:00 UTC"}}')
elseif path:find("^/export/eu/") then
    return answer(451, '{"error":{"code":"unavailable_for_legal_reasons","message":"exports to this region are blocked"}}')
end
return 0
