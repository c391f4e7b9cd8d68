# Round-103 corpus: the Ashby tickets API on Sinatra 3 (Debian's
# ruby-sinatra), production, under Unicorn. Sinatra's own pages
# ("<h1>Not Found</h1>", "<h1>Internal Server Error</h1>"), the handlers'
# own JSON errors {"error","message"}, `redirect` (302) and a 301, a
# handler that sleeps 5 s, one that hijacks and closes the connection.
require "sinatra/base"
require "json"

class Ashby < Sinatra::Base
  set :environment, :production
  set :show_exceptions, false
  set :raise_errors, false
  set :dump_errors, false
  set :host_authorization, { permitted_hosts: [] } if respond_to?(:host_authorization)

  def fail(status, code, message, headers = {})
    halt status, { "Content-Type" => "application/json" }.merge(headers), JSON.generate(error: code, message: message)
  end

  get "/api/tickets/:id" do
    fail(404, "not_found", "no ticket #{params[:id]}") unless params[:id] == "1"
    cache_control :public, max_age: 60
    content_type :json
    JSON.generate(id: 1, subject: "VPN drops every hour", state: "open")
  end

  post "/api/tickets" do
    raw = request.body.read
    fail(413, "payload_too_large", "tickets are limited to 1 KB") if raw.bytesize > 1024
    data = begin
      JSON.parse(raw)
    rescue JSON::ParserError
      fail(400, "bad_request", "the body is not valid JSON")
    end
    fail(422, "validation_failed", "subject can't be blank") if data["subject"].to_s.empty?
    fail(409, "conflict", "a ticket with this subject is already open") if data["subject"] == "VPN drops every hour"
    status 201
    content_type :json
    JSON.generate(id: 2, subject: data["subject"])
  end

  get "/api/me" do
    fail(401, "unauthorized", "sign in first", "WWW-Authenticate" => 'Bearer realm="ashby"')
  end

  get "/api/admin" do
    fail(403, "forbidden", "agents only")
  end

  get "/api/exports" do
    fail(429, "rate_limited", "one export per minute", "Retry-After" => "60")
  end

  get "/api/maintenance" do
    fail(503, "maintenance", "the helpdesk is moving to a new database", "Retry-After" => "900")
  end

  get "/api/tickets/:id/history" do
    raise NoMethodError, "undefined method `events' for nil"
  end

  get "/tickets/:id" do
    redirect to("/api/tickets/#{params[:id]}")
  end

  get "/help" do
    redirect "/api/docs", 301
  end

  get "/api/slow" do
    sleep 5
    "late"
  end

  get "/api/reset" do
    if env["rack.hijack"]
      env["rack.hijack"].call
      env["rack.hijack_io"].close
    end
    [200, {}, []]
  end

  get "/healthz" do
    "ok"
  end
end
