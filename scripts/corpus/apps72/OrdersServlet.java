// Round-72 corpus (capture-round72.sh): round 44's servlet with two routes
// added, the app's own HTML 502 (/api/payments) and 503 (/api/statements).
// Round-44 corpus: a small orders API as one plain servlet, mapped to /api/*.
// Written against Jakarta Servlet 6 for Tomcat 10; the capture script turns
// `jakarta.servlet` into `javax.servlet` for Jetty 9 (Servlet 3.1) and
// compiles the same code twice. Errors the way servlet code writes them:
// JSON bodies with setStatus, sendError(code, message) (the container's own
// error page), sendRedirect, and exceptions left uncaught.
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.UUID;

public class OrdersServlet extends HttpServlet {
    private static void json(HttpServletResponse resp, int status, String body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=UTF-8");
        resp.getWriter().write(body + "\n");
    }

    private static void page(HttpServletResponse resp, int status, String title, String text) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/html;charset=UTF-8");
        resp.getWriter().write("<!doctype html>\n<html><head><title>" + title + "</title></head>\n<body>\n<h1>" + title.substring(4)
                + "</h1>\n<p>" + text + "</p>\n<hr><p>Orders service</p>\n</body></html>\n");
    }

    private static String path(HttpServletRequest req) {
        return req.getPathInfo() == null ? "/" : req.getPathInfo();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        String p = path(req);
        if (p.matches("/orders/[0-9]+") && !p.equals("/orders/1") && !p.equals("/orders/9")) {
            json(resp, 404, "{\"error\":\"not_found\",\"message\":\"order " + p.substring(8) + " does not exist\"}");
            return;
        }
        if (p.startsWith("/orders/") && !p.substring(8).matches("[0-9]+")) {
            json(resp, 400, "{\"error\":\"bad_request\",\"message\":\"order id must be a number\",\"field\":\"id\"}");
            return;
        }
        switch (p) {
            case "/health" -> json(resp, 200, "{\"status\":\"ok\"}");
            case "/orders" -> json(resp, 200, "{\"orders\":[{\"id\":1,\"sku\":\"A-1\",\"qty\":2}],\"next\":null}");
            case "/orders/1" -> json(resp, 200, "{\"id\":1,\"sku\":\"A-1\",\"qty\":2,\"status\":\"shipped\"}");
            case "/orders/9" -> resp.sendError(404, "Order 9 not found");
            case "/catalog" -> {
                resp.setHeader("Cache-Control", "public, max-age=300");
                resp.setHeader("ETag", "\"catalog-v7\"");
                json(resp, 200, "{\"items\":[{\"sku\":\"A-1\",\"price\":\"9.90\"},{\"sku\":\"B-2\",\"price\":\"24.00\"}]}");
            }
            case "/admin/reports" -> {
                String auth = req.getHeader("Authorization");
                if (auth == null || !auth.startsWith("Bearer ")) {
                    resp.setHeader("WWW-Authenticate", "Bearer realm=\"orders\"");
                    json(resp, 401, "{\"error\":\"unauthorized\",\"message\":\"missing bearer token\"}");
                } else {
                    json(resp, 403, "{\"error\":\"forbidden\",\"message\":\"token lacks scope reports:read\"}");
                }
            }
            case "/exports" -> resp.sendError(403, "Exports are disabled for this account");
            case "/search" -> {
                resp.setHeader("Retry-After", "30");
                json(resp, 429, "{\"error\":\"rate_limited\",\"message\":\"too many searches, retry in 30 s\"}");
            }
            case "/fail" -> json(resp, 500, "{\"error\":\"internal_error\",\"message\":\"unexpected error\",\"requestId\":\""
                    + UUID.randomUUID() + "\"}");
            case "/boom" -> throw new IllegalStateException("connection pool exhausted");
            case "/report" -> throw new ServletException("report generation failed",
                    new java.sql.SQLException("Connection refused: db.internal:5432"));
            case "/maintenance" -> {
                resp.setHeader("Retry-After", "120");
                json(resp, 503, "{\"error\":\"maintenance\",\"message\":\"back at 02:00 UTC\"}");
            }
            case "/quote" -> resp.sendError(503, "Pricing service unavailable");
            case "/payments" -> page(resp, 502, "502 Bad Gateway", "The card processor sent back a reply we could not parse. No payment was taken.");
            case "/statements" -> page(resp, 503, "503 Service Unavailable", "Statements are being regenerated. Please come back in a few minutes.");
            case "/old-orders" -> resp.sendRedirect("/api/orders");
            case "/slow" -> {
                try { Thread.sleep(5000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                json(resp, 200, "{\"status\":\"late\"}");
            }
            case "/trace" -> {
                // a debugging header that grew too big: 20 000 characters
                // (45 000 with ?all=1)
                int n = "1".equals(req.getParameter("all")) ? 9000 : 4000;
                resp.setHeader("X-Debug-Trace", "span-".repeat(n));
                json(resp, 200, "{\"status\":\"ok\"}");
            }
            default -> json(resp, 404, "{\"error\":\"not_found\",\"message\":\"no route for GET " + p + "\"}");
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        String p = path(req);
        if (p.matches("/orders/[0-9]+/cancel")) {
            json(resp, 409, "{\"error\":\"conflict\",\"message\":\"order already shipped\"}");
        } else if (p.equals("/orders")) {
            StringBuilder sb = new StringBuilder();
            BufferedReader r = req.getReader();
            String line;
            while ((line = r.readLine()) != null && sb.length() < 65536) sb.append(line);
            String body = sb.toString().replace(" ", "");
            if (!body.startsWith("{")) {
                json(resp, 400, "{\"error\":\"bad_request\",\"message\":\"body must be a JSON object\"}");
            } else if (body.contains("\"qty\":0") || !body.contains("\"qty\"")) {
                json(resp, 422, "{\"error\":\"validation_failed\",\"fields\":{\"qty\":\"must be greater than 0\"}}");
            } else {
                resp.setHeader("Location", "/api/orders/2");
                json(resp, 201, "{\"id\":2,\"status\":\"created\"}");
            }
        } else if (p.equals("/notes")) {
            // a form post: read the parameters the container parsed
            String note = req.getParameter("note");
            json(resp, 201, "{\"saved\":" + (note == null ? 0 : note.length()) + "}");
        } else {
            json(resp, 404, "{\"error\":\"not_found\",\"message\":\"no route for POST " + p + "\"}");
        }
    }
}
