// Round-150 corpus: the Kittering freight API on the JDK's own
// com.sun.net.httpserver (no framework). JSON errors {"status","error",
// "message"} written by the handlers, an HTML 403 page, an HTML 502 and a
// text 504 about a dependency, a JSON 503, a 301, a 204, a 304 for the
// shipment's ETag; HttpServer's own "No context found for request" 404 for a
// path no context covers; /api/boom throws (HttpServer then closes the
// connection without an answer). /api/slow sleeps 5 s.   java FreightServer PORT
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

public class FreightServer {
    static final String ETAG = "\"kt-s1-v5\"";

    static void send(HttpExchange ex, int status, String type, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream os = ex.getResponseBody()) { os.write(b); }
    }

    static void json(HttpExchange ex, int status, String json) throws IOException { send(ex, status, "application/json", json + "\n"); }

    static void err(HttpExchange ex, int status, String reason, String msg) throws IOException {
        json(ex, status, "{\"status\":" + status + ",\"error\":\"" + reason + "\",\"message\":\"" + msg + "\"}");
    }

    static String body(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) { return new String(in.readAllBytes(), StandardCharsets.UTF_8); }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.createContext("/api/shipments", ex -> {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (path.equals("/api/shipments")) {
                if (!method.equals("POST")) { ex.getResponseHeaders().set("Allow", "POST"); err(ex, 405, "Method Not Allowed", method + " is not supported"); return; }
                String b = body(ex).trim();
                if (!b.startsWith("{")) { err(ex, 400, "Bad Request", "body must be a JSON object"); return; }
                if (!b.contains("\"dest\"")) { err(ex, 422, "Unprocessable Entity", "dest is required"); return; }
                if (b.contains("KT-DUP")) { err(ex, 409, "Conflict", "shipment KT-DUP already booked"); return; }
                ex.getResponseHeaders().set("Location", "/api/shipments/2");
                json(ex, 201, "{\"id\":2,\"state\":\"booked\"}"); return;
            }
            String id = path.substring("/api/shipments/".length());
            if (method.equals("DELETE")) {
                if (id.equals("1")) { ex.sendResponseHeaders(204, -1); ex.close(); return; }
                err(ex, 404, "Not Found", "no shipment " + id); return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) { ex.getResponseHeaders().set("Allow", "GET, HEAD, DELETE"); err(ex, 405, "Method Not Allowed", method + " is not supported"); return; }
            if (!id.matches("\\d+")) { err(ex, 400, "Bad Request", "shipment id must be a number"); return; }
            if (!id.equals("1")) { err(ex, 404, "Not Found", "no shipment " + id); return; }
            ex.getResponseHeaders().set("ETag", ETAG);
            ex.getResponseHeaders().set("Cache-Control", "private, max-age=60");
            if (ETAG.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) { ex.sendResponseHeaders(304, -1); ex.close(); return; }
            json(ex, 200, "{\"id\":1,\"ref\":\"KT-4410\",\"dest\":\"Rotterdam\",\"state\":\"loading\"}");
        });
        server.createContext("/api/me", ex -> {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"kittering\"");
            err(ex, 401, "Unauthorized", "a bearer token is required");
        });
        server.createContext("/api/admin", ex -> send(ex, 403, "text/html; charset=utf-8",
            "<!DOCTYPE html>\n<html><head><title>403 Forbidden</title></head>\n<body><h1>Forbidden</h1><p>Dispatch staff only.</p></body></html>\n"));
        server.createContext("/api/customs", ex -> send(ex, 502, "text/html; charset=utf-8",
            "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway - Kittering</title></head>\n<body><h1>Bad Gateway</h1><p>The customs broker sent an invalid answer.</p></body></html>\n"));
        server.createContext("/api/berths", ex -> { ex.getResponseHeaders().set("Retry-After", "120"); err(ex, 503, "Service Unavailable", "the port authority API is down"); });
        server.createContext("/api/rates", ex -> send(ex, 504, "text/plain; charset=utf-8", "Gateway Timeout: the rates service did not answer in 3 s\n"));
        server.createContext("/api/boom", ex -> { int[] none = new int[0]; json(ex, 200, "{\"id\":" + none[0] + "}"); });
        server.createContext("/track", ex -> {
            ex.getResponseHeaders().set("Location", "/api/shipments/1");
            ex.sendResponseHeaders(301, -1); ex.close();
        });
        server.createContext("/api/slow", ex -> {
            try { Thread.sleep(5000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            json(ex, 200, "{\"status\":\"late\"}");
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        System.out.println("listening on " + port);
    }
}
