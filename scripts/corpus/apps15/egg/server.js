// Round-15 corpus: starts the Egg.js orders API in one process (egg's
// `start`, single mode) on 127.0.0.1:PORT, with EGG_SERVER_ENV=prod.
// node server.js PORT   (the app's files are in this directory)
'use strict';
const http = require('http');
const { start } = require('egg');

(async () => {
  const app = await start({ baseDir: __dirname, ignoreWarning: true });
  const server = http.createServer(app.callback());
  app.emit('server', server);
  server.listen(Number(process.argv[2]), '127.0.0.1');
})().catch(err => { console.error(err); process.exit(1); });
