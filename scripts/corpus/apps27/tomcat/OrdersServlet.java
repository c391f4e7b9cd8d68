// Round-27 corpus (round 24's servlet, adapted): the orders API as a plain
// Jakarta servlet on Tomcat 10 (Debian's tomcat10), mapped to /api/*, behind
// HAProxy and behind Varnish. A bearer token that is not accepted gets a 401
// with error="invalid_token", a token without the scope a 403; /catalog may
// be cached for 120 s (with an ETag). Errors the way servlet code writes them: sendError (Tomcat's own
// error report page) and JSON bodies; HttpServlet's default 405 for DELETE;
// a readiness check that fails.
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

public class OrdersServlet extends HttpServlet {
    private static void json(HttpServletResponse resp, int status, String body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=UTF-8");
        resp.getWriter().write(body);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String p = req.getPathInfo() == null ? "/" : req.getPathInfo();
        switch (p) {
            case "/health" -> json(resp, 200, "{\"status\":\"ok\"}");
            case "/health/ready" -> json(resp, 503, "{\"status\":\"DOWN\",\"components\":{\"db\":{\"status\":\"DOWN\",\"details\":{\"error\":\"java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 1000ms.\"}}}}");
            case "/orders/1" -> json(resp, 200, "{\"id\":1,\"sku\":\"A-1\"}");
            case "/orders/7" -> resp.sendError(404, "Order 7 not found");
            case "/admin/reports" -> {
                String auth = req.getHeader("Authorization");
                if (auth == null) {
                    resp.setHeader("WWW-Authenticate", "Bearer realm=\"orders\"");
                    json(resp, 401, "{\"error\":\"unauthorized\",\"message\":\"missing bearer token\"}");
                } else if (auth.equals("Bearer user-token")) {
                    json(resp, 403, "{\"error\":\"forbidden\",\"message\":\"scope reports:read required\"}");
                } else {
                    resp.setHeader("WWW-Authenticate", "Bearer realm=\"orders\", error=\"invalid_token\", error_description=\"Jwt expired at 2026-12-03T21:00:00Z\"");
                    json(resp, 401, "{\"error\":\"invalid_token\",\"message\":\"Jwt expired at 2026-12-03T21:00:00Z\"}");
                }
            }
            case "/catalog" -> {
                resp.setHeader("Cache-Control", "public, max-age=120");
                resp.setHeader("ETag", "\"cat-7f3a\"");
                json(resp, 200, "{\"items\":[{\"sku\":\"A-1\",\"price\":1200},{\"sku\":\"B-2\",\"price\":450}]}");
            }
            case "/limited" -> {
                resp.setHeader("Retry-After", "30");
                json(resp, 429, "{\"error\":\"too_many_requests\",\"message\":\"quota of 100 requests per hour exceeded\"}");
            }
            case "/boom" -> throw new IllegalStateException("connection pool exhausted");
            case "/maintenance" -> {
                resp.setHeader("Retry-After", "120");
                json(resp, 503, "{\"error\":\"maintenance\",\"message\":\"back at 02:00 UTC\"}");
            }
            case "/slow" -> {
                try { Thread.sleep(5000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                json(resp, 200, "{\"status\":\"late\"}");
            }
            default -> resp.sendError(404);
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String p = req.getPathInfo() == null ? "/" : req.getPathInfo();
        if (p.matches("/orders/\\d+/cancel")) {
            json(resp, 409, "{\"error\":\"conflict\",\"message\":\"order already shipped\"}");
        } else if (p.equals("/orders")) {
            json(resp, 422, "{\"error\":\"validation_failed\",\"fields\":{\"qty\":\"must be greater than 0\"}}");
        } else {
            resp.sendError(405);
        }
    }
}
