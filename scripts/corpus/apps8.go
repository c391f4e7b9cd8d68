// Round-8 corpus app (capture-round8.sh): an orders API on net/http wrapped in
// gorilla/handlers (Debian's packaged sources, GOPATH mode, offline):
// RecoveryHandler turns a panic into its EMPTY 500, MethodHandler writes the
// 405 with Allow, ContentTypeHandler the 415, ProxyHeaders and a
// CombinedLoggingHandler around it all.
//
//	apps8 handlers PORT
package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"

	"github.com/gorilla/handlers"
)

const nginx502 = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n" +
	"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func main() {
	if len(os.Args) != 3 || os.Args[1] != "handlers" {
		fmt.Fprintln(os.Stderr, "usage: apps8 handlers PORT")
		os.Exit(2)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/health", handlers.MethodHandler{"GET": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]string{"status": "ok"})
	})})
	mux.HandleFunc("/api/panic", func(w http.ResponseWriter, r *http.Request) { panic("nil ledger") })
	mux.Handle("/api/orders", handlers.ContentTypeHandler(handlers.MethodHandler{"POST": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 201, map[string]int{"id": 1})
	})}, "application/json"))
	mux.HandleFunc("/api/orders/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 404, map[string]string{"error": "not_found", "message": "order not found"})
	})
	mux.HandleFunc("/api/down", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "30")
		writeJSON(w, 503, map[string]string{"error": "service_unavailable", "message": "orders database is in maintenance"})
	})
	mux.HandleFunc("/api/pay", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(502)
		_, _ = w.Write([]byte(nginx502))
	})
	mux.HandleFunc("/api/catalog", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=1")
		w.Header().Set("ETag", `"catalog-v8"`)
		writeJSON(w, 200, map[string]any{"items": []string{"A-1"}, "version": 8})
	})
	h := handlers.CombinedLoggingHandler(os.Stderr, handlers.ProxyHeaders(handlers.RecoveryHandler()(mux)))
	if err := http.ListenAndServe("127.0.0.1:"+os.Args[2], h); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
