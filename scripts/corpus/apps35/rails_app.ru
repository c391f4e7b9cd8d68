# Round 35: a minimal Rails 6.1 API controller under Puma, with
# authenticate_or_request_with_http_token (Rails' own "HTTP Token: Access
# denied." 401 with WWW-Authenticate: Token realm="Application").
require "action_controller/railtie"

class ShipmentsApp < Rails::Application
  config.eager_load = false
  config.api_only = true
  config.secret_key_base = "r35-rails-not-secret-" + "x" * 40
  config.logger = Logger.new($stderr)
  config.hosts.clear
  config.consider_all_requests_local = false
end

class ShipmentsController < ActionController::API
  include ActionController::HttpAuthentication::Token::ControllerMethods
  TOKENS = { "shp_live_Q8vN2xR7kLm4pT9w" => "carrier-dhl", "shp_live_ro_H3jK8sD1" => "reporting" }.freeze
  before_action :authenticate

  def index
    render json: { shipments: [{ id: "shp_5510", state: "in_transit" }], client: @client }
  end

  def show
    render json: { error: "Shipment not found" }, status: :not_found
  end

  def create
    return render(json: { error: "Forbidden", message: "reporting tokens cannot create shipments" }, status: :forbidden) if @client == "reporting"
    render json: { id: "shp_5511" }, status: :created
  end

  private

  def authenticate
    authenticate_or_request_with_http_token do |token, _options|
      @client = TOKENS[token]
    end
  end
end

ShipmentsApp.initialize!
ShipmentsApp.routes.draw do
  get "/rails/shipments" => "shipments#index"
  post "/rails/shipments" => "shipments#create"
  get "/rails/shipments/:id" => "shipments#show"
  get "/ops/shipments" => "shipments#index"
end
run ShipmentsApp
