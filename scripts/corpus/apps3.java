// Servlet for the round-3 evidence corpus (capture-round3.sh), deployed as
// the ROOT webapp of Tomcat 10 (jakarta.servlet) and, with the package name
// changed to javax.servlet by the script, of Jetty 9. Mapped to /api/*:
//   /api/health     200 JSON
//   /api/boom       throws: the container's own 500 error page
//   /api/down       sendError(503): the container's error page, asked for by the app
//   /api/pay        the APP's own JSON 502
//   anything else   sendError(404)
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

public class apps3 extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp)
            throws ServletException, IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        switch (path) {
            case "/health":
                resp.setContentType("application/json");
                resp.getWriter().println("{\"status\":\"ok\"}");
                break;
            case "/boom":
                throw new ServletException("ledger connection lost");
            case "/down":
                resp.setHeader("Retry-After", "120");
                resp.sendError(503, "orders database under maintenance");
                break;
            case "/pay":
                resp.setStatus(502);
                resp.setContentType("application/json");
                resp.getWriter().println(
                    "{\"error\":{\"code\":\"bad_gateway\",\"message\":\"payment provider returned an invalid response\"}}");
                break;
            default:
                resp.sendError(404, "no such resource");
        }
    }
}
