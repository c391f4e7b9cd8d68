#!/bin/sh
# Round 38: a CGI orders endpoint under mini_httpd. It sets its own status
# with the CGI Status header.
case "$PATH_INFO" in
  /1)
    printf 'Status: 200 OK\r\nContent-Type: application/json\r\n\r\n{"id":1,"sku":"A-1","qty":2}\n' ;;
  /maintenance)
    printf 'Status: 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 900\r\n\r\n{"error":"maintenance","message":"back at 04:00 UTC"}\n' ;;
  /gone)
    printf 'Status: 410 Gone\r\n\r\n' ;;
  *)
    printf 'Status: 404 Not Found\r\nContent-Type: application/json\r\n\r\n{"error":"order_not_found","path":"%s"}\n' "$PATH_INFO" ;;
esac
