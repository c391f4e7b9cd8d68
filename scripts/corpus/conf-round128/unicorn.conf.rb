# Round-126 corpus (copied from round 123): Unicorn for the Sinatra (apps103/sinatra.ru) and Rails (apps103/rails_api.ru) apps, as a
# team most often writes it: two workers, timeout 30 (round 103's `timeout 3`
# would race nginx's 3 s proxy_read_timeout); listen address from the
# command line, pid from UNICORN_PID.
worker_processes 2
timeout 30
pid ENV.fetch("UNICORN_PID")
preload_app true
