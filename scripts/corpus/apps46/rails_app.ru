# Rails 6.1 (Debian's ruby-rails) for the round-46 corpus
# (capture-round46.sh): a one-file API-only app (ActionController::API).
#   RAILS_ENV=production puma -e production -b tcp://127.0.0.1:PORT rails_app.ru
#   RAILS_ENV=development rackup -E none -s webrick -o 127.0.0.1 -p PORT rails_app.ru
# In production, errors go through ActionDispatch::PublicExceptions
# ({"status":NNN,"error":"..."} for a JSON request, public/NNN.html or an
# empty body otherwise; no public/ files here, as in many API-only apps). In
# development, DebugExceptions answers: JSON with the trace for an API
# request, the HTML debug page when the client asks for HTML.
#   GET  /api/health                200
#   GET  /api/orders/:id            200 for 1, the app's JSON 404 otherwise
#   POST /api/orders                201 + Location, 422 (ActiveModel-style errors),
#                                   400 from Rails for a body that is not JSON
#   POST /api/orders/:id/cancel     409
#   GET  /api/admin/reports         401 without a token, 403 with the user token
#   GET  /api/search                the app's own 429 (Retry-After)
#   GET  /api/boom                  NoMethodError (a real bug)
#   GET  /api/maintenance           503
#   GET  /api/slow                  sleeps 5 s
#   POST /api/uploads               202
require "action_controller/railtie"

class OrdersApi < Rails::Application
  config.root = __dir__
  config.api_only = true
  config.eager_load = false
  config.cache_classes = true
  config.consider_all_requests_local = Rails.env.development?
  config.secret_key_base = "corpus-round46-not-a-secret" * 3
  config.hosts.clear
  config.logger = Logger.new($stderr)
  config.log_level = :warn
  config.public_file_server.enabled = false
  config.paths["public"] = File.join(__dir__, "no-public")
end

class OrdersController < ActionController::API
  def health = render(json: { status: "ok" })

  def show
    if params[:id] == "1"
      render json: { id: 1, sku: "A-1", qty: 2, status: "open" }
    else
      render json: { error: "not_found", message: "Couldn't find Order with 'id'=#{params[:id]}" }, status: :not_found
    end
  end

  def create
    qty = params[:qty].to_i
    errors = {}
    errors[:sku] = ["can't be blank"] if params[:sku].blank?
    errors[:qty] = ["must be greater than 0"] unless qty.positive?
    return render(json: { errors: errors }, status: :unprocessable_entity) if errors.any?

    response.headers["Location"] = "/api/orders/1043"
    render json: { id: 1043, sku: params[:sku], qty: qty, status: "open" }, status: :created
  end

  def cancel
    render json: { error: "conflict", message: "Order #{params[:id]} has already shipped and cannot be cancelled" }, status: :conflict
  end

  def reports
    auth = request.headers["Authorization"].to_s
    if auth.empty?
      response.headers["WWW-Authenticate"] = 'Bearer realm="orders"'
      render json: { error: "unauthorized", message: "Missing bearer token" }, status: :unauthorized
    else
      render json: { error: "forbidden", message: "Token lacks the reports:read scope" }, status: :forbidden
    end
  end

  def search
    response.headers["Retry-After"] = "30"
    render json: { error: "rate_limited", message: "Too many searches, retry in 30 seconds" }, status: :too_many_requests
  end

  def boom
    order = nil
    render json: { total: order.total }
  end

  def maintenance
    response.headers["Retry-After"] = "120"
    render json: { error: "maintenance", message: "Orders are read-only during the database migration" }, status: :service_unavailable
  end

  def slow
    sleep 5
    render json: { status: "late" }
  end

  def upload = render(json: { accepted: true }, status: :accepted)
end

OrdersApi.initialize!
OrdersApi.routes.draw do
  get "/api/health", to: "orders#health"
  get "/api/orders/:id", to: "orders#show"
  post "/api/orders", to: "orders#create"
  post "/api/orders/:id/cancel", to: "orders#cancel"
  get "/api/admin/reports", to: "orders#reports"
  get "/api/search", to: "orders#search"
  get "/api/boom", to: "orders#boom"
  get "/api/maintenance", to: "orders#maintenance"
  get "/api/slow", to: "orders#slow"
  post "/api/uploads", to: "orders#upload"
end

run OrdersApi
