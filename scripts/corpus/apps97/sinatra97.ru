# Round 97: rackup file for round 83's Sinatra app (apps83/sinatra_app.rb,
# unchanged) with one Rack middleware the team added: the shipment routes
# (/api/shipments...) carry the app's own X-Request-Id (`wy-` + 16 hex).
require 'securerandom'
require_relative '../apps83/sinatra_app'

class ShipmentRequestId
  def initialize(app) @app = app end
  def call(env)
    status, headers, body = @app.call(env)
    headers['X-Request-Id'] = 'wy-' + SecureRandom.hex(8) if env['PATH_INFO'].start_with?('/api/shipments')
    [status, headers, body]
  end
end

use ShipmentRequestId
run Shipments
