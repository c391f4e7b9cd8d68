# WEBrick app for the round-3 evidence corpus (capture-round3.sh):
#   ruby apps3.rb PORT   (binds 127.0.0.1 only)
#
# /api/health 200; /api/boom raises (WEBrick's own 500 page);
# /api/down raises WEBrick::HTTPStatus::ServiceUnavailable (WEBrick's 503 page);
# anything else: WEBrick's own 404 page.
require 'json'
require 'webrick'

port = Integer(ARGV.fetch(0))
abort 'port must be in 20000-20999' unless (20_000..20_999).cover?(port)
log = WEBrick::Log.new($stderr, WEBrick::Log::WARN)
server = WEBrick::HTTPServer.new(BindAddress: '127.0.0.1', Port: port, Logger: log, AccessLog: [])
server.mount_proc('/api/health') do |_req, res|
  res.content_type = 'application/json'
  res.body = { status: 'ok' }.to_json + "\n"
end
server.mount_proc('/api/boom') { |_req, _res| raise 'ledger connection lost' }
server.mount_proc('/api/down') do |_req, _res|
  raise WEBrick::HTTPStatus::ServiceUnavailable, 'orders database under maintenance'
end
trap('TERM') { server.shutdown }
trap('INT') { server.shutdown }
server.start
