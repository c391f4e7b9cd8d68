-- Lua for the round-10 HAProxy edge: an API-key check and a per-client
-- quota that answer by themselves.
local counts = {}

core.register_service("apikey", "http", function(applet)
    local given = applet.headers["x-api-key"]
    local id = applet.f:unique_id()
    if given == nil then
        local body = string.format('{"error":"missing_api_key","message":"send X-Api-Key","request_id":"%s"}\n', id)
        applet:set_status(401)
        applet:add_header("content-type", "application/json")
        applet:add_header("www-authenticate", 'ApiKey realm="orders-edge"')
        applet:add_header("content-length", tostring(#body))
        applet:start_response()
        applet:send(body)
    else
        local body = "Forbidden: the API key is not valid for this service.\n"
        applet:set_status(403)
        applet:add_header("content-type", "text/plain")
        applet:add_header("content-length", tostring(#body))
        applet:start_response()
        applet:send(body)
    end
end)

core.register_action("quota", { "http-req" }, function(txn)
    local hdrs = txn.http:req_get_headers()
    local client = hdrs["x-client"] and hdrs["x-client"][0] or "anonymous"
    local now = os.time()
    local slot = counts[client]
    if slot == nil or now - slot.start >= 60 then
        slot = { start = now, n = 0 }
        counts[client] = slot
    end
    slot.n = slot.n + 1
    if slot.n > 2 then txn:set_var("txn.over_quota", 1) end
end)

core.register_service("quota_exceeded", "http", function(applet)
    local body = "429 Too Many Requests: quota of 2 requests per minute exceeded for this client\n"
    applet:set_status(429, "Too Many Requests")
    applet:add_header("content-type", "text/plain")
    applet:add_header("retry-after", "60")
    applet:add_header("content-length", tostring(#body))
    applet:start_response()
    applet:send(body)
end)
