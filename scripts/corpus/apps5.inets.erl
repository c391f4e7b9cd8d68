%% Erlang/OTP inets httpd for the round-5 evidence corpus (capture-round5.sh).
%% The capture script copies this file to v1.erl, compiles it, and runs
%%   erl -noshell -noinput -pa DIR -s v1 start PORT ROOT
%% (no -sname: no epmd, no distribution port). inets serves ROOT/www and, by
%% mod_esi, the functions below under /api/v1/:
%%   /api/v1/health 200;  /api/v1/boom crashes (inets answers 500 itself)
%%   /api/v1/down   the app's JSON 503 (Status header through mod_esi)
%%   /api/v1/catalog cacheable, with an ETag; never answers 304 itself
%% Anything else is inets's own page (404 for a missing file).
-module(v1).
-export([start/1, health/3, boom/3, down/3, catalog/3]).

start([PortA, Root]) ->
    Port = list_to_integer(atom_to_list(PortA)),
    R = atom_to_list(Root),
    ok = inets:start(),
    {ok, _} = inets:start(httpd, [
        {port, Port}, {bind_address, {127, 0, 0, 1}}, {ipfamily, inet},
        {server_name, "orders"}, {server_root, R}, {document_root, R ++ "/www"},
        {modules, [mod_alias, mod_esi, mod_get, mod_head]},
        {erl_script_alias, {"/api", [v1]}},
        {mime_types, [{"json", "application/json"}, {"html", "text/html"}]}]),
    receive stop -> ok end.

health(S, _Env, _In) ->
    mod_esi:deliver(S, "Content-Type: application/json\r\n\r\n{\"status\":\"ok\"}").

boom(_S, _Env, _In) ->
    erlang:error(ledger_connection_lost).

down(S, _Env, _In) ->
    mod_esi:deliver(S, "status: 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                       "Retry-After: 120\r\n\r\n"
                       "{\"error\":\"maintenance\",\"message\":\"orders database under maintenance\"}").

catalog(S, _Env, _In) ->
    mod_esi:deliver(S, "Content-Type: application/json\r\nCache-Control: public, max-age=2\r\n"
                       "ETag: \"catalog-v7\"\r\n\r\n"
                       "{\"items\":[{\"sku\":\"SKU-1\",\"price\":12}]}").
