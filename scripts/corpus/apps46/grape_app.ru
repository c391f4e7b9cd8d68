# Grape 1.6 (Debian's ruby-grape) on Rack for the round-46 corpus
# (capture-round46.sh), run by thin in production:
#   thin -R grape_app.ru -e production -a 127.0.0.1 -p PORT start
# No rescue_from: an uncaught exception leaves Grape and Rack, and thin
# answers it itself.
#   GET  /api/orders/:id           200 for 1, error!(404) otherwise
#   POST /api/orders               201; Grape's own 400 when a param is missing or invalid
#   POST /api/orders/:id/cancel    409
#   GET  /api/admin/reports        401 (error! with WWW-Authenticate)
#   GET  /api/search               422 when q is shorter than 3 letters
#   GET  /api/boom                 NoMethodError, uncaught
#   GET  /api/maintenance          503
#   GET  /api/slow                 sleeps 5 s
#   POST /api/uploads              202
require "grape"

class OrdersAPI < Grape::API
  format :json
  prefix :api

  resource :orders do
    params do
      requires :id, type: Integer
    end
    get ":id" do
      error!({ error: "not_found", message: "order #{params[:id]} not found" }, 404) unless params[:id] == 1
      { id: 1, sku: "A-1", qty: 2, status: "open" }
    end

    params do
      requires :sku, type: String
      requires :qty, type: Integer, values: 1..100
    end
    post do
      status 201
      header "Location", "/api/orders/1043"
      { id: 1043, sku: params[:sku], qty: params[:qty], status: "open" }
    end

    post ":id/cancel" do
      error!({ error: "conflict", message: "order #{params[:id]} has already shipped" }, 409)
    end
  end

  get "admin/reports" do
    error!({ error: "unauthorized", message: "missing bearer token" }, 401, "WWW-Authenticate" => 'Bearer realm="orders"')
  end

  get "search" do
    q = params[:q].to_s
    error!({ error: "invalid_query", message: "q must be at least 3 characters" }, 422) if q.length < 3
    { results: [], q: q }
  end

  get "boom" do
    order = nil
    { total: order.total }
  end

  get "maintenance" do
    error!({ error: "maintenance", message: "back at 06:00 UTC" }, 503, "Retry-After" => "600")
  end

  get "slow" do
    sleep 5
    { status: "late" }
  end

  post "uploads" do
    status 202
    { accepted: true }
  end
end

run OrdersAPI
