#!/bin/sh
# CGI script for the round-4 corpus (capture-round4.sh): the app answers 503
# with its own JSON through the CGI Status header.
printf 'Status: 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 120\r\n\r\n'
printf '{"error":"maintenance","message":"orders database under maintenance"}\n'
