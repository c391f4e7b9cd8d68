// Round 98: the Grebe orders API (Go net/http, behind Squid).
// The server is set up as teams do: MaxHeaderBytes 4 KiB, a TimeoutHandler
// (net/http writes its own 503 "Timeout" page), MaxBytesReader on uploads,
// and ServeMux's own 404 and trailing-slash 301.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"time"
)

func js(w http.ResponseWriter, code int, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/orders/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/orders/1" {
			js(w, 404, map[string]string{"error": "not_found", "message": "order does not exist"})
			return
		}
		js(w, 200, map[string]interface{}{"id": 1, "ref": "GR-1001", "total": "9.90"})
	})
	mux.HandleFunc("/api/account", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" {
			js(w, 401, map[string]string{"error": "unauthorized"})
			return
		}
		js(w, 200, map[string]string{"user": "ops"})
	})
	mux.HandleFunc("/api/limited", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "5")
		js(w, 429, map[string]string{"error": "rate_limited"})
	})
	mux.HandleFunc("/api/fail", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "internal error", 500)
	})
	mux.HandleFunc("/api/panic", func(w http.ResponseWriter, r *http.Request) {
		panic("boom before any response")
	})
	mux.HandleFunc("/api/reports/", func(w http.ResponseWriter, r *http.Request) {
		js(w, 200, map[string]string{"reports": "index"})
	})
	mux.Handle("/api/slow", http.TimeoutHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, _ := strconv.ParseFloat(r.URL.Query().Get("s"), 64)
		time.Sleep(time.Duration(s * float64(time.Second)))
		js(w, 200, map[string]float64{"slept": s})
	}), 2*time.Second, ""))
	mux.HandleFunc("/api/upload", func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, 1024)
		n, err := io.Copy(io.Discard, r.Body)
		if err != nil {
			js(w, 413, map[string]string{"error": "too_large"})
			return
		}
		js(w, 200, map[string]int64{"received": n})
	})
	mux.HandleFunc("/api/raw-slow", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(10 * time.Second)
		fmt.Fprintln(w, "late")
	})
	srv := &http.Server{Addr: "127.0.0.1:" + os.Args[1], Handler: mux, MaxHeaderBytes: 4096}
	if err := srv.ListenAndServe(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
