// Round-34 corpus: a small shipments API on Go's net/http (standard library),
// behind Varnish behind hitch (TLS). A cacheable catalog (max-age 60, ETag),
// a JSON 429 and a maintenance 503 the handlers write.
// http.Error plain-text errors, Go's "404 page not found", an RFC 9457
// problem details 409, an empty 500, a handler that aborts the connection
// (http.ErrAbortHandler: no response at all), a slow handler.
package main

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"time"
)

func problem(w http.ResponseWriter, status int, title, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]interface{}{
		"type": "about:blank", "title": title, "status": status, "detail": detail,
	})
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/shipments/", func(w http.ResponseWriter, r *http.Request) {
		id := strings.TrimPrefix(r.URL.Path, "/api/shipments/")
		switch {
		case r.Method != http.MethodGet && r.Method != http.MethodHead:
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		case id == "1":
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"id":1,"state":"in_transit"}` + "\n"))
		case id == "7":
			problem(w, http.StatusConflict, "Shipment already dispatched", "shipment 7 left the warehouse and cannot be changed")
		default:
			http.Error(w, "shipment not found", http.StatusNotFound)
		}
	})
	mux.HandleFunc("/api/health", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("/api/catalog", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "public, max-age=60")
		w.Header().Set("ETag", `"catalog-v7"`)
		w.Write([]byte(`{"items":[{"sku":"BOX-S"},{"sku":"BOX-L"}]}` + "\n"))
	})
	mux.HandleFunc("/api/quotes", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Retry-After", "20")
		w.WriteHeader(http.StatusTooManyRequests)
		w.Write([]byte(`{"error":"rate_limited","message":"quote API allows 30 requests per minute"}` + "\n"))
	})
	mux.HandleFunc("/api/pickups", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "900")
		http.Error(w, "pickups are paused for maintenance", http.StatusServiceUnavailable)
	})
	mux.HandleFunc("/api/admin/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="shipments"`)
		http.Error(w, "unauthorized", http.StatusUnauthorized)
	})
	mux.HandleFunc("/api/labels", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "invalid label size: must be one of a4, a6", http.StatusBadRequest)
	})
	mux.HandleFunc("/api/crash", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
	})
	mux.HandleFunc("/api/abort", func(w http.ResponseWriter, r *http.Request) {
		panic(http.ErrAbortHandler)
	})
	mux.HandleFunc("/api/slow", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(6 * time.Second)
		w.Write([]byte("done\n"))
	})
	http.ListenAndServe("127.0.0.1:"+os.Args[1], mux)
}
