// Round-103 corpus: the Tolland storefront BFF on plain Go net/http (the
// standard library only): ServeMux, http.Error's text errors, http.NotFound,
// http.Redirect, http.MaxBytesReader (413), http.TimeoutHandler (its 503),
// and httputil.ReverseProxy in front of two upstreams of its own: a live
// catalog service (CATALOG_PORT, started by this same binary) and a payment
// service where nothing listens (DEAD_PORT: the proxy's own empty 502). A
// handler that panics: net/http recovers, logs and drops the connection.
// /api/products/1 (through the proxy) is cacheable.
// Usage: bff_app PORT CATALOG_PORT DEAD_PORT (binds 127.0.0.1).
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"strings"
	"time"
)

func jsonErr(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": code, "message": msg})
}

func catalog() http.Handler {
	m := http.NewServeMux()
	m.HandleFunc("/api/products/", func(w http.ResponseWriter, r *http.Request) {
		id := strings.TrimPrefix(r.URL.Path, "/api/products/")
		if id != "1" {
			jsonErr(w, 404, "not_found", "no product "+id)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "public, max-age=60")
		w.Header().Set("ETag", `"prd-1-v7"`)
		_, _ = io.WriteString(w, `{"id":1,"name":"wool scarf","price":"34.00"}`+"\n")
	})
	m.HandleFunc("/api/quotes", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(3 * time.Second)
		_, _ = io.WriteString(w, `{"quote":"late"}`)
	})
	return m
}

func main() {
	go func() { _ = http.ListenAndServe("127.0.0.1:"+os.Args[2], catalog()) }()
	live, _ := url.Parse("http://127.0.0.1:" + os.Args[2])
	dead, _ := url.Parse("http://127.0.0.1:" + os.Args[3])
	catalogProxy := httputil.NewSingleHostReverseProxy(live)
	paymentsProxy := httputil.NewSingleHostReverseProxy(dead)
	mux := http.NewServeMux()
	mux.Handle("/api/products/", catalogProxy)
	mux.Handle("/api/payments/", paymentsProxy)
	mux.Handle("/api/quotes", http.TimeoutHandler(catalogProxy, time.Second, "pricing did not answer within 1s\n"))
	mux.HandleFunc("/api/cart", func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet:
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"items":[],"total":"0.00"}`+"\n")
		case http.MethodPost:
			r.Body = http.MaxBytesReader(w, r.Body, 1024)
			var body struct {
				Sku string `json:"sku"`
				Qty int    `json:"qty"`
			}
			if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
				if strings.Contains(err.Error(), "too large") {
					http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
					return
				}
				http.Error(w, "bad request: "+err.Error(), http.StatusBadRequest)
				return
			}
			if body.Qty <= 0 {
				jsonErr(w, 422, "validation_failed", "qty must be greater than 0")
				return
			}
			if body.Sku == "SOLD-OUT" {
				jsonErr(w, 409, "conflict", "the last one was just sold")
				return
			}
			w.WriteHeader(201)
			_, _ = fmt.Fprintf(w, "{\"sku\":%q,\"qty\":%d}\n", body.Sku, body.Qty)
		default:
			w.Header().Set("Allow", "GET, POST")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		}
	})
	mux.HandleFunc("/api/orders/", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="tolland"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		http.Error(w, "forbidden", http.StatusForbidden)
	})
	mux.HandleFunc("/api/promo", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "60")
		http.Error(w, "too many requests", http.StatusTooManyRequests)
	})
	mux.HandleFunc("/api/checkout", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "600")
		jsonErr(w, 503, "maintenance", "checkout is closed for the stock count")
	})
	mux.HandleFunc("/api/wishlist", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "internal error", http.StatusInternalServerError)
	})
	mux.HandleFunc("/api/gift-cards", func(w http.ResponseWriter, r *http.Request) {
		panic("gift card ledger is nil")
	})
	mux.HandleFunc("/api/coupons/", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/shop/", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/api/products/"+strings.TrimPrefix(r.URL.Path, "/shop/"), http.StatusFound)
	})
	mux.HandleFunc("/api/slow", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(5 * time.Second)
		_, _ = io.WriteString(w, "late\n")
	})
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "ok\n") })
	_ = http.ListenAndServe("127.0.0.1:"+os.Args[1], mux)
}
