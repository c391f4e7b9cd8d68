<?php
http_response_code(503);
header('Content-Type: application/json');
header('Retry-After: 120');
echo json_encode(['error' => 'maintenance', 'message' => 'orders database under maintenance']), "\n";
