// Round 37: a small orders API on Go's net/http, behind HAProxy and h2o.
// Its own errors (JSON 404, a 503 in maintenance with an HTML page, a 502
// and a 504 when its own downstream fails) and the ways it misbehaves for its
// front: a 5 s handler, an export that stalls mid-body, a connection reset
// (hijack, SO_LINGER 0), a 20 KiB header.
// Usage: go_app PORT
package main

import (
	"encoding/json"
	"fmt"
	"net"
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
	mux.HandleFunc("/api/orders/", func(w http.ResponseWriter, r *http.Request) {
		id := strings.TrimPrefix(r.URL.Path, "/api/orders/")
		if id == "1" {
			writeJSON(w, 200, map[string]interface{}{"id": 1, "sku": "A-1", "qty": 2})
			return
		}
		writeJSON(w, 404, map[string]string{"error": "not_found", "detail": "order " + id + " not found"})
	})
	mux.HandleFunc("/api/maintenance", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Retry-After", "900")
		w.WriteHeader(503)
		fmt.Fprint(w, "<!DOCTYPE html>\n<html><head><title>Down for maintenance</title></head>\n<body><h1>We'll be right back</h1>\n<p>The orders service is being upgraded. Expected back at 03:15 UTC.</p></body></html>\n")
	})
	mux.HandleFunc("/api/payments", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(150 * time.Millisecond)
		writeJSON(w, 502, map[string]string{"error": "bad_gateway", "detail": "payments-svc returned malformed JSON"})
	})
	mux.HandleFunc("/api/inventory", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(time.Second)
		writeJSON(w, 504, map[string]string{"error": "gateway_timeout", "detail": "inventory lookup exceeded 1s deadline"})
	})
	mux.HandleFunc("/api/slow", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(5 * time.Second)
		writeJSON(w, 200, map[string]bool{"ok": true})
	})
	mux.HandleFunc("/api/export", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/csv")
		w.Header().Set("Content-Length", "4000")
		w.WriteHeader(200)
		fmt.Fprint(w, "id,sku,qty\n")
		for i := 1; i < 30; i++ {
			fmt.Fprintf(w, "%d,A-%d,%d\n", i, i, i%5+1)
		}
		w.(http.Flusher).Flush()
		time.Sleep(8 * time.Second)
	})
	mux.HandleFunc("/api/reset", func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		if tc, ok := conn.(*net.TCPConn); ok {
			tc.SetLinger(0)
		}
		conn.Close()
	})
	mux.HandleFunc("/api/session", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Session-Trace", strings.Repeat("s", 20480))
		writeJSON(w, 200, map[string]bool{"ok": true})
	})
	srv := &http.Server{Addr: "127.0.0.1:" + os.Args[1], Handler: mux}
	if err := srv.ListenAndServe(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
