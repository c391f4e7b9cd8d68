// Round 175: round 158's Ashgrove orders API (apps158/express_app.js)
// written against Fastify 4 on Node: the same own checks (HS256 JWTs, kid
// k2 current, k1 rotated out, audience orders-api; X-Api-Key; a session
// cookie; the Basic user a front accepted), sent with reply.code(...).
// Unrouted paths get Fastify's own JSON 404. Test keys only.
const fastify = require('fastify')({ logger: false });
const crypto = require('crypto');
const KEYS = { k2: 'round158-current-test-key' };
const AUD = 'orders-api';
const API_KEYS = { ak_live_r158_reports: 'reports', ak_live_r158_readonly: 'read' };
const SESSIONS = { 's158-good-3f9a': 'ana' };
const REALM = 'Bearer realm="ashgrove"';
const b64d = (s) => Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');

function verify(tok) {
  const p = tok.split('.');
  if (p.length !== 3) return [null, 'jwt malformed'];
  let head, claims;
  try { head = JSON.parse(b64d(p[0])); claims = JSON.parse(b64d(p[1])); } catch (e) { return [null, 'jwt malformed']; }
  const key = KEYS[head.kid];
  if (!key) return [null, `no signing key for kid "${head.kid}"`];
  const sig = crypto.createHmac('sha256', key).update(p[0] + '.' + p[1]).digest();
  const got = b64d(p[2]);
  if (got.length !== sig.length || !crypto.timingSafeEqual(sig, got)) return [null, 'invalid signature'];
  if ((claims.exp || 0) < Date.now() / 1000) return [null, 'jwt expired'];
  if (claims.aud !== AUD) return [null, `jwt audience invalid. expected: ${AUD}`];
  return [claims, null];
}

function needBearer(scope) {
  return async (req, reply) => {
    const h = req.headers.authorization || '';
    if (!h.startsWith('Bearer ')) {
      return reply.code(401).header('WWW-Authenticate', REALM)
        .send({ statusCode: 401, error: 'Unauthorized', message: 'No Authorization was found in request.headers' });
    }
    const [claims, why] = verify(h.slice(7).trim());
    if (!claims) {
      return reply.code(401).header('WWW-Authenticate', `${REALM}, error="invalid_token", error_description="${why}"`)
        .send({ statusCode: 401, error: 'Unauthorized', message: why });
    }
    if (!(claims.scope || '').split(' ').includes(scope)) {
      return reply.code(403).header('WWW-Authenticate', `${REALM}, error="insufficient_scope", scope="${scope}"`)
        .send({ statusCode: 403, error: 'Forbidden', message: `scope ${scope} required` });
    }
    req.claims = claims;
  };
}

fastify.get('/api/orders/:id', { preHandler: needBearer('orders') }, async (req) => ({ id: +req.params.id, status: 'delivered', owner: req.claims.sub }));
fastify.get('/api/admin/orders/:id', { preHandler: needBearer('admin') }, async (req) => ({ id: +req.params.id, refunded: false, audited_by: req.claims.sub }));
fastify.get('/api/reports', async (req, reply) => {
  const k = req.headers['x-api-key'];
  if (!k) return reply.code(401).send({ statusCode: 401, error: 'Unauthorized', message: 'X-Api-Key header missing' });
  if (API_KEYS[k] !== 'reports') return reply.code(403).send({ statusCode: 403, error: 'Forbidden', message: 'API key may not read reports' });
  return { reports: [{ id: '2024-q3', rows: 1180 }] };
});
fastify.get('/api/me', async (req, reply) => {
  const m = /(?:^|;\s*)sid=([^;]+)/.exec(req.headers.cookie || '');
  if (!m || !SESSIONS[m[1]]) return reply.code(401).send({ statusCode: 401, error: 'Unauthorized', message: 'session expired' });
  return { user: SESSIONS[m[1]] };
});
fastify.get('/admin/stats', async (req, reply) => {
  const h = req.headers.authorization || '';
  const user = h.startsWith('Basic ') ? Buffer.from(h.slice(6), 'base64').toString().split(':')[0] : (req.headers['x-remote-user'] || null);
  if (user !== 'ana') return reply.code(403).send({ statusCode: 403, error: 'Forbidden', message: `user ${user} is not an administrator` });
  return { orders_today: 312, user };
});
fastify.get('/open/health', async () => ({ status: 'ok' }));
fastify.get('/ops/health', async () => ({ status: 'ok' }));
fastify.listen({ port: +process.argv[2], host: '127.0.0.1' });
