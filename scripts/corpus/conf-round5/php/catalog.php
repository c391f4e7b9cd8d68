<?php
// cacheable; never looks at If-None-Match, so any 304 comes from a cache
header('Content-Type: application/json');
header('Cache-Control: public, max-age=2');
header('ETag: "catalog-v7"');
echo json_encode(['items' => [['sku' => 'SKU-1', 'price' => 12]]]), "\n";
