# Puma for the round-64 corpus: serves the Rack::Proxy front
# (apps64/rackproxy_gateway.ru) on 127.0.0.1:60185, one process, 2-4 threads,
# no control app, no state file.
bind 'tcp://127.0.0.1:60185'
threads 2, 4
workers 0
environment 'production'
quiet
