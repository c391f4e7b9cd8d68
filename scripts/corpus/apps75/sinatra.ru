# Round-75 corpus: rackup file for sinatra_app.rb (Puma -t 1:1)
require_relative 'sinatra_app'
run Shipments
