// Spring MVC 4.3 (Debian's libspring-*-java) on Jetty 9.4 (libjetty9-java),
// and Jetty's own ProxyServlet as a small gateway, for the round-11 corpus.
//
//   java -cp ... SpringJetty spring PORT
//   java -cp ... SpringJetty proxy PORT UPSTREAM-BASE-URL
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.proxy.ProxyServlet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

public class SpringJetty {
    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector c = new ServerConnector(server);
        c.setHost("127.0.0.1");
        c.setPort(Integer.parseInt(args[1]));
        server.addConnector(c);
        ServletContextHandler ctx = new ServletContextHandler();
        ctx.setContextPath("/");
        if (args[0].equals("spring")) {
            AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
            spring.register(WebConfig.class, OrdersController.class);
            ctx.addServlet(new ServletHolder(new DispatcherServlet(spring)), "/");
        } else {
            ServletHolder proxy = new ServletHolder(new ProxyServlet.Transparent());
            proxy.setInitParameter("proxyTo", args[2]);
            proxy.setInitParameter("timeout", "2000");
            proxy.setInitParameter("idleTimeout", "2000");
            ctx.addServlet(proxy, "/*");
        }
        server.setHandler(ctx);
        server.start();
        server.join();
    }

    // Debian's Spring 4.3 cannot make CGLIB proxies on this JDK, so no
    // @Configuration or @EnableWebMvc: a "lite" component declares the MVC
    // beans itself, with Jackson for JSON.
    @Component
    public static class WebConfig {
        @Bean
        public RequestMappingHandlerMapping handlerMapping() {
            return new RequestMappingHandlerMapping();
        }

        @Bean
        public RequestMappingHandlerAdapter handlerAdapter() {
            RequestMappingHandlerAdapter a = new RequestMappingHandlerAdapter();
            List<HttpMessageConverter<?>> conv = new ArrayList<>();
            conv.add(new MappingJackson2HttpMessageConverter());
            conv.add(new StringHttpMessageConverter());
            a.setMessageConverters(conv);
            return a;
        }
    }

    @ResponseStatus(value = HttpStatus.NOT_FOUND, reason = "Order not found")
    public static class OrderNotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    public static class Order {
        public String sku;
        public int qty;
    }

    @RestController
    public static class OrdersController {
        @RequestMapping(value = "/api/health", method = RequestMethod.GET)
        public Map<String, String> health() {
            return Collections.singletonMap("status", "ok");
        }

        @RequestMapping(value = "/api/orders/{id}", method = RequestMethod.GET)
        public Map<String, Object> order(@PathVariable("id") int id) {
            if (id != 1) {
                throw new OrderNotFound();
            }
            Map<String, Object> m = new HashMap<>();
            m.put("id", 1);
            m.put("sku", "A-1");
            return m;
        }

        @RequestMapping(value = "/api/orders", method = RequestMethod.POST)
        public ResponseEntity<Map<String, Object>> create(@RequestBody Order o) {
            Map<String, Object> m = new HashMap<>();
            m.put("id", 2);
            m.put("sku", o.sku);
            return new ResponseEntity<>(m, HttpStatus.CREATED);
        }

        @RequestMapping(value = "/api/boom", method = RequestMethod.GET)
        public Map<String, String> boom() {
            throw new IllegalStateException("inventory client not initialised");
        }

        @RequestMapping(value = "/api/unavailable", method = RequestMethod.GET)
        public ResponseEntity<Map<String, Object>> unavailable() {
            Map<String, Object> m = new HashMap<>();
            m.put("timestamp", System.currentTimeMillis());
            m.put("status", 503);
            m.put("error", "Service Unavailable");
            m.put("message", "payments circuit open");
            m.put("path", "/api/unavailable");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "30").body(m);
        }

        @RequestMapping(value = "/api/slow", method = RequestMethod.GET)
        public Map<String, String> slow() throws InterruptedException {
            Thread.sleep(6000);
            return Collections.singletonMap("status", "late");
        }

        @RequestMapping(value = "/api/limited", method = RequestMethod.GET)
        public void limited(HttpServletResponse resp) throws java.io.IOException {
            resp.setHeader("Retry-After", "60");
            resp.sendError(429, "quota exceeded for this API key");
        }
    }
}
