// Round-19 corpus: an API gateway written in Go: httputil.ReverseProxy to
// the orders app (Flask under waitress) with a 2 s ResponseHeaderTimeout,
// and to a payments service that is not running. It forwards and nothing
// else, so its own 502s (ReverseProxy's default ErrorHandler) are a proxy's.
package main

import (
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"time"
)

func proxy(target string) *httputil.ReverseProxy {
	u, _ := url.Parse(target)
	p := httputil.NewSingleHostReverseProxy(u)
	p.Transport = &http.Transport{ResponseHeaderTimeout: 2 * time.Second}
	return p
}

func main() {
	mux := http.NewServeMux()
	mux.Handle("/api/", proxy("http://127.0.0.1:37014"))
	mux.Handle("/payments/", proxy("http://127.0.0.1:37099"))
	srv := &http.Server{Addr: "127.0.0.1:" + os.Args[1], Handler: mux}
	panic(srv.ListenAndServe())
}
