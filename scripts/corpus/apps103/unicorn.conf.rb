# Round-103 corpus: Unicorn for the Rails and Sinatra apps. One worker;
# `timeout 3` (the master kills a worker stuck longer); the listen address
# and pid come from the command line / UNICORN_PID.
worker_processes 1
timeout 3
pid ENV.fetch("UNICORN_PID")
preload_app false
