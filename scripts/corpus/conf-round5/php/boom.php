<?php
// an uncaught error with display_errors off: PHP sends a 500 with no body
header('Content-Type: application/json');
$ledger = ledger_connect('orders');
echo json_encode(['ok' => true]);
