# Round-124 corpus (copied from round 122): Unicorn for the Sinatra app
# (apps99/sinatra.ru): ONE worker, timeout 30 (longer than the fronts' 3 s,
# so the timeout answer is the front's); listen address from the command
# line, pid from UNICORN_PID.
worker_processes 1
timeout 30
pid ENV.fetch("UNICORN_PID")
preload_app true
