// Round-25 corpus: an orders servlet on Jetty 9 (javax), mapped to /api/*,
// answering its errors in the shape Spring Boot teams are used to
// ({"timestamp","status","error","message","path"}) plus the requestId the
// front sent (X-Request-ID), echoed as a header as well; it also passes a
// traceparent on. sendError(...) and uncaught exceptions give Jetty's own
// "HTTP ERROR ..." pages, which carry no id in the body.
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

public class OrdersServlet extends HttpServlet {
    private static String rid(HttpServletRequest req) {
        String r = req.getHeader("X-Request-ID");
        return r == null || r.isEmpty() ? UUID.randomUUID().toString() : r;
    }

    private static void error(HttpServletRequest req, HttpServletResponse resp, int status, String reason, String msg)
            throws IOException {
        String id = rid(req);
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setHeader("X-Request-ID", id);
        resp.getWriter().write("{\"timestamp\":\"" + Instant.now() + "\",\"status\":" + status + ",\"error\":\"" + reason
                + "\",\"message\":\"" + msg + "\",\"path\":\"" + req.getRequestURI() + "\",\"requestId\":\"" + id + "\"}");
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String p = req.getPathInfo() == null ? "/" : req.getPathInfo();
        String tp = req.getHeader("traceparent");
        if (tp != null) resp.setHeader("traceparent", tp);
        try {
            if (p.equals("/orders") && req.getMethod().equals("POST")) {
                if (req.getContentLength() > 2048) { error(req, resp, 413, "Payload Too Large", "Maximum upload size exceeded"); return; }
                error(req, resp, 400, "Bad Request", "Validation failed for object='orderRequest'. Error count: 1");
                return;
            }
            if (!req.getMethod().equals("GET")) {
                resp.setHeader("Allow", "GET");
                error(req, resp, 405, "Method Not Allowed", "Request method '" + req.getMethod() + "' is not supported");
                return;
            }
            switch (p) {
                case "/orders/1" -> { resp.setContentType("application/json"); resp.getWriter().write("{\"id\":1,\"sku\":\"A-1\"}"); }
                case "/orders/7" -> error(req, resp, 404, "Not Found", "Order 7 not found");
                case "/admin/reports" -> {
                    resp.setHeader("WWW-Authenticate", "Bearer");
                    error(req, resp, 401, "Unauthorized", "Full authentication is required to access this resource");
                }
                case "/inventory" -> { Thread.sleep(1000); error(req, resp, 504, "Gateway Timeout", "inventory did not answer within 1000 ms"); }
                case "/maintenance" -> { resp.setHeader("Retry-After", "600"); resp.sendError(503, "Down for maintenance"); }
                case "/legacy" -> resp.sendError(410, "This endpoint was removed in v2");
                case "/export" -> { Thread.sleep(5000); resp.setContentType("application/json"); resp.getWriter().write("{\"status\":\"done\"}"); }
                case "/slow" -> { Thread.sleep(5000); resp.setContentType("application/json"); resp.getWriter().write("{\"status\":\"late\"}"); }
                case "/boom" -> throw new IllegalStateException("order cache not initialised");
                default -> resp.sendError(404);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            resp.sendError(500);
        }
    }
}
