-- The round-22 gateway's JSON answers, written with lua-cjson.
local cjson = require "cjson.safe"
local _M = {}

function _M.reply(status, detail)
    ngx.status = status
    ngx.header["Content-Type"] = "application/json"
    ngx.say(cjson.encode({ detail = detail }))
    return ngx.exit(status)
end

return _M
