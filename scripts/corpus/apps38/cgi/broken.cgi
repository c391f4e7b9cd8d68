#!/bin/sh
# Round 38: a CGI script that dies before printing any header.
echo "db connect failed" >&2
exit 1
