# Round-39 corpus: a bookings API on Sinatra under Puma in production, behind
# HAProxy. It echoes the X-Request-ID HAProxy sends (or makes one). Its own
# JSON errors, Sinatra's default 404 ("<h1>Not Found</h1>") and 500 pages.
# `puma -e production -b tcp://127.0.0.1:PORT sinatra_app.ru`
require "sinatra/base"
require "json"
require "securerandom"

class Bookings < Sinatra::Base
  set :environment, :production
  set :show_exceptions, false
  set :raise_errors, false
  set :protection, except: [:json_csrf]

  before do
    @rid = request.env["HTTP_X_REQUEST_ID"] || SecureRandom.uuid
    headers "X-Request-Id" => @rid
  end

  def fail(status, code, message)
    halt status, { "Content-Type" => "application/json" }, JSON.generate(error: { code: code, message: message, request_id: @rid })
  end

  get("/api/health") { content_type :json; '{"status":"ok"}' }
  get "/api/bookings/:id" do
    fail(404, "booking_not_found", "Booking #{params[:id]} does not exist") unless params[:id] == "BK-1"
    content_type :json
    JSON.generate(id: "BK-1", room: 12, nights: 3)
  end
  post "/api/bookings" do
    body = JSON.parse(request.body.read) rescue fail(400, "invalid_json", "Request body is not valid JSON")
    fail(422, "invalid_dates", "check_out must be after check_in") unless body["nights"].to_i > 0
    status 201; content_type :json; JSON.generate(id: "BK-2")
  end
  delete("/api/bookings/:id") { fail(409, "already_checked_in", "Booking #{params[:id]} is checked in and cannot be cancelled") }
  get("/api/admin/rates") { headers "WWW-Authenticate" => 'Bearer realm="bookings"'; fail(401, "unauthorized", "Authentication required") }
  get("/api/staff") { fail(403, "forbidden", "Your role cannot list staff") }
  get("/api/boom") { nil.nights }
  get("/api/maintenance") { headers "Retry-After" => "300"; fail(503, "maintenance", "Bookings are read-only during the migration") }
  get("/api/channel-manager") { sleep 1; fail(504, "upstream_timeout", "The channel manager did not answer within 1s") }
  get("/api/slow") { sleep 5; content_type :json; '{"status":"late"}' }
  get("/bookings") { redirect "/api/bookings/BK-1", 301 }
end

run Bookings
