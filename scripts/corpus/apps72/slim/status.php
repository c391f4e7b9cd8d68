<?php
// Round-72 corpus: a plain PHP script next to the Slim front controller (an
// old status page nobody ported). It calls a function that no longer exists:
// a fatal Error; with display_errors off PHP-FPM answers 500 with an empty body.
header('Content-Type: application/json');
$db = legacy_db_connect('orders');
echo json_encode(['db' => $db ? 'up' : 'down']);
