'use strict';
// Shared bits of the round-45 Node apps (Feathers, tinyhttp, h3, Hono).

const ORDER = { id: 1, sku: 'A-1', qty: 2, status: 'paid' };
const CATALOG = { items: [{ sku: 'A-1', price: 12 }, { sku: 'B-2', price: 30 }], version: 7 };
const CATALOG_HEADERS = { 'Cache-Control': 'public, max-age=60', ETag: '"catalog-v7"' };

function portArg(text) {
  const port = Number(text);
  if (!(port >= 58100 && port <= 58199)) {
    process.stderr.write('port must be in 58100-58199\n');
    process.exit(2);
  }
  return port;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

module.exports = { ORDER, CATALOG, CATALOG_HEADERS, portArg, sleep };
