// Orders API on Go's net/http (standard library only), round 52.
package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"
)

func writeErr(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error": code, "message": msg, "status": status})
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/orders/", func(w http.ResponseWriter, r *http.Request) {
		id := strings.TrimPrefix(r.URL.Path, "/api/orders/")
		if id != "42" {
			writeErr(w, 404, "not_found", fmt.Sprintf("order %s not found", id))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintln(w, `{"id":42,"sku":"A-1","qty":2,"status":"paid"}`)
	})
	mux.HandleFunc("/api/admin/reports", func(w http.ResponseWriter, r *http.Request) {
		tok := r.Header.Get("X-Api-Token")
		if tok == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="orders"`)
			writeErr(w, 401, "unauthorized", "missing X-Api-Token")
			return
		}
		if tok != "admin-token" {
			writeErr(w, 403, "forbidden", "token lacks the reports scope")
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintln(w, `{"reports":[]}`)
	})
	mux.HandleFunc("/api/limited", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "30")
		writeErr(w, 429, "rate_limited", "slow down")
	})
	mux.HandleFunc("/api/maintenance", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		writeErr(w, 503, "maintenance", "back soon")
	})
	mux.HandleFunc("/api/slow", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(5 * time.Second)
		fmt.Fprintln(w, `{"ok":true}`)
	})
	srv := &http.Server{Addr: "127.0.0.1:" + os.Args[1], Handler: mux}
	if err := srv.ListenAndServe(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
