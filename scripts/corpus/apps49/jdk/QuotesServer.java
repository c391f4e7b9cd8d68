// Round-49 corpus: a quotes API on the JDK's own com.sun.net.httpserver (no
// framework, no Spring), behind Apache's mod_proxy_http. JSON errors written
// by the handlers; HttpServer's own "No context found for request" 404 for a
// path no context covers; a handler that throws (HttpServer then closes the
// connection without an answer).   java QuotesServer PORT
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

public class QuotesServer {
    static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = (json + "\n").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream os = ex.getResponseBody()) { os.write(b); }
    }

    static String body(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) { return new String(in.readAllBytes(), StandardCharsets.UTF_8); }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.createContext("/api/quotes", ex -> {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (path.equals("/api/quotes") || path.equals("/api/quotes/")) {
                if (method.equals("GET")) { send(ex, 200, "[{\"id\":1,\"text\":\"Simplicity is prerequisite for reliability.\"}]"); return; }
                if (method.equals("POST")) {
                    String b = body(ex).trim();
                    if (!b.startsWith("{")) { send(ex, 400, "{\"status\":400,\"error\":\"Bad Request\",\"message\":\"body must be a JSON object\"}"); return; }
                    if (!b.contains("\"text\"")) { send(ex, 422, "{\"status\":422,\"error\":\"Unprocessable Entity\",\"message\":\"text is required\"}"); return; }
                    ex.getResponseHeaders().set("Location", "/api/quotes/2");
                    send(ex, 201, "{\"id\":2}"); return;
                }
                ex.getResponseHeaders().set("Allow", "GET, POST");
                send(ex, 405, "{\"status\":405,\"error\":\"Method Not Allowed\",\"message\":\"" + method + " is not supported\"}"); return;
            }
            if (path.equals("/api/quotes/1")) { send(ex, 200, "{\"id\":1,\"text\":\"Simplicity is prerequisite for reliability.\"}"); return; }
            if (path.equals("/api/quotes/1/vote")) { send(ex, 409, "{\"status\":409,\"error\":\"Conflict\",\"message\":\"you already voted for quote 1\"}"); return; }
            send(ex, 404, "{\"status\":404,\"error\":\"Not Found\",\"message\":\"no quote at " + path + "\"}");
        });
        server.createContext("/api/admin", ex -> {
            if (ex.getRequestHeaders().getFirst("Authorization") == null) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"quotes-admin\"");
                send(ex, 401, "{\"status\":401,\"error\":\"Unauthorized\"}"); return;
            }
            send(ex, 403, "{\"status\":403,\"error\":\"Forbidden\",\"message\":\"admin role required\"}");
        });
        server.createContext("/api/random", ex -> {
            int[] none = new int[0];
            send(ex, 200, "{\"id\":" + none[0] + "}");  // ArrayIndexOutOfBoundsException
        });
        server.createContext("/api/maintenance", ex -> {
            ex.getResponseHeaders().set("Retry-After", "120");
            send(ex, 503, "{\"status\":503,\"error\":\"Service Unavailable\",\"message\":\"quote index rebuilding\"}");
        });
        server.createContext("/api/slow", ex -> {
            try { Thread.sleep(5000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            send(ex, 200, "{\"status\":\"late\"}");
        });
        server.createContext("/api/today", ex -> {
            ex.getResponseHeaders().set("Location", "/api/quotes/1");
            ex.sendResponseHeaders(303, -1);
            ex.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        System.out.println("listening on " + port);
    }
}
