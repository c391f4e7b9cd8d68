// Round-28 corpus: a Go API on net/http alone, as teams deploy it in
// production: JSON errors from the handlers, http.NotFound's "404 page not
// found" for unknown paths, http.MaxBytesReader (64 KiB) on uploads, and the
// panic that net/http recovers by closing the connection (no response).
//   go_app PORT
package main

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

func writeJSON(w http.ResponseWriter, status int, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/v1/health", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("/v1/shipments/", func(w http.ResponseWriter, r *http.Request) {
		id := strings.TrimPrefix(r.URL.Path, "/v1/shipments/")
		if r.Method != http.MethodGet {
			w.Header().Set("Allow", "GET")
			writeJSON(w, 405, map[string]string{"error": "method not allowed"})
			return
		}
		if id != "1" {
			writeJSON(w, 404, map[string]string{"error": "shipment not found", "id": id})
			return
		}
		writeJSON(w, 200, map[string]string{"id": "1", "state": "in_transit"})
	})
	mux.HandleFunc("/v1/labels", func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
		if _, err := io.ReadAll(r.Body); err != nil {
			http.Error(w, "http: request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		writeJSON(w, 201, map[string]string{"status": "stored"})
	})
	mux.HandleFunc("/v1/rates", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("zip") == "" {
			http.Error(w, "missing zip", http.StatusBadRequest)
			return
		}
		writeJSON(w, 200, map[string]int{"cents": 499})
	})
	mux.HandleFunc("/v1/boom", func(w http.ResponseWriter, r *http.Request) {
		var m map[string]int
		m["x"] = 1 // panic: assignment to entry in nil map
	})
	mux.HandleFunc("/v1/db", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 500, map[string]string{"error": "internal error", "detail": "pq: relation \"shipments\" does not exist"})
	})
	mux.HandleFunc("/v1/slow", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(5 * time.Second)
		writeJSON(w, 200, map[string]string{"status": "late"})
	})
	srv := &http.Server{Addr: "127.0.0.1:" + os.Args[1], Handler: mux}
	srv.ListenAndServe()
}
