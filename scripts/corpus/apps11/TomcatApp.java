// The orders API as a plain Jakarta servlet on embedded Tomcat 10.1
// (Debian's libtomcat10-java) for the round-11 corpus. Errors a servlet
// raises with sendError() or an exception are rendered by Tomcat's
// ErrorReportValve (its server info hidden).
//
//   java -cp ... TomcatApp PORT
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;

public class TomcatApp {
    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        File base = new File(System.getProperty("java.io.tmpdir"), "tomcat11-" + args[0]);
        base.mkdirs();
        tomcat.setBaseDir(base.getAbsolutePath());
        Connector c = new Connector();
        c.setPort(Integer.parseInt(args[0]));
        c.setProperty("address", "127.0.0.1");
        tomcat.setConnector(c);
        tomcat.getHost().setAppBase(base.getAbsolutePath());
        ErrorReportValve v = new ErrorReportValve();
        v.setShowServerInfo(false);
        tomcat.getHost().getPipeline().addValve(v);
        Context ctx = tomcat.addContext("", base.getAbsolutePath());
        Tomcat.addServlet(ctx, "orders", new Orders());
        ctx.addServletMappingDecoded("/api/*", "orders");
        tomcat.start();
        tomcat.getServer().await();
    }

    static final class Orders extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String p = req.getPathInfo() == null ? "/" : req.getPathInfo();
            switch (p) {
                case "/health" -> json(resp, 200, "{\"status\":\"ok\"}");
                case "/orders/1" -> json(resp, 200, "{\"id\":1,\"sku\":\"A-1\"}");
                case "/boom" -> throw new IllegalStateException("inventory client not initialised");
                case "/unavailable" -> json(resp, 503, "{\"status\":503,\"error\":\"Service Unavailable\",\"message\":\"search index rebuilding\"}");
                case "/gone" -> resp.sendError(410, "this API version was retired on 2026-06-30");
                default -> {
                    if (p.startsWith("/orders/")) {
                        resp.sendError(404, "order " + p.substring(8) + " not found");
                    } else {
                        resp.sendError(404);
                    }
                }
            }
        }

        private static void json(HttpServletResponse resp, int status, String body) throws IOException {
            resp.setStatus(status);
            resp.setContentType("application/json");
            resp.getWriter().write(body);
        }
    }
}
