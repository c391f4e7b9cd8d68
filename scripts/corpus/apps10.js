// The round-10 corpus's Node apps (capture-round10.sh). Every one binds
// 127.0.0.1 only.
//
//   node apps10.js marble PORT           the orders API on Marble.js 4
//   node apps10.js total PORT            the orders API on Total.js 4
//   node apps10.js fastgw PORT ROUTE...  an API gateway on fast-gateway 5
//                                        ROUTE is /prefix=http://host:port[,key]
//
// The gateway puts an x-request-id on every response it sends (its own
// errors included), checks X-Api-Key on the prefixes that have a key (a JSON
// 401 of its own), and otherwise keeps fast-gateway's and fast-proxy-lite's
// defaults (no route, refused target, timeout 2 s).
'use strict'

const [mode, portArg, ...rest] = process.argv.slice(2)
const port = Number(portArg)
if (!(port >= 28000 && port <= 28999)) {
  console.error('usage: node apps10.js marble|total|fastgw PORT(28000-28999) [ROUTE...]')
  process.exit(2)
}

const MAINT_HTML = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n' +
  '<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>openresty</center>\r\n</body>\r\n</html>\r\n'

function marble () {
  const { r, httpListener, createServer, HttpError, HttpStatus } = require('@marblejs/http')
  const { throwError } = require('rxjs')
  const { map, mergeMap } = require('rxjs/operators')
  const health$ = r.pipe(r.matchPath('/api/health'), r.matchType('GET'),
    r.useEffect(req$ => req$.pipe(map(() => ({ body: { status: 'ok' } })))))
  const order$ = r.pipe(r.matchPath('/api/orders/:id'), r.matchType('GET'),
    r.useEffect(req$ => req$.pipe(mergeMap(req =>
      throwError(() => new HttpError(`Order ${req.params.id} does not exist`, HttpStatus.NOT_FOUND))))))
  const boom$ = r.pipe(r.matchPath('/api/boom'), r.matchType('GET'),
    r.useEffect(req$ => req$.pipe(map(() => { throw new Error('inventory cache is corrupt') }))))
  const unavailable$ = r.pipe(r.matchPath('/api/unavailable'), r.matchType('GET'),
    r.useEffect(req$ => req$.pipe(mergeMap(() =>
      throwError(() => new HttpError('Orders are read-only during the migration', HttpStatus.SERVICE_UNAVAILABLE))))))
  const upstream$ = r.pipe(r.matchPath('/api/upstream'), r.matchType('GET'),
    r.useEffect(req$ => req$.pipe(map(() => ({
      status: 502, headers: { 'Content-Type': 'text/html' }, body: MAINT_HTML
    })))))
  const limited$ = r.pipe(r.matchPath('/api/limited'), r.matchType('GET'),
    r.useEffect(req$ => req$.pipe(mergeMap(() =>
      throwError(() => new HttpError('Too many requests for this client', HttpStatus.TOO_MANY_REQUESTS, { limit: 5 }))))))
  const listener = httpListener({ middlewares: [], effects: [health$, order$, boom$, unavailable$, upstream$, limited$] })
  const main = async () => (await createServer({ port, hostname: '127.0.0.1', listener }))()
  main()
}

function total () {
  // Total.js reads a port or a socket path from argv itself: hide ours
  process.argv = process.argv.slice(0, 2)
  require('total4')
  ROUTE('GET /api/health', function () { this.json({ status: 'ok' }) })
  ROUTE('GET /api/orders/{id}', function (id) { this.status = 404; this.json({ error: 'order_not_found', id }) })
  ROUTE('GET /api/boom', function () { throw new Error('ledger unavailable') })
  ROUTE('GET /api/missing', function () { this.throw404() })
  ROUTE('GET /api/unavailable', function () { this.throw503() })
  ROUTE('GET /api/denied', function () { this.throw401() })
  ROUTE('GET /api/catalog', function () {
    this.header('Cache-Control', 'public, max-age=5')
    this.json({ items: ['A-1', 'B-2'] })
  })
  ROUTE('POST /api/orders', function () {
    if (!this.body || !this.body.sku) { this.status = 422; this.json({ error: 'sku is required' }); return }
    this.json(this.body)
  })
  HTTP('release', { ip: '127.0.0.1', port, watcher: false })
}

function fastgw () {
  const gateway = require('fast-gateway')
  let seq = 0
  const routes = rest.map(spec => {
    const [prefix, val] = spec.split('=')
    const [target, key] = val.split(',')
    const middlewares = []
    if (key) {
      middlewares.push((req, res, next) => {
        if (req.headers['x-api-key'] === key) return next()
        res.statusCode = 401
        res.setHeader('Content-Type', 'application/json')
        res.setHeader('WWW-Authenticate', 'ApiKey')
        res.end(JSON.stringify({ code: 401, message: req.headers['x-api-key'] ? 'invalid api key' : 'missing api key' }))
      })
    }
    return { prefix, target, middlewares, timeout: 2000 }
  })
  const server = gateway({
    middlewares: [(req, res, next) => {
      seq += 1
      res.setHeader('x-request-id', `fgw-${process.pid}-${seq}`)
      next()
    }],
    routes
  })
  server.start(port, '127.0.0.1')
}

if (mode === 'marble') marble()
else if (mode === 'total') total()
else if (mode === 'fastgw') fastgw()
else { console.error('unknown mode ' + mode); process.exit(2) }
