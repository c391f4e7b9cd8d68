<?php
// the app's own HTML 504 (its reporting backend timed out)
http_response_code(504);
?>
<html>
<head><title>504 Gateway Timeout</title></head>
<body>
<center><h1>504 Gateway Timeout</h1></center>
<hr><center>orders-reporting</center>
</body>
</html>
