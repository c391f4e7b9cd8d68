// Starts express-gateway from this config dir (as `eg gateway create` does).
'use strict';
require('express-gateway')().load(process.env.EG_CONFIG_DIR).run();
