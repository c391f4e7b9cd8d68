# Round-103 corpus: the Orrin timetable API as a plain Rack app (Debian's
# ruby-rack, no framework) under Puma in production. The handlers write
# their own answers: JSON errors {"error","message"}, a text 404 "Not
# Found" for unknown paths, a 405 with Allow, a 301. /api/routes/1 is
# cacheable (public, ETag, Last-Modified); a missing route id is a 404 the
# app marks cacheable (max-age=30). /api/boom raises: Puma's own
# lowlevel-error 500. /api/slow sleeps 5 s; /api/reset hijacks the socket
# and closes it.
require "json"

def json(status, body, headers = {})
  [status, { "Content-Type" => "application/json" }.merge(headers), [JSON.generate(body) + "\n"]]
end

def err(status, code, message, headers = {})
  json(status, { error: code, message: message }, headers)
end

app = lambda do |env|
  req = Rack::Request.new(env)
  path = req.path_info
  case path
  when %r{\A/api/routes/(\w+)\z}
    id = Regexp.last_match(1)
    next [405, { "Allow" => "GET, HEAD", "Content-Type" => "application/json" }, [JSON.generate(error: "method_not_allowed", message: "routes are read-only") + "\n"]] unless req.get? || req.head?
    next err(404, "not_found", "no route #{id}", "Cache-Control" => "public, max-age=30") unless id == "1"
    if env["HTTP_IF_NONE_MATCH"] == '"rt-1-v9"'
      next [304, { "ETag" => '"rt-1-v9"', "Cache-Control" => "public, max-age=60" }, []]
    end
    json(200, { id: 1, line: "Orrin Loop", departures: ["07:10", "07:40"] },
         "Cache-Control" => "public, max-age=60", "ETag" => '"rt-1-v9"', "Last-Modified" => "Mon, 02 Mar 2026 09:00:00 GMT")
  when "/api/stops"
    next err(405, "method_not_allowed", "use POST", "Allow" => "POST") unless req.post?
    raw = req.body.read
    next err(413, "payload_too_large", "stop bodies are limited to 1 KB") if raw.bytesize > 1024
    data = begin
      JSON.parse(raw)
    rescue JSON::ParserError
      nil
    end
    next err(400, "bad_request", "the body is not valid JSON") if data.nil?
    next err(422, "validation_failed", "name can't be blank") if data["name"].to_s.empty?
    next err(409, "conflict", "a stop named #{data["name"]} exists") if data["name"] == "Quay"
    json(201, { id: 2, name: data["name"] })
  when "/api/rates"
    json(200, { adult: "2.40", child: "1.20" }, "Cache-Control" => "public, max-age=1")
  when "/api/me" then err(401, "unauthorized", "a pass token is required", "WWW-Authenticate" => 'Bearer realm="orrin"')
  when "/api/admin" then err(403, "forbidden", "depot staff only")
  when "/api/alerts" then err(429, "rate_limited", "alerts are limited to 10 a minute", "Retry-After" => "45")
  when "/api/maintenance" then err(503, "maintenance", "timetables are being republished", "Retry-After" => "300")
  when "/api/boom" then raise "fares table is nil"
  when %r{\A/timetable/(\w+)\z} then [301, { "Location" => "/api/routes/#{Regexp.last_match(1)}", "Content-Type" => "text/plain" }, ["Moved\n"]]
  when "/api/slow"
    sleep 5
    json(200, { status: "late" })
  when "/api/reset"
    env["rack.hijack"].call
    env["rack.hijack_io"].close
    [200, {}, []]
  when "/healthz" then [200, { "Content-Type" => "text/plain" }, ["ok\n"]]
  else [404, { "Content-Type" => "text/plain" }, ["Not Found\n"]]
  end
end

run app
