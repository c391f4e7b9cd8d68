# Round 99: rackup file for sinatra_app.rb (Puma)
require_relative 'sinatra_app'
run Larch
