# Round-27 corpus (round 24's app, adapted): the orders API on Rails (Debian's
# ruby-rails 6.1) in API mode (ActionController::API, config.api_only), run
# by Puma in production behind Caddy. /api/me checks a bearer token by hand
# (401 with error="invalid_token" for one it does not accept). A readiness check that fails
# (/api/health/ready: the database does not answer, the app's JSON 503),
# the endpoint HAProxy's `option httpchk` of one backend polls.
# public/ is empty (an API app ships no error pages), so what Rails
# answers by itself goes through ActionDispatch::PublicExceptions: JSON
# {"status":NNN,"error":"..."} when the request asks for JSON, an empty body
# otherwise. The controller's own errors are JSON, as teams write them.
#   puma -e production rails_api.ru
require "action_controller/railtie"

class OrdersApi < Rails::Application
  config.root = __dir__
  config.paths["public"] = File.join(__dir__, "public")
  config.api_only = true
  config.eager_load = false
  config.consider_all_requests_local = false
  config.secret_key_base = "corpus-round27-not-a-secret" * 3
  config.hosts.clear
  config.logger = Logger.new($stderr)
  config.log_level = :warn
  config.public_file_server.enabled = false
end

class RecordNotFound < StandardError; end

class ApplicationController < ActionController::API
  include ActionController::HttpAuthentication::Token::ControllerMethods
  rescue_from RecordNotFound do |e|
    render json: { error: "not_found", message: e.message }, status: :not_found
  end
end

class OrdersController < ApplicationController
  before_action :authenticate, only: :reports

  def health = render(json: { status: "ok" })

  def me
    token = request.authorization.to_s.delete_prefix("Bearer ")
    return render(json: { id: 42, name: "ops" }) if token == "admin-token"
    response.set_header("WWW-Authenticate", 'Bearer realm="orders", error="invalid_token", error_description="The access token is invalid"')
    render json: { error: "invalid_token", message: "The access token is invalid" }, status: :unauthorized
  end

  def ready
    render json: { status: "unavailable", checks: { database: "timeout after 1000ms", redis: "ok" } },
           status: :service_unavailable
  end

  def show
    raise RecordNotFound, "Couldn't find Order with 'id'=#{params[:id]}" unless params[:id] == "1"
    render json: { id: 1, sku: "A-1", qty: 2 }
  end

  def create
    attrs = params.require(:order).permit(:sku, :qty)  # ParameterMissing: Rails' 400
    if attrs[:qty].to_i <= 0
      return render json: { errors: { qty: ["must be greater than 0"] } }, status: :unprocessable_entity
    end
    render json: { id: 2, sku: attrs[:sku], qty: attrs[:qty].to_i }, status: :created
  end

  def cancel = render(json: { error: "conflict", message: "Order has already shipped" }, status: :conflict)

  def reports
    render json: { error: "forbidden", message: "You are not allowed to read reports" }, status: :forbidden
  end

  def limited
    response.set_header("Retry-After", "60")
    render json: { error: "rate_limited", message: "Too many requests. Retry in 60 seconds." }, status: :too_many_requests
  end

  def boom
    Order.where(state: "open").sum(:total)  # NameError: Rails' own 500
  end

  def maintenance
    response.set_header("Retry-After", "300")
    render json: { error: "maintenance", message: "Orders API is under maintenance" }, status: :service_unavailable
  end

  def receipt = redirect_to("/api/v2/receipts/#{params[:id]}", status: :moved_permanently)

  def slow
    sleep 5
    render json: { status: "late" }
  end

  private

  def authenticate
    authenticate_or_request_with_http_token("orders") { |token, _| token == "admin-token" || token == "user-token" }
  end
end

OrdersApi.initialize!
OrdersApi.routes.draw do
  get "/api/health", to: "orders#health"
  get "/api/health/ready", to: "orders#ready"
  get "/api/me", to: "orders#me"
  get "/api/orders/:id", to: "orders#show"
  post "/api/orders", to: "orders#create"
  post "/api/orders/:id/cancel", to: "orders#cancel"
  get "/api/admin/reports", to: "orders#reports"
  get "/api/limited", to: "orders#limited"
  get "/api/boom", to: "orders#boom"
  get "/api/maintenance", to: "orders#maintenance"
  get "/api/slow", to: "orders#slow"
  get "/api/orders/:id/receipt", to: "orders#receipt"
end

run OrdersApi
