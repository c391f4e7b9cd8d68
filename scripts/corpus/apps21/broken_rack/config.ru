# Round-21 corpus: a Rack app that fails to boot under Passenger (a missing
# environment variable the deploy forgot), mounted at /reports.
ENV.fetch("REPORTS_DATABASE_URL")
run ->(env) { [200, { "content-type" => "application/json" }, ['{"status":"ok"}']] }
