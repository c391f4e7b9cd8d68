# Round-72 corpus (capture-round72.sh), round 49's app with three routes
# added: /api/feed (public, max-age 60, an ETag: cacheable by Squid),
# /api/payments (the app's own HTML 502 page) and /api/admin (its JSON 403).
# Round-49 corpus: the "blog" from the Rails getting-started guide, trimmed to
# one file: Rails 6.1 (Debian's ruby-rails) in production under Puma, behind
# Apache's mod_proxy as the Puma/Apache guides show it (ProxyPass, and
# /assets/ served by Apache from public/). RAILS_PUBLIC=DIR is the app's
# public/ with the 404.html, 422.html and 500.html `rails new` makes, so what
# Rails answers by itself in production is those pages; the JSON API has its
# own errors.   RAILS_PUBLIC=DIR puma -e production -b tcp://127.0.0.1:PORT rails_app.ru
require "action_controller/railtie"

class Blog < Rails::Application
  config.root = ENV.fetch("RAILS_PUBLIC") + "/.."
  config.paths["public"] = ENV.fetch("RAILS_PUBLIC")
  config.eager_load = false
  config.consider_all_requests_local = false
  config.secret_key_base = "corpus-round49-not-a-secret" * 3
  config.hosts.clear
  config.logger = Logger.new($stderr)
  config.log_level = :warn
  config.public_file_server.enabled = false
end

class ApplicationController < ActionController::Base
  protect_from_forgery with: :exception
end

class ArticlesController < ApplicationController
  skip_forgery_protection only: [:api_create, :api_publish]

  def index
    render html: "<h1>Articles</h1>".html_safe
  end

  def show
    raise ActionController::RoutingError, "No article #{params[:id]}" unless params[:id] == "1"
    render html: "<h1>Hello Rails</h1>".html_safe
  end

  def create  # a form POST without the token: InvalidAuthenticityToken, 422.html
    redirect_to "/articles/2"
  end

  def api_show
    return render(json: { error: "not_found", message: "Couldn't find Article with 'id'=#{params[:id]}" }, status: :not_found) unless params[:id] == "1"
    render json: { id: 1, title: "Hello Rails", status: "public" }
  end

  def api_create
    article = params.require(:article).permit(:title, :body)
    errors = {}
    errors[:title] = ["can't be blank"] if article[:title].blank?
    errors[:body] = ["is too short (minimum is 10 characters)"] if article[:body].to_s.length < 10
    return render(json: { errors: errors }, status: :unprocessable_entity) unless errors.empty?
    render json: { id: 2, title: article[:title] }, status: :created, location: "/api/articles/2"
  end

  def api_publish
    render json: { error: "conflict", message: "Article 1 is already published" }, status: :conflict
  end

  def api_drafts
    response.headers["WWW-Authenticate"] = 'Token realm="Application"'
    render json: { error: "unauthorized", message: "HTTP Token: Access denied." }, status: :unauthorized
  end

  def boom
    Comment.where(article_id: params[:id]).to_a  # NameError: 500.html
  end

  def maintenance
    response.headers["Retry-After"] = "600"
    render json: { error: "maintenance", message: "Comments are read-only during the migration" }, status: :service_unavailable
  end

  def feed
    expires_in 60.seconds, public: true
    fresh_when etag: "feed-v3", public: true
    render json: { articles: [{ id: 1, title: "Hello Rails" }] } unless performed?
  end

  def payments
    render html: "<!doctype html>\n<html><head><title>502 Bad Gateway</title></head>\n<body>\n<h1>Bad Gateway</h1>\n<p>The payment provider sent back a reply we could not read. Nothing was charged.</p>\n</body></html>\n".html_safe, status: :bad_gateway
  end

  def admin
    render json: { error: "forbidden", message: "Only editors may open the admin area" }, status: :forbidden
  end

  def slow
    sleep 5
    render json: { status: "late" }
  end
end

Blog.initialize!
Blog.routes.draw do
  root "articles#index"
  get "/articles", to: "articles#index"
  get "/articles/:id", to: "articles#show"
  post "/articles", to: "articles#create"
  get "/api/articles/:id", to: "articles#api_show"
  post "/api/articles", to: "articles#api_create"
  post "/api/articles/:id/publish", to: "articles#api_publish"
  get "/api/drafts", to: "articles#api_drafts"
  get "/articles/:id/comments", to: "articles#boom"
  get "/api/maintenance", to: "articles#maintenance"
  get "/api/slow", to: "articles#slow"
  get "/api/feed", to: "articles#feed"
  get "/api/payments", to: "articles#payments"
  get "/api/admin", to: "articles#admin"
  get "/blog", to: redirect("/articles", status: 301)
end

run Blog
