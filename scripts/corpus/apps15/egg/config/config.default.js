'use strict';
// Round-15 corpus: the orders API's Egg config, as a team ships it: CSRF on
// (egg-security's default) except for the JSON API under /api, the JSON body
// limit cut to 1kb, logs under the run directory.
module.exports = appInfo => ({
  keys: 'orders-egg-cookie-keys-1',
  security: {
    csrf: { ignore: '/api' },
  },
  bodyParser: { jsonLimit: '1kb', formLimit: '1kb' },
  logger: { dir: process.env.EGG_LOG_DIR || `${appInfo.baseDir}/logs`, consoleLevel: 'NONE' },
  rundir: process.env.EGG_RUN_DIR || `${appInfo.baseDir}/run`,
});
