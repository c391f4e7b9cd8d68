// Round-48 corpus: a small edge proxy on Go's net/http/httputil.ReverseProxy
// (standard library only), as teams write one: it terminates nothing and
// forwards /api/ to the orders service over TLS with the default transport
// (the system's CA pool: the upstream's self-signed certificate fails) and
// /legacy/ to a service that answers junk. ReverseProxy's default error
// handler logs and answers an empty 502.
//
//	go_front PORT TLS_UPSTREAM JUNK_UPSTREAM
package main

import (
	"log"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"time"
)

func main() {
	tlsUp, _ := url.Parse(os.Args[2])
	junkUp, _ := url.Parse(os.Args[3])
	mux := http.NewServeMux()
	mux.Handle("/api/", httputil.NewSingleHostReverseProxy(tlsUp))
	mux.Handle("/legacy/", httputil.NewSingleHostReverseProxy(junkUp))
	srv := &http.Server{Addr: "127.0.0.1:" + os.Args[1], Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
