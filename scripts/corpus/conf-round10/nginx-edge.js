// njs for the round-10 nginx edge: checks and error bodies written in JS.
function json(r, status, obj) {
    obj.request_id = r.variables.request_id;
    r.headersOut['Content-Type'] = 'application/json';
    r.return(status, JSON.stringify(obj) + '\n');
}

function keycheck(r) {
    var key = r.headersIn['X-Api-Key'];
    if (!key) {
        r.headersOut['WWW-Authenticate'] = 'ApiKey realm="orders-edge"';
        return json(r, 401, { error: 'unauthorized', message: 'X-Api-Key header is required' });
    }
    if (key !== 'k-live-10') {
        return json(r, 403, { error: 'forbidden', message: 'API key not recognised' });
    }
    r.internalRedirect('@mhd');
}

function error(r) {
    var code = Number(r.uri.split('/').pop());
    var words = { 429: 'too many requests for this client', 502: 'upstream unavailable', 504: 'upstream timed out' };
    var names = { 429: 'rate_limited', 502: 'bad_gateway', 504: 'gateway_timeout' };
    if (code === 429) { r.headersOut['Retry-After'] = '30'; }
    json(r, code, { error: names[code] || 'edge_error', message: words[code] || 'edge error' });
}

function notFound(r) {
    json(r, 404, { error: 'not_found', message: 'no upstream is mapped to ' + r.uri });
}

export default { keycheck, error, notFound };
