# Round-92 corpus: an API-only Rails 6.1 app (Debian's ruby-rails,
# `config.api_only = true`, ActionController::API) in production under Puma:
# the Quince orders API, routes after ../apps72/rails_app.ru. RAILS_PUBLIC=DIR
# holds the 404.html, 422.html and 500.html `rails new` makes; in production
# Rails' PublicExceptions answers an error it raised itself with those pages,
# or with its JSON {"status":404,"error":"Not Found"} when the request asks
# for JSON. The handlers' own errors are JSON. /api/feed is cacheable.
#   RAILS_PUBLIC=DIR puma -e production -b tcp://127.0.0.1:PORT rails_api.ru
require "action_controller/railtie"

class Quince < Rails::Application
  config.root = ENV.fetch("RAILS_PUBLIC") + "/.."
  config.paths["public"] = ENV.fetch("RAILS_PUBLIC")
  config.api_only = true
  config.eager_load = false
  config.consider_all_requests_local = false
  config.secret_key_base = "corpus-round92-not-a-secret" * 3
  config.hosts.clear
  config.logger = Logger.new($stderr)
  config.log_level = :warn
  config.public_file_server.enabled = false
end

class OrdersController < ActionController::API
  def show
    return render(json: { error: "not_found", message: "Couldn't find Order with 'id'=#{params[:id]}" }, status: :not_found) unless params[:id] == "1"
    render json: { id: 1, ref: "QN-1001", status: "shipped", total: "48.00" }
  end

  def create
    order = params.require(:order).permit(:sku, :qty)
    errors = {}
    errors[:sku] = ["can't be blank"] if order[:sku].blank?
    errors[:qty] = ["must be greater than 0"] unless order[:qty].to_i > 0
    return render(json: { errors: errors }, status: :unprocessable_entity) unless errors.empty?
    render json: { id: 2, sku: order[:sku] }, status: :created, location: "/api/orders/2"
  end

  def boom
    Shipment.where(order_id: params[:id]).to_a  # NameError: Rails' 500
  end

  def maintenance
    response.headers["Retry-After"] = "600"
    render json: { error: "maintenance", message: "Orders are read-only during the migration" }, status: :service_unavailable
  end

  def feed
    expires_in 60.seconds, public: true
    fresh_when etag: "feed-v3", public: true
    render json: { orders: [{ id: 1, ref: "QN-1001" }] } unless performed?
  end

  def payments
    render json: { error: "bad_gateway", message: "The payment provider sent back a reply we could not read. Nothing was charged." }, status: :bad_gateway
  end

  def account
    response.headers["WWW-Authenticate"] = 'Token realm="Application"'
    render json: { error: "unauthorized", message: "HTTP Token: Access denied." }, status: :unauthorized
  end

  def slow
    sleep 6
    render json: { status: "late" }
  end

  def health
    render plain: "ok"
  end
end

Quince.initialize!
Quince.routes.draw do
  get "/api/orders/:id", to: "orders#show"
  post "/api/orders", to: "orders#create"
  get "/api/orders/:id/shipments", to: "orders#boom"
  get "/api/maintenance", to: "orders#maintenance"
  get "/api/feed", to: "orders#feed"
  get "/api/payments", to: "orders#payments"
  get "/api/account", to: "orders#account"
  get "/api/slow", to: "orders#slow"
  get "/healthz", to: "orders#health"
end

run Quince
