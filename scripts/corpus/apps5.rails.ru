# Rails (Debian's ruby-rails 6.1) for the round-5 evidence corpus
# (capture-round5.sh), run by Puma bound to 127.0.0.1:
#   RAILS_PUBLIC=DIR puma -e production -b tcp://127.0.0.1:PORT apps5.rails.ru
# A one-file app in production mode, so errors go through
# ActionDispatch::PublicExceptions: public/404.html and 500.html from Rails'
# own app template (copied into DIR by the capture script), or
# {"status":NNN,"error":"..."} when the request asks for JSON.
#   /api/health 200;  /api/users/42 200, other ids ActiveRecord-style 404
#   /api/boom    raises;  /api/down `head :service_unavailable` (empty 503)
#   /api/pay     the app's JSON 502;  /api/maint the app's HTML 503
require "action_controller/railtie"

class OrdersApp < Rails::Application
  config.root = ENV.fetch("RAILS_PUBLIC") + "/.."
  config.paths["public"] = ENV.fetch("RAILS_PUBLIC")
  config.eager_load = false
  config.consider_all_requests_local = false
  config.secret_key_base = "corpus-round5-not-a-secret" * 3
  config.hosts.clear
  config.logger = Logger.new($stderr)
  config.log_level = :warn
  config.public_file_server.enabled = false
end

class NotFoundError < StandardError; end
ActionDispatch::ExceptionWrapper.rescue_responses["NotFoundError"] = :not_found

class OrdersController < ActionController::Base
  MAINT_HTML = <<~HTML
    <!DOCTYPE html>
    <html><head><title>503 Service Unavailable</title></head>
    <body><h1>Service Unavailable</h1><p>The orders service is down for maintenance.</p></body></html>
  HTML

  def health = render(json: { status: "ok" })

  def user
    raise NotFoundError, "no user #{params[:id]}" unless params[:id] == "42"
    render json: { id: 42, name: "Ada" }
  end

  def boom = raise("ledger connection lost")
  def down = head(:service_unavailable)
  def pay = render(json: { error: { code: "bad_gateway", message: "payment provider returned an invalid response" } }, status: 502)
  def maint = render(html: MAINT_HTML.html_safe, status: 503)
end

OrdersApp.initialize!
OrdersApp.routes.draw do
  get "/api/health", to: "orders#health"
  get "/api/users/:id", to: "orders#user"
  get "/api/boom", to: "orders#boom"
  get "/api/down", to: "orders#down"
  get "/api/pay", to: "orders#pay"
  get "/api/maint", to: "orders#maint"
end

run OrdersApp
