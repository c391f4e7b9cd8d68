# Round 38: a small inventory service on WEBrick (Ruby's stdlib server),
# behind mongrel2 (which forwards /inventory/... as it came). Servlets answer
# JSON; anything else is WEBrick's own HTML page (404, 405, 500), with its Server header.
require 'webrick'
require 'json'

port = Integer(ARGV[0] || 55015)
server = WEBrick::HTTPServer.new(BindAddress: '127.0.0.1', Port: port,
                                 AccessLog: [], Logger: WEBrick::Log.new($stderr, WEBrick::Log::WARN))

class Items < WEBrick::HTTPServlet::AbstractServlet
  def do_GET(req, res)
    id = req.path.split('/').last
    res['Content-Type'] = 'application/json'
    if id == '1'
      res.body = {id: 1, name: 'lamp', stock: 12}.to_json
    else
      res.status = 404
      res.body = {error: 'item_not_found', id: id}.to_json
    end
  end
end

class Reserve < WEBrick::HTTPServlet::AbstractServlet
  def do_POST(req, res)
    res['Content-Type'] = 'application/json'
    body = JSON.parse(req.body || '') rescue nil
    if !body.is_a?(Hash) || !body['qty'].is_a?(Integer) || body['qty'] < 1
      res.status = 422
      res.body = {error: 'validation', message: 'qty must be >= 1'}.to_json
    else
      res.status = 409
      res.body = {error: 'insufficient_stock', available: 0}.to_json
    end
  end
end

class Boom < WEBrick::HTTPServlet::AbstractServlet
  def do_GET(req, res)
    raise 'stock table locked'
  end
end

class Maintenance < WEBrick::HTTPServlet::AbstractServlet
  def do_GET(req, res)
    res.status = 503
    res['Content-Type'] = 'application/json'
    res['Retry-After'] = '600'
    res.body = {error: 'maintenance', message: 'reindexing, back in 10 minutes'}.to_json
  end
end

class Slow < WEBrick::HTTPServlet::AbstractServlet
  def do_GET(req, res)
    sleep 5
    res.body = 'ok'
  end
end

server.mount('/inventory/items', Items)
server.mount('/inventory/reserve', Reserve)
server.mount('/inventory/boom', Boom)
server.mount('/inventory/maintenance', Maintenance)
server.mount('/inventory/slow', Slow)
trap('TERM') { server.shutdown }
trap('INT') { server.shutdown }
server.start
