// Round-75 corpus (capture-round75.sh): the Wayfarer shipments API as one
// plain servlet on Tomcat 10 (Jakarta Servlet 6), mapped to /api/* and
// /healthz, behind Squid. The connector has maxThreads="1": one request at
// a time. The routes of every round-75 app (see litestar_app.py). Tomcat's
// own answers: the stock ErrorReportValve page for an uncaught exception
// (500) and the DefaultServlet's 404 for a path outside /api/.
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

public class ShipmentsServlet extends HttpServlet {
    private static final String FLAGS = System.getProperty("corpus.flags", "/nonexistent");
    private static final String PAGE_502 = "<!DOCTYPE html>\n"
            + "<html lang=\"en\"><head><meta charset=\"utf-8\"><title>502 Bad Gateway</title></head>\n"
            + "<body><h1>Bad Gateway</h1>\n"
            + "<p>The label printer service is not reachable. Try again in a minute.</p>\n"
            + "<hr><p>Wayfarer Shipments</p></body></html>\n";

    private static void json(HttpServletResponse resp, int status, String body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=UTF-8");
        resp.getWriter().write(body);
    }

    private static boolean flag(String name) {
        return new File(FLAGS, name).exists();
    }

    private static String dep(int port) {  // "ok", "refused" or "timeout"
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: dep\r\n\r\n".getBytes());
            out.flush();
            InputStream in = s.getInputStream();
            in.read(new byte[1024]);
            return "ok";
        } catch (SocketTimeoutException e) {
            return "timeout";
        } catch (IOException e) {
            return "refused";
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        if (path.equals("/healthz")) {
            if (flag("unhealthy")) json(resp, 503, "{\"status\":\"failing\",\"checks\":{\"database\":\"timeout\"}}");
            else json(resp, 200, "{\"status\":\"ok\"}");
            return;
        }
        if (flag("draining")) {
            resp.setHeader("Retry-After", "30");
            json(resp, 503, "{\"error\":\"draining\",\"message\":\"this instance is shutting down, retry on another\"}");
            return;
        }
        if (path.startsWith("/api/shipments/")) {
            String id = path.substring("/api/shipments/".length());
            if (!id.matches("\\d+")) { json(resp, 400, "{\"error\":\"bad_request\",\"message\":\"shipment id must be a number\"}"); return; }
            if (!id.equals("1")) { json(resp, 404, "{\"error\":\"not_found\",\"message\":\"shipment " + id + " not found\"}"); return; }
            resp.setHeader("Cache-Control", "public, max-age=60");
            resp.setHeader("ETag", "\"shp-1-v3\"");
            json(resp, 200, "{\"id\":1,\"carrier\":\"DHL\",\"status\":\"in_transit\",\"eta\":\"2026-12-07\"}");
        } else if (path.equals("/api/account")) {
            resp.setHeader("WWW-Authenticate", "Bearer realm=\"shipments\"");
            json(resp, 401, "{\"error\":\"unauthorized\",\"message\":\"missing bearer token\"}");
        } else if (path.equals("/api/boom")) {
            throw new IllegalStateException("carrier table not loaded");
        } else if (path.equals("/api/slow") || path.equals("/api/export")) {
            int secs = path.equals("/api/slow") ? 5 : 6;
            try { Thread.sleep(secs * 1000L); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            json(resp, 200, path.equals("/api/slow") ? "{\"status\":\"ok\",\"waited\":5}" : "{\"status\":\"ok\",\"rows\":1200}");
        } else if (path.equals("/api/rates")) {
            if (!dep(61298).equals("ok")) { json(resp, 502, "{\"error\":\"bad_gateway\",\"message\":\"carrier rates service unreachable\",\"dependency\":\"carrier-rates\"}"); return; }
            json(resp, 200, "{\"rates\":[]}");
        } else if (path.startsWith("/api/tracking/")) {
            if (!dep(61297).equals("ok")) { json(resp, 504, "{\"error\":\"gateway_timeout\",\"message\":\"tracking service did not answer within 1s\",\"dependency\":\"tracking\"}"); return; }
            json(resp, 200, "{\"events\":[]}");
        } else if (path.startsWith("/api/labels/")) {
            if (!dep(61298).equals("ok")) {
                resp.setStatus(502);
                resp.setContentType("text/html;charset=UTF-8");
                resp.getWriter().write(PAGE_502);
                return;
            }
            resp.getWriter().write("<p>label</p>");
        } else {
            resp.sendError(404, "No route for " + path);
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (flag("draining")) {
            resp.setHeader("Retry-After", "30");
            json(resp, 503, "{\"error\":\"draining\",\"message\":\"this instance is shutting down, retry on another\"}");
            return;
        }
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        if (path.equals("/api/export")) {  // POST: start an export (6 s, never retried by a front)
            try { Thread.sleep(6000L); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            json(resp, 200, "{\"status\":\"ok\",\"rows\":1200}");
            return;
        }
        StringBuilder sb = new StringBuilder();
        try (BufferedReader r = req.getReader()) { String l; while ((l = r.readLine()) != null) sb.append(l); }
        String b = sb.toString();
        if (!b.contains("\"carrier\"") || !b.matches(".*\"weight\"\\s*:\\s*[1-9].*")) {
            json(resp, 422, "{\"error\":\"validation_failed\",\"fields\":{\"weight\":\"must be greater than 0\"}}");
            return;
        }
        resp.setHeader("Location", "/api/shipments/2");
        json(resp, 201, "{\"id\":2,\"carrier\":\"DHL\",\"status\":\"created\"}");
    }
}
