// Round-23 corpus: a BFF on Express 5 + axios, as a web team writes it.
// - /bff/*: calls the orders service (axios, timeout 1500: under the fronts' 2 s) and answers
//   itself; failures become its own JSON 502/503/504. It is the app there.
// - /api/*: a hand-written pass-through (axios, any status relayed): a proxy
//   job done in app code; its own 502/504 are the gateway's.
// The app renames its Server header to look like nginx and adds Via itself.
'use strict';
const express = require('express');
const axios = require('axios');

const port = Number(process.argv[2] || 41022);
const ORDERS = process.env.ORDERS_URL || 'http://127.0.0.1:41010';
const DEAD = 'http://127.0.0.1:41019';
const RESET = 'http://127.0.0.1:41011';
const http = axios.create({ timeout: 1500, validateStatus: () => true });

const app = express();
app.disable('x-powered-by');
app.use((req, res, next) => {
  res.set('Server', 'nginx/1.22.1');
  res.set('Via', '1.1 web-bff');
  next();
});

function failure(err) {
  if (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT') return 504;
  return 502;
}

app.get('/bff/orders/:id', async (req, res) => {
  try {
    const r = await http.get(`${ORDERS}/api/orders/${encodeURIComponent(req.params.id)}`);
    if (r.status === 404) return res.status(404).json({ message: 'Order not found' });
    if (r.status >= 500) return res.status(502).json({ message: 'Upstream error', upstreamStatus: r.status });
    return res.json({ order: r.data });
  } catch (err) {
    const s = failure(err);
    return res.status(s).json({ message: s === 504 ? 'Orders timed out' : 'Orders unavailable', code: err.code });
  }
});

app.get('/bff/slow', async (req, res) => {
  try {
    await http.get(`${ORDERS}/api/slow`);
    res.json({ ok: true });
  } catch (err) {
    res.status(failure(err)).json({ message: 'Orders timed out', code: err.code });
  }
});

app.get('/bff/recommendations', async (req, res) => {
  try {
    await http.get(`${DEAD}/api/recommendations`);
    res.json({ ok: true });
  } catch (err) {
    res.status(503).set('Retry-After', '60')
      .json({ error: 'Service Unavailable', message: 'recommendations are temporarily unavailable' });
  }
});

app.get('/bff/status', (req, res) => {
  res.status(503).set('Retry-After', '120').type('html')
    .send('<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head>' +
          '<body><h1>Service Unavailable</h1><p>The web front end is restarting.</p></body></html>\n');
});

app.get('/bff/ledger', async (req, res) => {
  const r = await http.get(`${RESET}/api/entries`); // ECONNRESET, rejected promise: Express 5's default handler
  res.json(r.data);
});

// the hand-written pass-through
app.use('/api', async (req, res) => {
  const target = req.path.startsWith('/reviews') ? DEAD : req.path.startsWith('/ledger') ? RESET : ORDERS;
  try {
    const r = await http.request({ method: req.method, url: `${target}/api${req.url}`, responseType: 'arraybuffer',
      headers: { accept: req.get('accept') || '*/*' } });
    for (const [k, v] of Object.entries(r.headers)) {
      if (!['connection', 'transfer-encoding', 'content-length', 'server', 'date', 'keep-alive'].includes(k)) res.set(k, v);
    }
    res.status(r.status).send(Buffer.from(r.data));
  } catch (err) {
    const s = failure(err);
    res.status(s).json({ status: s, error: s === 504 ? 'Gateway Timeout' : 'Bad Gateway', code: err.code });
  }
});

app.listen(port, '127.0.0.1');
