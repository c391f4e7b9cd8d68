# Round-28 corpus: a Rails 6.1 app (Debian's ruby-rails) in production,
# run by Puma: RAILS_PUBLIC=DIR puma -e production -b tcp://127.0.0.1:PORT rails_app.ru
# DIR is the app's public/ with the 404.html, 422.html and 500.html that
# `rails new` generates, so what Rails answers by itself in production is
# those static pages (ActionDispatch::PublicExceptions), or an empty body
# when there is no page for the status (400). The controller's own errors
# are JSON.
require "action_controller/railtie"

class Storefront < Rails::Application
  config.root = ENV.fetch("RAILS_PUBLIC") + "/.."
  config.paths["public"] = ENV.fetch("RAILS_PUBLIC")
  config.eager_load = false
  config.consider_all_requests_local = false
  config.secret_key_base = "corpus-round28-not-a-secret" * 3
  config.hosts.clear
  config.logger = Logger.new($stderr)
  config.log_level = :warn
  config.public_file_server.enabled = true
end

class RecordNotFound < StandardError; end

class ApplicationController < ActionController::Base
  protect_from_forgery with: :exception
end

class ProductsController < ApplicationController
  skip_forgery_protection only: :review

  def show
    raise ActionController::RoutingError, "No product #{params[:id]}" unless params[:id] == "1"
    render json: { id: 1, name: "Kettle" }
  end

  def api_show
    return render(json: { error: "not_found", message: "Product #{params[:id]} not found" }, status: :not_found) unless params[:id] == "1"
    render json: { id: 1, name: "Kettle" }
  end

  def create  # a form POST: the CSRF check runs first (InvalidAuthenticityToken: 422.html)
    render json: { id: 2 }, status: :created
  end

  def review
    attrs = params.require(:review).permit(:stars)
    render json: { errors: { stars: ["must be between 1 and 5"] } }, status: :unprocessable_entity unless (1..5).cover?(attrs[:stars].to_i)
  end

  def boom
    Cart.find(params[:id])  # NameError (a class renamed in the last deploy): 500.html
  end

  def slow
    sleep 5
    render json: { status: "late" }
  end
end


Storefront.initialize!
Storefront.routes.draw do
  get "/products/:id", to: "products#show"
  post "/products", to: "products#create"
  get "/api/products/:id", to: "products#api_show"
  post "/api/reviews", to: "products#review"
  get "/carts/:id", to: "products#boom"
  get "/api/slow", to: "products#slow"
end

run Storefront
