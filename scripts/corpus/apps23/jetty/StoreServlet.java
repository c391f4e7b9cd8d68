// Round-23 corpus: a storefront servlet on Jetty 9 (javax), mapped to
// /api/*. It calls the orders service itself (java.net.http, 1 s timeout)
// and answers for it: sendError(502/503/504) gives Jetty's own "HTTP ERROR
// ..." report pages, and it also writes JSON 503 with Retry-After.
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

public class StoreServlet extends HttpServlet {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private static void json(HttpServletResponse resp, int status, String body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=UTF-8");
        resp.getWriter().write(body);
    }

    private static int call(String url) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(1)).build();
        return CLIENT.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String p = req.getPathInfo() == null ? "/" : req.getPathInfo();
        try {
            switch (p) {
                case "/orders/1" -> json(resp, 200, "{\"id\":1,\"sku\":\"A-1\"}");
                case "/orders/7" -> resp.sendError(404, "Order 7 not found");
                case "/quote" -> {          // the pricing call is slow: the servlet's own 504
                    try { call("http://127.0.0.1:41010/api/slow"); json(resp, 200, "{}"); }
                    catch (HttpTimeoutException e) { resp.sendError(504, "pricing did not answer within 1 s"); }
                }
                case "/reviews" -> {        // the reviews service is down: the servlet's own 502
                    try { call("http://127.0.0.1:41019/api/reviews"); json(resp, 200, "{}"); }
                    catch (IOException e) { resp.sendError(502, "reviews service unreachable"); }
                }
                case "/cart" -> {           // a JSON 503 with Retry-After
                    resp.setHeader("Retry-After", "60");
                    json(resp, 503, "{\"error\":\"cart_unavailable\",\"message\":\"cart service is restarting\"}");
                }
                case "/maintenance" -> {    // sendError(503): Jetty's error page
                    resp.setHeader("Retry-After", "600");
                    resp.sendError(503, "Down for maintenance");
                }
                case "/slow" -> {
                    Thread.sleep(5000);
                    json(resp, 200, "{\"status\":\"late\"}");
                }
                case "/boom" -> throw new IllegalStateException("inventory cache not initialised");
                default -> resp.sendError(404);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            resp.sendError(500);
        }
    }
}
