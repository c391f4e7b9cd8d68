# Round-55 corpus: rackup file for the Sinatra app under Puma.
require_relative 'sinatra_app'
run LedgerlyApp
