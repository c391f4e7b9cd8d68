// Round-49 corpus: an Express 5 todos API started with plain `node app.js`
// (NODE_ENV=production) behind nginx, as the "Node.js app behind nginx"
// tutorials set it up. express.json() with its default 100kb limit; the
// handlers' own JSON errors; what Express answers by itself in production:
// "Cannot GET ...", body-parser's 400 and 413 pages, finalhandler's 500 page,
// res.redirect's 302.   node express_app.js PORT
const express = require('express');
const app = express();
const port = Number(process.argv[2]);
let exportsLeft = 1;

app.use(express.json());

app.get('/api/todos', (req, res) => res.json([{ id: 1, text: 'write runbook', done: false }]));
app.get('/api/todos/:id', (req, res) => {
  if (req.params.id !== '1') return res.status(404).json({ message: `Todo ${req.params.id} not found` });
  res.json({ id: 1, text: 'write runbook', done: false });
});
app.post('/api/todos', (req, res) => {
  if (!req.body || typeof req.body.text !== 'string' || !req.body.text.trim()) {
    return res.status(422).json({ message: 'Validation failed', errors: [{ field: 'text', msg: 'Text is required' }] });
  }
  res.status(201).location('/api/todos/2').json({ id: 2, text: req.body.text, done: false });
});
app.delete('/api/todos/:id', (req, res) => res.status(409).json({ message: 'Todo is shared with 3 people; unshare it first' }));
app.get('/api/profile', (req, res) => {
  if (!req.get('authorization')) return res.status(401).json({ message: 'No token provided' });
  res.status(403).json({ message: 'Token does not grant profile:read' });
});
app.get('/api/export', (req, res) => {
  if (exportsLeft-- > 0) return res.json({ url: '/downloads/todos.csv' });
  res.set('Retry-After', '60').status(429).json({ message: 'Too many requests, please try again later.' });
});
app.get('/api/boom', (req, res) => { const user = undefined; res.json({ name: user.name }); });
app.get('/api/maintenance', (req, res) => res.status(503).set('Retry-After', '120').json({ message: 'Service is under maintenance' }));
app.get('/api/slow', async (req, res) => { await new Promise((r) => setTimeout(r, 5000)); res.json({ status: 'late' }); });
app.get('/app', (req, res) => res.redirect('/login'));

app.listen(port, '127.0.0.1', () => console.log(`listening on ${port}`));
