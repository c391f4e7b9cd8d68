// Round-24 corpus (round 20's app, reused): the orders API on Go's net/http
// (ServeMux, encoding/json) behind Apache's mod_proxy_http. MaxHeaderBytes is
// cut to 4 KiB, so a header Apache lets through gets net/http's own 431; a
// readiness check that fails (/api/health/ready). nethttp_app PORT
package main

import (
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"strings"
	"time"
)

func writeJSON(w http.ResponseWriter, status int, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func apiErr(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, map[string]string{"code": code, "message": msg})
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/health", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("/api/health/ready", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusServiceUnavailable, map[string]interface{}{"status": "unhealthy",
			"checks": map[string]string{"postgres": "dial tcp 10.0.3.7:5432: i/o timeout"}})
	})
	mux.HandleFunc("/api/orders/", func(w http.ResponseWriter, r *http.Request) {
		id := strings.TrimPrefix(r.URL.Path, "/api/orders/")
		if strings.HasSuffix(id, "/cancel") {
			apiErr(w, http.StatusConflict, "conflict", "order already shipped")
			return
		}
		if id != "1" {
			apiErr(w, http.StatusNotFound, "not_found", "order "+id+" not found")
			return
		}
		writeJSON(w, 200, map[string]interface{}{"id": 1, "sku": "A-1"})
	})
	mux.HandleFunc("/api/orders", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", "POST")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, 1024)
		var body struct {
			Sku string `json:"sku"`
			Qty int    `json:"qty"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			if err.Error() == "http: request body too large" {
				apiErr(w, http.StatusRequestEntityTooLarge, "body_too_large", err.Error())
				return
			}
			apiErr(w, http.StatusBadRequest, "invalid_json", err.Error())
			return
		}
		if body.Qty <= 0 {
			apiErr(w, http.StatusUnprocessableEntity, "invalid_argument", "qty must be positive")
			return
		}
		writeJSON(w, 201, body)
	})
	mux.HandleFunc("/api/admin/reports", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="orders"`)
			apiErr(w, http.StatusUnauthorized, "unauthenticated", "missing bearer token")
			return
		}
		apiErr(w, http.StatusForbidden, "permission_denied", "token lacks scope reports:read")
	})
	mux.HandleFunc("/api/limited", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "10")
		http.Error(w, "rate limit exceeded", http.StatusTooManyRequests)
	})
	mux.HandleFunc("/api/boom", func(w http.ResponseWriter, r *http.Request) {
		log.Printf("query failed: pq: relation \"orders\" does not exist")
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
	})
	mux.HandleFunc("/api/maintenance", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		apiErr(w, http.StatusServiceUnavailable, "unavailable", "service is in maintenance mode")
	})
	mux.HandleFunc("/api/slow", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(5 * time.Second)
		writeJSON(w, 200, map[string]string{"status": "late"})
	})
	catalog := []byte(`{"items":[{"sku":"A-1","price":1200}]}` + "\n")
	etag := fmt.Sprintf(`"%x"`, sha1.Sum(catalog))
	mux.HandleFunc("/api/catalog", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=120")
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(catalog)
	})
	mux.Handle("/api/exports/", http.TimeoutHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(3 * time.Second)
		writeJSON(w, 200, map[string]string{"status": "done"})
	}), 1*time.Second, "export timed out"))
	srv := &http.Server{Addr: "127.0.0.1:" + os.Args[1], Handler: mux, ReadHeaderTimeout: 10 * time.Second, MaxHeaderBytes: 4096}
	log.Fatal(srv.ListenAndServe())
}
