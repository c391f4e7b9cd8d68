# Round-103 corpus: an API-only Rails 6.1 app (Debian's ruby-rails,
# config.api_only, ActionController::API) in production under Unicorn: the
# Wexcombe bookings API. RAILS_PUBLIC=DIR holds the 404.html / 500.html
# `rails new` makes (../apps92/rails_public); PublicExceptions answers an
# error Rails raised itself with those pages, or with JSON
# {"status":404,"error":"Not Found"} when the request asks for JSON. The
# handlers' own errors are JSON {"error","message"}; redirect_to for the old
# booking URLs; a cacheable booking (public, ETag); /api/export takes 10 s
# (Unicorn's `timeout 3` kills the worker mid-request).
#   RAILS_ENV=production RAILS_PUBLIC=DIR unicorn -c CONF rails_api.ru
require "action_controller/railtie"

class Wexcombe < Rails::Application
  config.root = ENV.fetch("RAILS_PUBLIC") + "/.."
  config.paths["public"] = ENV.fetch("RAILS_PUBLIC")
  config.api_only = true
  config.eager_load = false
  config.consider_all_requests_local = false
  config.secret_key_base = "corpus-round103-not-a-secret" * 3
  config.hosts.clear
  config.logger = Logger.new($stderr)
  config.log_level = :warn
  config.public_file_server.enabled = false
end

class BookingsController < ActionController::API
  def show
    return render(json: { error: "not_found", message: "Couldn't find Booking with 'id'=#{params[:id]}" }, status: :not_found) unless params[:id] == "1"
    expires_in 60.seconds, public: true
    fresh_when etag: "bkg-1-v5", public: true
    render json: { id: 1, ref: "WX-1001", room: "Harbour 2", nights: 3 } unless performed?
  end

  def create
    booking = params.require(:booking).permit(:room, :nights)
    return render(json: { error: "conflict", message: "Harbour 2 is already booked for those nights" }, status: :conflict) if booking[:room] == "Harbour 2"
    errors = {}
    errors[:room] = ["can't be blank"] if booking[:room].blank?
    errors[:nights] = ["must be greater than 0"] unless booking[:nights].to_i > 0
    return render(json: { errors: errors }, status: :unprocessable_entity) unless errors.empty?
    render json: { id: 2, room: booking[:room] }, status: :created, location: "/api/bookings/2"
  end

  def upload
    if request.content_length.to_i > 1024
      return render(json: { error: "payload_too_large", message: "attachments are limited to 1 KB" }, status: :payload_too_large)
    end
    head :no_content
  end

  def legacy
    redirect_to "/api/bookings/#{params[:id]}", status: :moved_permanently
  end

  def boom
    Invoice.where(booking_id: params[:id]).to_a  # NameError: Rails' 500
  end

  def account
    response.headers["WWW-Authenticate"] = 'Token realm="Application"'
    render json: { error: "unauthorized", message: "HTTP Token: Access denied." }, status: :unauthorized
  end

  def admin
    render json: { error: "forbidden", message: "only front-desk managers may see this" }, status: :forbidden
  end

  def search
    response.headers["Retry-After"] = "15"
    render json: { error: "rate_limited", message: "too many searches, wait 15 seconds" }, status: :too_many_requests
  end

  def maintenance
    response.headers["Retry-After"] = "600"
    render json: { error: "maintenance", message: "Bookings are read-only during the night audit" }, status: :service_unavailable
  end

  def slow
    sleep 2
    render json: { status: "late" }
  end

  def export
    sleep 10
    render json: { status: "exported" }
  end

  def health
    render plain: "ok"
  end
end

Wexcombe.initialize!
Wexcombe.routes.draw do
  get "/api/bookings/:id", to: "bookings#show"
  post "/api/bookings", to: "bookings#create"
  post "/api/bookings/1/attachments", to: "bookings#upload"
  get "/bookings/:id", to: "bookings#legacy"
  get "/api/bookings/:id/invoice", to: "bookings#boom"
  get "/api/account", to: "bookings#account"
  get "/api/admin", to: "bookings#admin"
  get "/api/search", to: "bookings#search"
  get "/api/maintenance", to: "bookings#maintenance"
  get "/api/reports/slow", to: "bookings#slow"
  get "/api/export", to: "bookings#export"
  get "/healthz", to: "bookings#health"
end

run Wexcombe
