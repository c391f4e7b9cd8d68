# Round-26 corpus: the product catalog API on Rails (Debian's ruby-rails 6.1)
# in API mode, run by Puma in production, written for a caching front:
# fresh_when with an ETag and a Last-Modified (Rails answers a matching
# If-None-Match / If-Modified-Since with its own 304), expires_in for
# `Cache-Control: public, max-age=N`. PUT checks If-Match itself (JSON 412,
# 428 without it). An unknown product is a JSON 404 with max-age=60, the
# daily report a JSON 500 with max-age=30. Flag files in $CATALOG_FLAGS:
# "fail" and "slow".   puma -e production rails_api.ru
require "action_controller/railtie"

class CatalogApi < Rails::Application
  config.root = __dir__
  config.paths["public"] = File.join(ENV.fetch("RAILS_PUBLIC", __dir__), "public")
  config.api_only = true
  config.eager_load = false
  config.consider_all_requests_local = false
  config.secret_key_base = "corpus-round26-not-a-secret" * 3
  config.hosts.clear
  config.logger = Logger.new($stderr)
  config.log_level = :warn
  config.public_file_server.enabled = false
end

LAST_MOD = Time.utc(2025, 3, 4, 9, 30, 0)
PRODUCTS = { "1" => { id: 1, sku: "TEA-001", name: "Sencha", price: 1250 },
             "2" => { id: 2, sku: "TEA-002", name: "Genmaicha", price: 990 } }.freeze

class CatalogController < ActionController::API
  def flag?(name) = File.exist?(File.join(ENV.fetch("CATALOG_FLAGS", "/nonexistent"), name))

  def catalog
    sleep 5 if flag?("slow")
    if flag?("fail")
      response.set_header("Cache-Control", "no-store")
      return render(json: { error: "catalog_unavailable", message: "pricing database unreachable" }, status: 500)
    end
    expires_in 2.seconds, public: true
    fresh_when(etag: "cat-7f3a9c", last_modified: LAST_MOD, public: true)
    render json: { items: PRODUCTS.values, currency: "EUR" } unless performed?
  end

  def show
    p = PRODUCTS[params[:id]]
    unless p
      expires_in 60.seconds, public: true
      return render(json: { error: "not_found", message: "Couldn't find Product with 'id'=#{params[:id]}" }, status: 404)
    end
    expires_in 60.seconds, public: true
    fresh_when(etag: "p#{p[:id]}-v3", last_modified: LAST_MOD, public: true)
    render json: p unless performed?
  end

  def update
    p = PRODUCTS[params[:id]]
    return render(json: { error: "not_found" }, status: 404) unless p
    im = request.headers["If-Match"]
    return render(json: { error: "precondition_required", message: "If-Match header is required" }, status: 428) unless im
    return render(json: { error: "precondition_failed", message: "Product has been modified" }, status: 412) unless im == %("p#{p[:id]}-v3")
    render json: p
  end

  def stock
    response.set_header("Cache-Control", "no-cache")
    fresh_when(etag: "stock-#{params[:id]}-42", last_modified: LAST_MOD)
    render json: { id: params[:id].to_i, in_stock: 42 } unless performed?
  end

  def daily_report
    expires_in 30.seconds, public: true
    render json: { error: "report_failed", message: "Daily report generation failed" }, status: 500
  end

  def maintenance
    response.set_header("Retry-After", "600")
    render json: { error: "maintenance", message: "Catalog imports are paused" }, status: :service_unavailable
  end

  def boom
    Report.daily.sum(:total)  # NameError: Rails' own 500
  end

  def slow
    sleep 5
    render json: { status: "late" }
  end
end

CatalogApi.initialize!
CatalogApi.routes.draw do
  get "/api/catalog", to: "catalog#catalog"
  get "/api/products/:id", to: "catalog#show"
  put "/api/products/:id", to: "catalog#update"
  get "/api/stock/:id", to: "catalog#stock"
  get "/api/reports/daily", to: "catalog#daily_report"
  get "/api/maintenance", to: "catalog#maintenance"
  get "/api/boom", to: "catalog#boom"
  get "/api/slow", to: "catalog#slow"
end

run CatalogApi
