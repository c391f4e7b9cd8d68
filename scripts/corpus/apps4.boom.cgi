#!/bin/sh
# CGI script for the round-4 corpus (capture-round4.sh): crashes before it
# writes a single header line, so the web server decides what to answer.
echo "ledger connection lost" >&2
exit 1
