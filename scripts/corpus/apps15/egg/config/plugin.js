'use strict';
// no views, no sessions in the API
module.exports = {
  view: false,
  session: false,
  i18n: false,
  watcher: false,
  development: false,
  logrotator: false,
  schedule: false,
  static: false,
  jsonp: false,
  multipart: false,
};
