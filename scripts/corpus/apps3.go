// Go net/http servers for the round-3 evidence corpus (capture-round3.sh).
// Standard library only; built with Debian's golang-go. Every server binds
// 127.0.0.1 only.
//
//	apps3 app PORT                 an orders API on net/http (ServeMux)
//	apps3 app-tls PORT CERT KEY    the same over TLS (net/http speaks h2 by itself)
//	apps3 proxy PORT               httputil.ReverseProxy with its default error
//	                               handler (an empty 502) and a 2 s header timeout
//	apps3 gateway PORT             a ReverseProxy that stamps a W3C traceparent on
//	                               everything and answers failures with JSON
//	                               (a leading /gw is dropped: nghttpx routes it so)
//
// App routes (a prefix before /api/ is dropped):
//
//	/api/health 200; /api/users/42 200, other ids http.NotFound
//	/api/boom    http.Error 500 (text/plain)
//	/api/panic   the handler panics: net/http drops the connection
//	/api/down    the APP's own HTML 503; /api/pay the APP's own JSON 502
//	/api/report  http.TimeoutHandler (1 s) around a 3 s handler: Go's 503 page
//	/api/slow    answers after 5 s
//	POST /api/orders  http.MaxBytesReader (1 kB): the app's 413
package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"strings"
	"time"
)

const downHTML = `<!DOCTYPE html>
<html>
<head><title>503 Service Unavailable</title></head>
<body>
<h1>Service Unavailable</h1>
<p>The orders service is temporarily unable to handle your request. Please try again later.</p>
</body>
</html>
`

func stripPrefix(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if i := strings.Index(r.URL.Path, "/api/"); i > 0 {
			r.URL.Path = r.URL.Path[i:]
		}
		h.ServeHTTP(w, r)
	})
}

func writeJSON(w http.ResponseWriter, status int, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func appMux() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/health", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("/api/users/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/users/42" {
			http.NotFound(w, r)
			return
		}
		writeJSON(w, 200, map[string]interface{}{"id": 42, "name": "Ada"})
	})
	mux.HandleFunc("/api/boom", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "internal error: ledger connection lost", http.StatusInternalServerError)
	})
	mux.HandleFunc("/api/panic", func(w http.ResponseWriter, r *http.Request) {
		panic("ledger connection lost")
	})
	mux.HandleFunc("/api/down", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = io.WriteString(w, downHTML)
	})
	mux.HandleFunc("/api/pay", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 502, map[string]interface{}{"error": map[string]string{
			"code": "bad_gateway", "message": "payment provider returned an invalid response"}})
	})
	mux.Handle("/api/report", http.TimeoutHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(3 * time.Second)
		writeJSON(w, 200, map[string]string{"report": "late"})
	}), time.Second, ""))
	mux.HandleFunc("/api/slow", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(5 * time.Second)
		writeJSON(w, 200, map[string]string{"status": "late"})
	})
	mux.HandleFunc("/api/orders", func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, 1024)
		if _, err := io.ReadAll(r.Body); err != nil {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		writeJSON(w, 201, map[string]int{"id": 7})
	})
	return stripPrefix(mux)
}

func server(port string, h http.Handler) *http.Server {
	return &http.Server{Addr: "127.0.0.1:" + port, Handler: h, MaxHeaderBytes: 1024,
		ReadHeaderTimeout: 10 * time.Second}
}

func hexID(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// routes of both proxies: path prefix -> upstream
var routes = map[string]string{
	"/dead/":    "http://127.0.0.1:20009",
	"/slow/":    "http://127.0.0.1:20001",
	"/express/": "http://127.0.0.1:20010",
	"/go/":      "http://127.0.0.1:20020",
	"/nginx/":   "http://127.0.0.1:20400",
	"/tomcat/":  "http://127.0.0.1:20050",
}

func proxyFor(prefix string) *httputil.ReverseProxy {
	target, _ := url.Parse(routes[prefix])
	p := httputil.NewSingleHostReverseProxy(target)
	p.Transport = &http.Transport{ResponseHeaderTimeout: 2 * time.Second}
	return p
}

func router(wrap func(*httputil.ReverseProxy) http.Handler, notFound http.HandlerFunc) http.Handler {
	mux := http.NewServeMux()
	for prefix := range routes {
		mux.Handle(prefix, wrap(proxyFor(prefix)))
	}
	mux.HandleFunc("/", notFound)
	return mux
}

func gateway() http.Handler {
	fail := func(w http.ResponseWriter, status int, code, msg string) {
		writeJSON(w, status, map[string]interface{}{"error": map[string]string{
			"code": code, "message": msg, "trace_id": w.Header().Get("X-Trace-Id")}})
	}
	wrap := func(p *httputil.ReverseProxy) http.Handler {
		p.ErrorHandler = func(w http.ResponseWriter, r *http.Request, err error) {
			if strings.Contains(err.Error(), "timeout") {
				fail(w, http.StatusGatewayTimeout, "upstream_timeout", "the upstream did not answer in time")
				return
			}
			fail(w, http.StatusBadGateway, "upstream_unavailable", "the upstream could not be reached")
		}
		return p
	}
	inner := router(wrap, func(w http.ResponseWriter, r *http.Request) {
		fail(w, http.StatusNotFound, "no_route", "no route for "+r.URL.Path)
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// nghttpx reaches the gateway under /gw/
		if strings.HasPrefix(r.URL.Path, "/gw/") {
			r.URL.Path = r.URL.Path[len("/gw"):]
		}
		trace := hexID(16)
		parent := fmt.Sprintf("00-%s-%s-01", trace, hexID(8))
		r.Header.Set("traceparent", parent)
		w.Header().Set("traceparent", parent)
		w.Header().Set("X-Trace-Id", trace)
		inner.ServeHTTP(w, r)
	})
}

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: apps3 app|app-tls|proxy|gateway PORT [CERT KEY]")
		os.Exit(2)
	}
	port := os.Args[2]
	var err error
	switch os.Args[1] {
	case "app":
		err = server(port, appMux()).ListenAndServe()
	case "app-tls":
		err = server(port, appMux()).ListenAndServeTLS(os.Args[3], os.Args[4])
	case "proxy":
		err = server(port, router(func(p *httputil.ReverseProxy) http.Handler { return p }, http.NotFound)).ListenAndServe()
	case "gateway":
		err = server(port, gateway()).ListenAndServe()
	default:
		err = fmt.Errorf("unknown mode %q", os.Args[1])
	}
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
