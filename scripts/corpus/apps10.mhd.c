/* The round-10 corpus's C server on GNU libmicrohttpd (capture-round10.sh).
 *
 *   apps10-mhd app PORT    the orders API; 127.0.0.1:PORT only
 *   apps10-mhd auth PORT   an identity service for nginx auth_request:
 *                          "Bearer good" -> 204, none -> 401, else -> 403
 *
 * The app keeps libmicrohttpd's own pages where the library answers: a
 * request whose headers do not fit the connection's memory limit, and a
 * request line it cannot parse. A handler that returns MHD_NO makes the
 * library close the connection with no answer (/api/boom).
 */
#include <microhttpd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int auth_mode;

static enum MHD_Result reply(struct MHD_Connection *c, unsigned int status, const char *type,
                             const char *body, const char *hname, const char *hval) {
    struct MHD_Response *r =
        MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_MUST_COPY);
    if (!r) return MHD_NO;
    if (type) MHD_add_response_header(r, "Content-Type", type);
    if (hname) MHD_add_response_header(r, hname, hval);
    enum MHD_Result ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_size, void **state) {
    (void)cls; (void)version; (void)upload_data;
    static int first;
    if (*state == NULL) { *state = &first; return MHD_YES; }
    if (*upload_size) { *upload_size = 0; return MHD_YES; }
    if (auth_mode) {
        const char *a = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
        if (!a) return reply(c, 401, "text/plain", "unauthenticated\n", "WWW-Authenticate", "Bearer realm=\"orders\"");
        if (strcmp(a, "Bearer good") == 0) return reply(c, 204, NULL, "", "X-Auth-User", "oncall");
        return reply(c, 403, "text/plain", "token rejected\n", NULL, NULL);
    }
    if (strcmp(url, "/api/health") == 0)
        return reply(c, 200, "application/json", "{\"status\":\"ok\"}\n", NULL, NULL);
    if (strncmp(url, "/api/orders/", 12) == 0 && strcmp(method, "GET") == 0) {
        char buf[256];
        snprintf(buf, sizeof buf, "{\"error\":\"order_not_found\",\"order\":\"%.64s\"}\n", url + 12);
        return reply(c, 404, "application/json", buf, NULL, NULL);
    }
    if (strncmp(url, "/api/orders/", 12) == 0)
        return reply(c, 405, "text/plain", "method not allowed\n", "Allow", "GET");
    if (strcmp(url, "/api/boom") == 0) return MHD_NO;
    if (strcmp(url, "/api/unavailable") == 0)
        return reply(c, 503, "text/plain", "orders store offline\n", "Retry-After", "120");
    if (strcmp(url, "/api/catalog") == 0)
        return reply(c, 200, "application/json", "{\"items\":[\"A-1\",\"B-2\"]}\n", "Cache-Control", "public, max-age=5");
    if (strcmp(url, "/api/report") == 0) {
        sleep(4);
        return reply(c, 200, "application/json", "{\"report\":\"late\"}\n", NULL, NULL);
    }
    return reply(c, 404, "text/plain", "not found\n", NULL, NULL);
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s app|auth PORT\n", argv[0]); return 2; }
    auth_mode = strcmp(argv[1], "auth") == 0;
    int port = atoi(argv[2]);
    if (port < 28000 || port > 28999) { fprintf(stderr, "port out of range\n"); return 2; }
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((unsigned short)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION, (unsigned short)port, NULL, NULL,
        &handle, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)4096, MHD_OPTION_END);
    if (!d) { fprintf(stderr, "MHD_start_daemon failed\n"); return 1; }
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigprocmask(SIG_BLOCK, &set, NULL);
    int sig;
    sigwait(&set, &sig);
    MHD_stop_daemon(d);
    return 0;
}
