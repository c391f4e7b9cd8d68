// Round-42 corpus: a payouts API on plain net/http (Go 1.19 ServeMux),
// behind nginx behind HAProxy. JSON errors from the handlers; ServeMux's
// "404 page not found"; http.Error text (405, 400, 413, 503); a panic makes
// net/http drop the connection. `go_app PORT`
package main

import (
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"strings"
	"time"
)

func jsonErr(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]string{"code": code, "message": msg}})
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/payouts/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		id := strings.TrimPrefix(r.URL.Path, "/api/payouts/")
		if id != "PO-1" {
			jsonErr(w, 404, "payout_not_found", "payout "+id+" does not exist")
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"id": "PO-1", "amount": 5000})
	})
	mux.HandleFunc("/api/payouts", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", "POST")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, 4096)
		var body map[string]any
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
				return
			}
			http.Error(w, "bad request: "+err.Error(), http.StatusBadRequest)
			return
		}
		if _, ok := body["iban"]; !ok {
			jsonErr(w, 422, "validation_failed", "iban is required")
			return
		}
		w.WriteHeader(201)
		w.Write([]byte("{\"id\":\"PO-2\"}\n"))
	})
	mux.HandleFunc("/api/admin/limits", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="payouts"`)
			jsonErr(w, 401, "unauthenticated", "missing bearer token")
			return
		}
		jsonErr(w, 403, "forbidden", "token is not allowed to change limits")
	})
	mux.HandleFunc("/api/fx", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "30")
		jsonErr(w, 429, "rate_limited", "fx quotes are limited to 60 per minute")
	})
	mux.HandleFunc("/api/boom", func(w http.ResponseWriter, r *http.Request) {
		var m map[string]int
		m["x"] = 1
	})
	mux.HandleFunc("/api/ledger", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "ledger unavailable", http.StatusServiceUnavailable)
	})
	mux.HandleFunc("/api/slow", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(5 * time.Second)
		w.Write([]byte("{}"))
	})
	mux.HandleFunc("/payouts/", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/api/payouts/"+strings.TrimPrefix(r.URL.Path, "/payouts/"), http.StatusMovedPermanently)
	})
	srv := &http.Server{Addr: "127.0.0.1:" + os.Args[1], Handler: mux}
	srv.ListenAndServe()
}
