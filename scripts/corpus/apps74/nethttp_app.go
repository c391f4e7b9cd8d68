// Round 74: a Go net/http catalog API (Mossgate Hardware) behind Squid as a
// reverse accelerator. Like a Kestrel-style service it names itself: every
// answer it writes carries `Server: mossgate-catalog/2.3` (http.NotFound's
// and http.Error's pages included).
// Cacheable: /api/products/1 (public, max-age=300, ETag, Last-Modified),
// /api/rates (public, max-age=2) and the 404 for product 9 (public,
// max-age=120). Everything else says no-store.
package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"
)

const lm = "Mon, 02 Jun 2025 08:00:00 GMT"

func send(w http.ResponseWriter, status int, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func fail(w http.ResponseWriter, status int, code, msg string, age int) {
	if age > 0 {
		w.Header().Set("Cache-Control", fmt.Sprintf("public, max-age=%d", age))
	} else {
		w.Header().Set("Cache-Control", "no-store")
	}
	send(w, status, map[string]interface{}{"error": map[string]string{"code": code, "message": msg}})
}

func cached(w http.ResponseWriter, age int, etag string) {
	w.Header().Set("Cache-Control", fmt.Sprintf("public, max-age=%d", age))
	w.Header().Set("ETag", `"`+etag+`"`)
	w.Header().Set("Last-Modified", lm)
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/products/", func(w http.ResponseWriter, r *http.Request) {
		id := strings.TrimPrefix(r.URL.Path, "/api/products/")
		for _, c := range id {
			if c < '0' || c > '9' {
				fail(w, 400, "bad_request", "product id must be a number", 0)
				return
			}
		}
		if id == "1" {
			cached(w, 300, "mg-p1-v3")
			send(w, 200, map[string]interface{}{"id": 1, "sku": "MG-HNG-75", "name": "Hinge 75mm", "price": "2.40"})
			return
		}
		age := 0
		if id == "9" {
			age = 120
		}
		fail(w, 404, "not_found", "product "+id+" does not exist", age)
	})
	mux.HandleFunc("/api/rates", func(w http.ResponseWriter, r *http.Request) {
		cached(w, 2, "mg-rates-v27")
		send(w, 200, map[string]interface{}{"EUR": 1, "USD": "1.0842", "as_of": "2025-06-02"})
	})
	mux.HandleFunc("/api/orders/", func(w http.ResponseWriter, r *http.Request) {
		fail(w, 404, "not_found", "order "+strings.TrimPrefix(r.URL.Path, "/api/orders/")+" does not exist", 0)
	})
	mux.HandleFunc("/api/orders", func(w http.ResponseWriter, r *http.Request) {
		var b map[string]interface{}
		json.NewDecoder(r.Body).Decode(&b)
		if b["sku"] == nil {
			fail(w, 422, "validation_failed", "sku is required", 0)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		send(w, 201, map[string]interface{}{"id": 4410, "sku": b["sku"], "status": "pending"})
	})
	mux.HandleFunc("/api/account", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="mossgate"`)
		fail(w, 401, "unauthorized", "a bearer token is required", 0)
	})
	mux.HandleFunc("/api/quota", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "30")
		fail(w, 429, "rate_limited", "too many requests for this key", 0)
	})
	mux.HandleFunc("/api/maintenance", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "600")
		fail(w, 503, "maintenance", "the catalog is read-only during the nightly import", 0)
	})
	mux.HandleFunc("/api/boom", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "internal error", http.StatusInternalServerError)
	})
	mux.HandleFunc("/api/slow", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(5 * time.Second)
		send(w, 200, map[string]interface{}{"ok": true, "waited": 5})
	})
	mux.HandleFunc("/api/statements", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(503)
		fmt.Fprint(w, "<!DOCTYPE html>\n<html><head><title>503 Service Unavailable - Mossgate Hardware</title></head>\n<body><h1>Service Unavailable</h1><p>Stock levels are being recounted. Try again later.</p></body></html>\n")
	})
	named := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Server", "mossgate-catalog/2.3")
		mux.ServeHTTP(w, r)
	})
	srv := &http.Server{Addr: "127.0.0.1:" + os.Args[1], Handler: named}
	srv.ListenAndServe()
}
