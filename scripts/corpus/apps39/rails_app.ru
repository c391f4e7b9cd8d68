# Round-39 corpus: a catalog app on Rails 6.1 (Debian's ruby-rails) in
# production under Puma, behind Varnish. RAILS_PUBLIC=DIR is the app's public/
# with the 404.html, 422.html and 500.html `rails new` makes, so what Rails
# answers by itself in production is those pages. The API's own errors are
# JSON. Rails' RequestId middleware echoes the X-Request-Id Varnish sends.
# `RAILS_PUBLIC=DIR puma -e production -b tcp://127.0.0.1:PORT rails_app.ru`
require "action_controller/railtie"

class Catalog < Rails::Application
  config.root = ENV.fetch("RAILS_PUBLIC") + "/.."
  config.paths["public"] = ENV.fetch("RAILS_PUBLIC")
  config.eager_load = false
  config.consider_all_requests_local = false
  config.secret_key_base = "corpus-round39-not-a-secret" * 3
  config.hosts.clear
  config.logger = Logger.new($stderr)
  config.log_level = :warn
  config.public_file_server.enabled = true
end

class ApplicationController < ActionController::Base
  protect_from_forgery with: :exception
end

class ProductsController < ApplicationController
  skip_forgery_protection only: [:review]

  def index
    expires_in 2.minutes, public: true
    render json: { items: [{ id: 1, name: "Cast-iron pan" }] }
  end

  def show
    raise ActionController::RoutingError, "No product #{params[:id]}" unless params[:id] == "1"
    expires_in 2.minutes, public: true
    render json: { id: 1, name: "Cast-iron pan" }
  end

  def api_show
    return render(json: { error: "not_found", message: "Product #{params[:id]} not found" }, status: :not_found) unless params[:id] == "1"
    render json: { id: 1, name: "Cast-iron pan" }
  end

  def create  # a form POST without the token: InvalidAuthenticityToken, 422.html
    render json: { id: 2 }, status: :created
  end

  def review
    stars = params.require(:review).permit(:stars)[:stars].to_i
    return render(json: { errors: { stars: ["must be between 1 and 5"] } }, status: :unprocessable_entity) unless (1..5).cover?(stars)
    render json: { ok: true }, status: :created
  end

  def admin
    response.headers["WWW-Authenticate"] = 'Token realm="catalog"'
    render json: { error: "unauthorized", message: "HTTP Token: Access denied." }, status: :unauthorized
  end

  def boom
    Wishlist.find(params[:id])  # NameError: 500.html
  end

  def maintenance
    response.headers["Retry-After"] = "120"
    render json: { error: "maintenance", message: "Catalog import running" }, status: :service_unavailable
  end

  def slow
    sleep 5
    render json: { status: "late" }
  end
end

Catalog.initialize!
Catalog.routes.draw do
  get "/api/products", to: "products#index"
  get "/products/:id", to: "products#show"
  post "/products", to: "products#create"
  get "/api/products/:id", to: "products#api_show"
  post "/api/reviews", to: "products#review"
  get "/api/admin/imports", to: "products#admin"
  get "/wishlists/:id", to: "products#boom"
  get "/api/maintenance", to: "products#maintenance"
  get "/api/slow", to: "products#slow"
  get "/shop", to: redirect("/products/1", status: 301)
end

run Catalog
