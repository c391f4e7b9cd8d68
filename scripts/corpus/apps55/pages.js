// Round-55 corpus: the HTML error pages the Node apps write themselves when
// a service they depend on fails. The app's pages, not a front's.
const PAGES = {
  502: ['502 Bad Gateway', 'Bad Gateway', 'The card processor sent back a reply we could not parse. No payment was taken.'],
  503: ['503 Service Unavailable', 'Service Unavailable', 'Statements are being regenerated for the new tax year. Please come back in a few minutes.'],
  504: ['504 Gateway Timeout', 'Gateway Timeout', 'The bank feed did not answer in time. Your balances are unchanged; try again shortly.'],
};
exports.page = (status) => {
  const [title, h1, text] = PAGES[status];
  return `<!doctype html>\n<html><head><title>${title}</title></head>\n<body>\n<h1>${h1}</h1>\n<p>${text}</p>\n<hr><p>Ledgerly invoicing</p>\n</body></html>\n`;
};
exports.INVOICES = { 1: { id: 1, ref: 'LG-1001', status: 'sent', total: '120.00', currency: 'EUR' } };
