# Round-103 corpus: Sinatra (sinatra_app.rb) under Unicorn.
require_relative "sinatra_app"
run Ashby
