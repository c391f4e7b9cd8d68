# Round-64 corpus: a Ruby front on Rack::Proxy (the rack-proxy gem, Debian's
# ruby-rack-proxy 0.7.4, which no earlier round used), served by Puma. It
# answers for the srvx app behind it:
#
#   - every answer carries the front's own X-Request-Id (its own pages too);
#     what the upstream sent also gets "Via: 1.1 tidemark-rack";
#   - a Host other than loans.tidemark.test: the front's JSON 404;
#   - /api/exports/*: its own JSON 429; /api/returns/*: its own JSON 503;
#   - /legacy/* goes to a port nobody listens on: the front rescues the
#     refused connection and sends its own JSON 502;
#   - Net::HTTP's read_timeout is 2 s: the front rescues Net::ReadTimeout
#     and sends an empty 504.
# Anything it does not rescue reaches Puma, which writes its own 500.
#
# usage: CORPUS_UP=PORT CORPUS_DEAD=PORT puma -b tcp://127.0.0.1:PORT rackproxy_gateway.ru
require 'json'
require 'securerandom'
require 'rack/proxy'

HOST = 'loans.tidemark.test'.freeze

class TidemarkProxy < Rack::Proxy
  def initialize
    super(streaming: false, read_timeout: 2)
    @up = "http://127.0.0.1:#{ENV.fetch('CORPUS_UP')}"
    @dead = "http://127.0.0.1:#{ENV.fetch('CORPUS_DEAD')}"
  end

  def own(status, body, extra = {})
    if body.nil?
      [status, { 'Content-Length' => '0' }.merge(extra), []]
    else
      text = JSON.generate(body) + "\n"
      [status, { 'Content-Type' => 'application/json', 'Content-Length' => text.bytesize.to_s }.merge(extra), [text]]
    end
  end

  def call(env)
    rid = SecureRandom.uuid
    status, headers, body = answer(env, rid)
    headers = headers.to_h.merge('X-Request-Id' => rid)
    [status, headers, body]
  end

  def answer(env, rid)
    host = env['HTTP_HOST'].to_s.sub(/:\d+\z/, '')
    path = env['PATH_INFO'].to_s
    return own(404, { error: 'unknown_host', message: "no API is served for host #{host}", request_id: rid }) if host != HOST
    return own(429, { error: 'rate_limited', message: 'export quota for this key is used up', request_id: rid }, 'Retry-After' => '60') if path.start_with?('/api/exports/')
    return own(503, { error: 'maintenance', message: 'returns are switched off until 18:00 UTC', request_id: rid }, 'Retry-After' => '3600') if path.start_with?('/api/returns/')
    env['rack.backend'] = URI(path.start_with?('/legacy/') ? @dead : @up)
    begin
      status, headers, body = perform_request(env)
    rescue Errno::ECONNREFUSED
      return own(502, { error: 'bad_gateway', message: 'the upstream service refused the connection', request_id: rid })
    rescue Net::ReadTimeout
      return own(504, nil)
    end
    headers['Via'] = '1.1 tidemark-rack'
    [status.to_i, headers, body]
  end
end

run TidemarkProxy.new
