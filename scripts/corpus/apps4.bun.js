// Bun app for the round-4 evidence corpus (capture-round4.sh): Bun.serve with
// no error handler of its own, so a thrown error gets Bun's default answer.
// The Bun binary comes from npm (package `bun`). Binds 127.0.0.1 only.
//
//   bun apps4.bun.js PORT
//
// /api/health 200; /api/boom throws (Bun's own 500); /api/pay the APP's own
// JSON 502; anything else the app's plain 404.
const port = Number(process.argv[2]);
if (!(port >= 22000 && port <= 22999)) {
  console.error('usage: bun apps4.bun.js PORT (22000-22999)');
  process.exit(2);
}
const PAY = { error: { code: 'bad_gateway', message: 'payment provider returned an invalid response' } };

Bun.serve({
  hostname: '127.0.0.1',
  port,
  development: false,
  fetch(req) {
    const path = new URL(req.url).pathname.replace(/^.*?(\/api\/)/, '/api/');
    if (path === '/api/health') return Response.json({ status: 'ok' });
    if (path === '/api/boom') throw new Error('ledger connection lost');
    if (path === '/api/pay') return Response.json(PAY, { status: 502 });
    return new Response('Not Found', { status: 404 });
  },
});
