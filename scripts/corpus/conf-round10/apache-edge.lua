-- mod_lua for the round-10 Apache edge (apache.conf, port 28060).
require "apache2"

local seen = {}

function check_key(r)
    local key = r.headers_in["X-Api-Key"]
    if key == nil then
        r.subprocess_env["EDGE_REASON"] = "missing"
        r.err_headers_out["WWW-Authenticate"] = 'ApiKey realm="orders-edge"'
        return 401
    end
    if key ~= "k-live-10" then
        r.subprocess_env["EDGE_REASON"] = "invalid"
        return 403
    end
    return apache2.DECLINED
end

function denied(r)
    -- an ErrorDocument's internal redirect: the refusal's facts come as REDIRECT_*
    local status = tonumber(r.subprocess_env["REDIRECT_STATUS"] or "") or r.status
    local reason = r.subprocess_env["REDIRECT_EDGE_REASON"] or "unknown"
    local trace = r.subprocess_env["REDIRECT_UNIQUE_ID"] or r.subprocess_env["UNIQUE_ID"] or ""
    r.content_type = "application/json"
    r:puts(string.format('{"status":%d,"error":"api_key_%s","trace_id":"%s"}\n', status, reason, trace))
    return apache2.OK
end

function maintenance(r)
    r.status = 503
    r.content_type = "application/json"
    r.err_headers_out["Retry-After"] = "900"
    r:puts('{"error":"maintenance","message":"the orders service is being upgraded","until":"2026-11-02T10:00:00Z"}\n')
    return apache2.OK
end

function quota(r)
    local client = r.headers_in["X-Client"] or r.useragent_ip
    seen[client] = (seen[client] or 0) + 1
    if seen[client] > 2 then
        r.err_headers_out["Retry-After"] = "60"
        return 429
    end
    return apache2.DECLINED
end
