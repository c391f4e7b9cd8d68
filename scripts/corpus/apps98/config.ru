# Round 98: the Plover orders API (Sinatra 3 on Puma 5.6, behind HAProxy).
# A Rack middleware outside Sinatra raises on /api/boom, so Puma writes its
# own 500; Sinatra's own errors stay Sinatra's.
require "sinatra/base"
require "json"

class Plover < Sinatra::Base
  set :show_exceptions, false
  set :raise_errors, false
  before { content_type :json }
  get("/api/orders/:id") do
    halt 404, { error: "not_found", message: "order #{params[:id]} does not exist" }.to_json unless params[:id] == "1"
    { id: 1, ref: "PL-1001", total: "4.10" }.to_json
  end
  post("/api/orders") do
    body = (JSON.parse(request.body.read) rescue {})
    halt 422, { error: "validation_failed", fields: { ref: "required" } }.to_json unless body["ref"]
    status 201; { id: 2, ref: body["ref"] }.to_json
  end
  get("/api/account") do
    halt 401, { error: "unauthorized" }.to_json unless request.env["HTTP_AUTHORIZATION"]
    { user: "ops" }.to_json
  end
  get("/api/limited") { headers "Retry-After" => "15"; halt 429, { error: "rate_limited" }.to_json }
  get("/api/fail") { raise KeyError, "ledger" }
  error(KeyError) { status 500; { error: "internal" }.to_json }
  get("/api/old-orders/1") { redirect "/api/orders/1", 301 }
  get("/api/slow") { sleep((params[:s] || "5").to_f); { slept: params[:s] }.to_json }
  get("/api/echo") { { path_len: request.fullpath.length }.to_json }
end

class Boom
  def initialize(app) = @app = app
  def call(env)
    raise "boom before any response" if env["PATH_INFO"] == "/api/boom"
    @app.call(env)
  end
end

use Boom
run Plover
