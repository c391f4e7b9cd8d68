// Round 71's Go net/http orders API (Brackwater), unchanged in round 108.
// (Round 71 put it behind Varnish with the builtin VCL.) The app adds its own request id: a wrapper puts X-Request-Id
// (the caller's, or 16 random hex bytes) on every answer, and its JSON errors
// carry it as "request_id". Order 1 and /api/rates are cacheable
// (Cache-Control public, ETag). Unrouted paths get http.NotFound's
// "404 page not found"; /api/boom answers http.Error's plain-text 500.
package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"strings"
	"time"
)


func rid(r *http.Request) string { return r.Header.Get("X-Request-Id") }

func withID(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if id == "" {
			b := make([]byte, 16)
			rand.Read(b)
			id = hex.EncodeToString(b)
			r.Header.Set("X-Request-Id", id)
		}
		w.Header().Set("X-Request-Id", id)
		h.ServeHTTP(w, r)
	})
}

func writeJSON(w http.ResponseWriter, status int, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func fail(w http.ResponseWriter, r *http.Request, status int, code, msg string) {
	writeJSON(w, status, map[string]interface{}{"error": map[string]string{"code": code, "message": msg}, "request_id": rid(r)})
}

const page = `<!DOCTYPE html>
<html><head><title>%d %s - Brackwater</title></head>
<body><h1>%s</h1><p>%s</p><p>request id %s</p></body></html>
`

func main() {
	port := "60819"
	if len(os.Args) > 1 {
		port = os.Args[1]
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/orders/", func(w http.ResponseWriter, r *http.Request) {
		id := strings.TrimPrefix(r.URL.Path, "/api/orders/")
		for _, c := range id {
			if c < '0' || c > '9' {
				fail(w, r, 400, "bad_request", "order id must be a number")
				return
			}
		}
		if id != "1" {
			fail(w, r, 404, "not_found", "order "+id+" not found")
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=300")
		w.Header().Set("ETag", `"bw-order-1-v7"`)
		writeJSON(w, 200, map[string]interface{}{"id": 1, "ref": "BW-1001", "total": "310.00", "currency": "NOK", "status": "paid"})
	})
	mux.HandleFunc("/api/orders", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", "POST")
			fail(w, r, 405, "method_not_allowed", "use POST")
			return
		}
		var body map[string]interface{}
		json.NewDecoder(r.Body).Decode(&body)
		ref, _ := body["ref"].(string)
		if ref == "" {
			fail(w, r, 422, "validation_failed", "ref is required")
			return
		}
		if ref == "BW-1001" {
			fail(w, r, 409, "conflict", "order "+ref+" already exists")
			return
		}
		writeJSON(w, 201, map[string]interface{}{"id": 2, "ref": ref, "status": "pending"})
	})
	mux.HandleFunc("/api/rates", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=60")
		writeJSON(w, 200, map[string]interface{}{"base": "NOK", "rates": map[string]float64{"EUR": 0.086, "USD": 0.093}})
	})
	mux.HandleFunc("/api/account", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="brackwater"`)
		fail(w, r, 401, "unauthorized", "missing bearer token")
	})
	mux.HandleFunc("/api/admin", func(w http.ResponseWriter, r *http.Request) {
		fail(w, r, 403, "forbidden", "admin scope required")
	})
	mux.HandleFunc("/api/quota", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "30")
		fail(w, r, 429, "rate_limited", "too many requests, retry in 30 seconds")
	})
	mux.HandleFunc("/api/maintenance", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "600")
		fail(w, r, 503, "maintenance", "orders are read-only during the nightly export")
	})
	mux.HandleFunc("/api/boom", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "internal error", http.StatusInternalServerError)
	})
	mux.HandleFunc("/api/slow", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(5 * time.Second)
		writeJSON(w, 200, map[string]interface{}{"ok": true, "waited": 5})
	})
	mux.HandleFunc("/api/payments", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(502)
		fmt.Fprintf(w, page, 502, "Bad Gateway", "Bad Gateway", "The payment provider did not answer.", rid(r))
	})
	mux.HandleFunc("/api/statements", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(503)
		fmt.Fprintf(w, page, 503, "Service Unavailable", "Service Unavailable", "Statements are being rebuilt.", rid(r))
	})
	log.Printf("net/http on %s", port)
	log.Fatal(http.ListenAndServe("127.0.0.1:"+port, withID(mux)))
}
