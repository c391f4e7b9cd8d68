// Round-23 corpus: an edge gateway in Go on net/http/httputil.ReverseProxy
// (stdlib only, Go 1.19), the way teams write one:
//   /orders/   -> the orders service, a custom ErrorHandler writing JSON
//                 (502 for a refused or reset upstream, 504 when the
//                 Transport's ResponseHeaderTimeout of 1.5 s fires);
//   /reviews/  -> a service that is not running, same handler;
//   /ledger/   -> a service that resets every connection, same handler;
//   /legacy/   -> the dead service with the stock ErrorHandler (empty 502);
//   /html/     -> the orders service, an ErrorHandler that writes an HTML
//                 page copied from nginx's (it even says nginx);
//   /app/quote -> the gateway's own endpoint, which calls the orders service
//                 itself (http.Client, timeout 1 s) and answers 504 when it
//                 is slow: there it is the app;
//   /healthz   -> the gateway's own health check.
// Every answer gets `Server: nginx` from a wrapper, as some teams do to hide
// what runs.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"time"
)

func jsonErr(w http.ResponseWriter, status int, code, detail string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]interface{}{"status": status, "error": code, "detail": detail})
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func proxyTo(raw, strip string, handler func(http.ResponseWriter, *http.Request, error)) http.Handler {
	u, _ := url.Parse(raw)
	p := httputil.NewSingleHostReverseProxy(u)
	p.Transport = &http.Transport{ResponseHeaderTimeout: 1500 * time.Millisecond, DialContext: (&net.Dialer{Timeout: 2 * time.Second}).DialContext}
	if handler != nil {
		p.ErrorHandler = handler
	}
	if strip == "" {
		return p
	}
	return http.StripPrefix(strip, p)
}

func jsonHandler(w http.ResponseWriter, r *http.Request, err error) {
	if isTimeout(err) {
		jsonErr(w, http.StatusGatewayTimeout, "upstream_timeout", "the upstream did not answer in time")
		return
	}
	jsonErr(w, http.StatusBadGateway, "bad_gateway", err.Error())
}

const nginxPage = "<html>\r\n<head><title>%d %s</title></head>\r\n<body>\r\n<center><h1>%d %s</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"

func htmlHandler(w http.ResponseWriter, r *http.Request, err error) {
	code, reason := 502, "Bad Gateway"
	if isTimeout(err) {
		code, reason = 504, "Gateway Time-out"
	}
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(code)
	fmt.Fprintf(w, nginxPage, code, reason, code, reason)
}

func main() {
	port := os.Args[1]
	orders := "http://127.0.0.1:41010"
	mux := http.NewServeMux()
	mux.Handle("/orders/", proxyTo(orders+"/api/orders", "/orders", jsonHandler))
	mux.Handle("/slow", proxyTo(orders+"/api", "", jsonHandler))
	mux.Handle("/reviews/", proxyTo("http://127.0.0.1:41019/api", "/reviews", jsonHandler))
	mux.Handle("/ledger/", proxyTo("http://127.0.0.1:41011/api", "/ledger", jsonHandler))
	mux.Handle("/legacy/", proxyTo("http://127.0.0.1:41019/api", "/legacy", nil))
	mux.Handle("/html/", proxyTo(orders+"/api", "/html", htmlHandler))
	client := &http.Client{Timeout: 1 * time.Second}
	mux.HandleFunc("/app/quote", func(w http.ResponseWriter, r *http.Request) {
		resp, err := client.Get(orders + "/api/slow")
		if err != nil {
			if isTimeout(err) {
				w.Header().Set("Retry-After", "5")
				jsonErr(w, http.StatusGatewayTimeout, "quote_timeout", "pricing took too long, try again")
				return
			}
			jsonErr(w, http.StatusServiceUnavailable, "quote_unavailable", "pricing is unavailable")
			return
		}
		resp.Body.Close()
		w.Write([]byte("{}"))
	})
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	srv := &http.Server{Addr: "127.0.0.1:" + port, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Server", "nginx")
		mux.ServeHTTP(w, r)
	})}
	srv.ListenAndServe()
}
