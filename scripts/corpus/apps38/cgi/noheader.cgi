#!/bin/sh
# Round 38: a CGI script that prints a body with no header block.
echo "Traceback: report generator crashed"
