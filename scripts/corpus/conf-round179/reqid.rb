# Round 179: nghttpx's request id (mruby). A fresh hex id per request, sent
# up as X-Request-ID and put on the backend's answer.
class App
  def on_req(env)
    id = "ngx-" + rand(0x7fffffff).to_s(16) + rand(0x7fffffff).to_s(16)
    env.req.set_header "x-request-id", id
    env.ctx[:rid] = id
  end

  def on_resp(env)
    env.resp.set_header "x-request-id", env.ctx[:rid] if env.ctx[:rid]
  end
end

App.new
