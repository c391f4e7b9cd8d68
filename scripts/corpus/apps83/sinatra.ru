# Round-83 corpus (copied from round 75): rackup file for sinatra_app.rb (Puma -t 1:1)
require_relative 'sinatra_app'
run Shipments
