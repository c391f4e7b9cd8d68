// The JDK's own HTTP server (com.sun.net.httpserver) in three roles for the
// round-11 corpus: the orders API, an identity service for nginx
// auth_request, and a small API gateway on java.net.http's client.
//
//   java JdkApps.java app PORT
//   java JdkApps.java auth PORT
//   java JdkApps.java gateway PORT /prefix=http://127.0.0.1:P[,apikey] ...
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;

public class JdkApps {
    public static void main(String[] args) throws IOException {
        String mode = args[0];
        int port = Integer.parseInt(args[1]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        switch (mode) {
            case "app" -> server.createContext("/api/", JdkApps::app);
            case "auth" -> server.createContext("/", JdkApps::auth);
            case "gateway" -> {
                Map<String, String[]> routes = new LinkedHashMap<>();
                for (int i = 2; i < args.length; i++) {
                    String[] kv = args[i].split("=", 2);
                    routes.put(kv[0], kv[1].split(","));
                }
                Gateway gw = new Gateway(routes);
                server.createContext("/", gw::handle);
            }
            default -> throw new IllegalArgumentException(mode);
        }
        server.start();
    }

    static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        if (type != null) ex.getResponseHeaders().set("Content-Type", type);
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
        } else {
            ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
            try (OutputStream os = ex.getResponseBody()) { os.write(b); }
        }
        ex.close();
    }

    static void app(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        ex.getRequestBody().readAllBytes();
        ex.getResponseHeaders().set("X-App", "orders-jdk");
        if (path.equals("/api/health")) {
            send(ex, 200, "application/json", "{\"status\":\"ok\"}");
        } else if (path.startsWith("/api/orders/")) {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                send(ex, 405, "application/json", "{\"error\":\"method_not_allowed\",\"allowed\":[\"GET\",\"HEAD\"]}");
            } else if (path.equals("/api/orders/1")) {
                send(ex, 200, "application/json", "{\"id\":1,\"sku\":\"A-1\",\"qty\":2}");
            } else {
                send(ex, 404, "application/json", "{\"error\":\"order_not_found\",\"id\":\"" + path.substring(12) + "\"}");
            }
        } else if (path.equals("/api/catalog")) {
            ex.getResponseHeaders().set("Cache-Control", "public, max-age=60");
            ex.getResponseHeaders().set("ETag", "\"cat-11\"");
            send(ex, 200, "application/json", "{\"items\":[{\"sku\":\"A-1\"},{\"sku\":\"B-2\"}]}");
        } else if (path.equals("/api/boom")) {
            // an uncaught exception: the JDK server logs it and closes the connection
            throw new IllegalStateException("inventory client not initialised");
        } else if (path.equals("/api/fail")) {
            send(ex, 500, "text/plain; charset=utf-8", "Internal error: NullPointerException in OrderService.total\n");
        } else if (path.equals("/api/unavailable")) {
            ex.getResponseHeaders().set("Retry-After", "20");
            send(ex, 503, "application/json", "{\"error\":\"warming_up\",\"detail\":\"cache not loaded\"}");
        } else if (path.equals("/api/upstream")) {
            // the app relays a payment provider's failure in its own HTML, in nginx's words
            send(ex, 502, "text/html", "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
        } else if (path.equals("/api/slow")) {
            try { Thread.sleep(6000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            send(ex, 200, "application/json", "{\"status\":\"late\"}");
        } else if (path.equals("/api/limited")) {
            ex.getResponseHeaders().set("Retry-After", "30");
            send(ex, 429, "application/json", "{\"error\":\"too_many_requests\",\"retry_after\":30}");
        } else if (path.equals("/api/denied")) {
            send(ex, 403, "application/json", "{\"error\":\"forbidden\",\"reason\":\"account suspended\"}");
        } else {
            send(ex, 404, "text/plain", "no route for " + path + "\n");
        }
    }

    static void auth(HttpExchange ex) throws IOException {
        String a = ex.getRequestHeaders().getFirst("Authorization");
        if (a == null) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"orders\"");
            send(ex, 401, null, "");
        } else if (a.equals("Bearer good")) {
            ex.getResponseHeaders().set("X-Auth-User", "oncall");
            send(ex, 204, null, "");
        } else {
            send(ex, 403, null, "");
        }
    }

    static final class Gateway {
        final Map<String, String[]> routes;
        final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1).build();
        static final Set<String> HOP = Set.of("connection", "content-length", "transfer-encoding", "keep-alive", "date", "host", "upgrade");

        Gateway(Map<String, String[]> routes) { this.routes = routes; }

        void handle(HttpExchange ex) throws IOException {
            String rid = UUID.randomUUID().toString();
            ex.getResponseHeaders().set("X-Gateway-Request-Id", rid);
            ex.getResponseHeaders().set("Via", "1.1 orders-jgw");
            String path = ex.getRequestURI().getRawPath();
            String q = ex.getRequestURI().getRawQuery();
            byte[] body = ex.getRequestBody().readAllBytes();
            for (Map.Entry<String, String[]> r : routes.entrySet()) {
                if (!path.startsWith(r.getKey() + "/")) continue;
                String[] t = r.getValue();
                if (t.length > 1) {
                    String key = ex.getRequestHeaders().getFirst("X-Api-Key");
                    if (key == null || !key.equals(t[1])) {
                        ex.getResponseHeaders().set("WWW-Authenticate", "ApiKey realm=\"orders-jgw\"");
                        send(ex, 401, "application/json", "{\"error\":{\"code\":\"UNAUTHENTICATED\",\"message\":\"missing or invalid X-Api-Key\",\"requestId\":\"" + rid + "\"}}");
                        return;
                    }
                }
                String target = t[0] + path.substring(r.getKey().length()) + (q == null ? "" : "?" + q);
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(3))
                        .method(ex.getRequestMethod().equals("HEAD") ? "GET" : ex.getRequestMethod(),
                                body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
                for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
                    String n = h.getKey().toLowerCase();
                    if (HOP.contains(n) || n.equals("expect")) continue;
                    for (String v : h.getValue()) b.header(h.getKey(), v);
                }
                b.header("X-Request-Id", rid);
                HttpResponse<byte[]> resp;
                try {
                    resp = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                } catch (HttpTimeoutException e) {
                    send(ex, 504, "application/json", "{\"error\":{\"code\":\"UPSTREAM_TIMEOUT\",\"message\":\"upstream did not answer in 3s\",\"requestId\":\"" + rid + "\"}}");
                    return;
                } catch (ConnectException e) {
                    send(ex, 502, "application/json", "{\"error\":{\"code\":\"UPSTREAM_UNAVAILABLE\",\"message\":\"connection refused\",\"requestId\":\"" + rid + "\"}}");
                    return;
                } catch (IOException e) {
                    send(ex, 502, "application/json", "{\"error\":{\"code\":\"UPSTREAM_ERROR\",\"message\":\"" + e.getClass().getSimpleName() + "\",\"requestId\":\"" + rid + "\"}}");
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (Map.Entry<String, List<String>> h : resp.headers().map().entrySet()) {
                    String n = h.getKey().toLowerCase();
                    if (HOP.contains(n) || n.startsWith(":")) continue;
                    for (String v : h.getValue()) ex.getResponseHeaders().add(h.getKey(), v);
                }
                byte[] rb = resp.body();
                if (ex.getRequestMethod().equals("HEAD")) {
                    ex.sendResponseHeaders(resp.statusCode(), -1);
                } else {
                    ex.sendResponseHeaders(resp.statusCode(), rb.length == 0 ? -1 : rb.length);
                    try (OutputStream os = ex.getResponseBody()) { os.write(rb); }
                }
                ex.close();
                return;
            }
            send(ex, 404, "application/json", "{\"error\":{\"code\":\"NO_ROUTE\",\"message\":\"no route for " + path + "\",\"requestId\":\"" + rid + "\"}}");
        }
    }
}
