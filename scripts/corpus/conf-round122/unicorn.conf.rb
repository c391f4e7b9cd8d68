# Round-122 corpus: Unicorn for the Sinatra app (apps103/sinatra.ru), as
# round 119 ran it: two workers, timeout 30 (longer than Squid's 3 s
# read_timeout, so the 504 is Squid's); listen address from the command
# line, pid from UNICORN_PID.
worker_processes 2
timeout 30
pid ENV.fetch("UNICORN_PID")
preload_app true
