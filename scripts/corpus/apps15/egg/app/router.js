'use strict';
module.exports = app => {
  const { router, controller: c } = app;
  router.get('/api/health', c.orders.health);
  router.get('/api/orders/:id', c.orders.show);
  router.post('/api/orders', c.orders.create);
  router.post('/api/orders/:id/cancel', c.orders.cancel);
  router.get('/api/admin/reports', c.orders.reports);
  router.get('/api/limited', c.orders.limited);
  router.get('/api/boom', c.orders.boom);
  router.get('/api/maintenance', c.orders.maintenance);
  router.get('/api/inventory', c.orders.inventory);
  router.get('/api/slow', c.orders.slow);
  router.get('/api/catalog', c.orders.catalog);
  router.get('/api/export', c.orders.exportCsv);
  router.post('/webhooks/stripe', c.orders.webhook);
};
