# Round-150 corpus: the Brindle parcels API as a plain Rack app (Debian's
# ruby-rack, no framework), run under Thin (behind nginx) and Puma (behind
# Traffic Server). Every answer is written here: JSON errors
# {"error","message"}, an HTML 403 page, an HTML 502 and a text 504 about a
# dependency, a JSON 503 with Retry-After, a 301, a 204, a 304 for the
# parcel's ETag; unknown paths get a text "Not Found". /api/boom raises (the
# app server's own 500). /api/slow sleeps 5 s.
require "json"

def json(status, body, headers = {})
  [status, { "Content-Type" => "application/json" }.merge(headers), [JSON.generate(body) + "\n"]]
end

def err(status, code, message, headers = {})
  json(status, { error: code, message: message }, headers)
end

PARCEL = { id: 1, ref: "BR-7731", weight_kg: 2.4, state: "in_transit" }.freeze
ETAG = '"br-p1-v3"'

app = lambda do |env|
  req = Rack::Request.new(env)
  path = req.path_info
  case path
  when %r{\A/api/parcels/([^/]+)\z}
    id = Regexp.last_match(1)
    if req.delete?
      next [204, {}, []] if id == "1"
      next err(404, "parcel_not_found", "no parcel #{id}")
    end
    next err(405, "method_not_allowed", "#{req.request_method} is not allowed here", "Allow" => "GET, HEAD, DELETE") unless req.get? || req.head?
    next err(400, "bad_parcel_id", "parcel id must be a number") unless id =~ /\A\d+\z/
    next err(404, "parcel_not_found", "no parcel #{id}", "Cache-Control" => "public, max-age=30") unless id == "1"
    next [304, { "ETag" => ETAG, "Cache-Control" => "public, max-age=60" }, []] if env["HTTP_IF_NONE_MATCH"] == ETAG
    json(200, PARCEL, "Cache-Control" => "public, max-age=60", "ETag" => ETAG, "Last-Modified" => "Mon, 02 Jun 2025 08:00:00 GMT")
  when "/api/parcels"
    next err(405, "method_not_allowed", "use POST", "Allow" => "POST") unless req.post?
    data = begin
      JSON.parse(req.body.read)
    rescue JSON::ParserError
      nil
    end
    next err(400, "malformed_json", "the body is not valid JSON") unless data.is_a?(Hash)
    next json(422, { error: "validation_failed", message: "weight_kg is required", fields: { weight_kg: "required" } }) unless data.key?("weight_kg")
    next err(409, "duplicate_parcel", "a parcel with ref #{data["ref"]} exists") if data["ref"] == "BR-7731"
    json(201, { id: 2, ref: data["ref"], weight_kg: data["weight_kg"], state: "created" }, "Location" => "/api/parcels/2")
  when "/api/me" then err(401, "unauthorized", "a bearer token is required", "WWW-Authenticate" => 'Bearer realm="brindle"')
  when "/api/admin"
    [403, { "Content-Type" => "text/html; charset=utf-8" },
     ["<!DOCTYPE html>\n<html><head><title>403 Forbidden</title></head>\n<body><h1>Forbidden</h1><p>Depot staff only.</p></body></html>\n"]]
  when "/api/labels"
    [502, { "Content-Type" => "text/html; charset=utf-8" },
     ["<!DOCTYPE html>\n<html><head><title>502 Bad Gateway - Brindle</title></head>\n<body><h1>Bad Gateway</h1><p>The label printer service sent an invalid answer.</p></body></html>\n"]]
  when "/api/tracking" then err(503, "carrier_unavailable", "the carrier API is down", "Retry-After" => "120")
  when "/api/quotes"
    [504, { "Content-Type" => "text/plain; charset=utf-8" }, ["Gateway Timeout: the rates service did not answer in 3 s\n"]]
  when "/api/boom" then raise "depot table is nil"
  when %r{\A/track/(\w+)\z} then [301, { "Location" => "/api/parcels/#{Regexp.last_match(1)}", "Content-Type" => "text/plain" }, ["Moved Permanently\n"]]
  when "/api/slow"
    sleep 5
    json(200, { status: "late" })
  when "/healthz" then [200, { "Content-Type" => "text/plain" }, ["ok\n"]]
  else [404, { "Content-Type" => "text/plain" }, ["Not Found\n"]]
  end
end

run app
