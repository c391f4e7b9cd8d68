# Round 109: rackup file for round 83's Sinatra app (apps83/sinatra_app.rb,
# unchanged) run on Puma, plus one route the team added so that Sinatra's
# own redirect shows: GET /api/latest answers `redirect to('/api/shipments/1')`
# (Sinatra's 302 on HTTP/1.1 GET). The subclass keeps every route of the
# original app.
require_relative '../apps83/sinatra_app'

class Shipments109 < Shipments
  get('/api/latest') { redirect to('/api/shipments/1') }
end

run Shipments109
