// Round 158: Ashgrove orders API in Express (Node). The same own checks as
// apps158/flask_app.py: HS256 JWTs (kid k2 current, k1 rotated out),
// X-Api-Key, a session cookie, the Basic user a front accepted.
const express = require('express');
const crypto = require('crypto');
const KEYS = { k2: 'round158-current-test-key' };
const AUD = 'orders-api';
const API_KEYS = { ak_live_r158_reports: 'reports', ak_live_r158_readonly: 'read' };
const SESSIONS = { 's158-good-3f9a': 'ana' };
const REALM = 'Bearer realm="ashgrove"';
const app = express();
const b64d = (s) => Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');

function verify(tok) {
  const p = tok.split('.');
  if (p.length !== 3) return [null, 'jwt malformed'];
  let head, claims;
  try { head = JSON.parse(b64d(p[0])); claims = JSON.parse(b64d(p[1])); } catch (e) { return [null, 'jwt malformed']; }
  const key = KEYS[head.kid];
  if (!key) return [null, `no signing key for kid "${head.kid}"`];
  const sig = crypto.createHmac('sha256', key).update(p[0] + '.' + p[1]).digest();
  if (!crypto.timingSafeEqual(sig, b64d(p[2]).length === sig.length ? b64d(p[2]) : Buffer.alloc(sig.length))) return [null, 'invalid signature'];
  if ((claims.exp || 0) < Date.now() / 1000) return [null, 'jwt expired'];
  if (claims.aud !== AUD) return [null, `jwt audience invalid. expected: ${AUD}`];
  return [claims, null];
}

function needBearer(scope) {
  return (req, res, next) => {
    const h = req.get('Authorization') || '';
    if (!h.startsWith('Bearer ')) {
      return res.status(401).set('WWW-Authenticate', REALM).json({ error: 'unauthorized', message: 'No authorization token was found' });
    }
    const [claims, why] = verify(h.slice(7).trim());
    if (!claims) {
      return res.status(401).set('WWW-Authenticate', `${REALM}, error="invalid_token", error_description="${why}"`)
        .json({ error: 'invalid_token', message: why });
    }
    if (!(claims.scope || '').split(' ').includes(scope)) {
      return res.status(403).set('WWW-Authenticate', `${REALM}, error="insufficient_scope", scope="${scope}"`)
        .json({ error: 'insufficient_scope', message: `scope ${scope} required` });
    }
    req.claims = claims;
    next();
  };
}

app.get('/api/orders/:id', needBearer('orders'), (req, res) => res.json({ id: +req.params.id, status: 'delivered', owner: req.claims.sub }));
app.get('/api/admin/orders/:id', needBearer('admin'), (req, res) => res.json({ id: +req.params.id, refunded: false, audited_by: req.claims.sub }));
app.get('/api/reports', (req, res) => {
  const k = req.get('X-Api-Key');
  if (!k) return res.status(401).json({ error: 'api_key_required', message: 'X-Api-Key header missing' });
  if (API_KEYS[k] !== 'reports') return res.status(403).json({ error: 'forbidden', message: 'API key may not read reports' });
  res.json({ reports: [{ id: '2024-q3', rows: 1180 }] });
});
app.get('/api/me', (req, res) => {
  const m = /(?:^|;\s*)sid=([^;]+)/.exec(req.get('Cookie') || '');
  if (!m || !SESSIONS[m[1]]) return res.status(401).json({ error: 'not_logged_in', message: 'session expired', login: '/login' });
  res.json({ user: SESSIONS[m[1]] });
});
app.get('/admin/stats', (req, res) => {
  const h = req.get('Authorization') || '';
  const user = h.startsWith('Basic ') ? Buffer.from(h.slice(6), 'base64').toString().split(':')[0] : (req.get('X-Remote-User') || null);
  if (user !== 'ana') return res.status(403).json({ error: 'forbidden', message: `user ${user} is not an administrator` });
  res.json({ orders_today: 312, user });
});
app.get(['/open/health', '/ops/health'], (req, res) => res.json({ status: 'ok' }));
app.listen(+process.argv[2], '127.0.0.1');
