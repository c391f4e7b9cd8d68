<?php
// Round-87 corpus: the two-line shim the fronts send /web/* to. The fronts'
// FastCGI hop keeps the browser's REQUEST_URI, so this maps /web/... onto the
// app's own /api/... routes and runs the app's front controller unchanged
// (index.php next to it: Slim's, or a copy of apps87/plain/api.php).
$_SERVER['REQUEST_URI'] = '/api/' . substr($_SERVER['REQUEST_URI'], strlen('/web/'));
require __DIR__ . '/index.php';
