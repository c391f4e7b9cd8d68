// Round-25 corpus: the orders API on Go's net/http (ServeMux, encoding/json).
// A middleware echoes the front's X-Request-ID (or makes one) and carries a
// W3C traceparent: the incoming one, or a new one. The app's JSON errors
// name both ids; what net/http writes by itself (ServeMux's "404 page not
// found", http.Error's text, MaxBytesReader's limit) names neither in the
// body. nethttp_app PORT
package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"log"
	"net/http"
	"os"
	"strings"
	"time"
)

type ctxIDs struct{ rid, trace string }

func randHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func ids(r *http.Request) ctxIDs {
	rid := r.Header.Get("X-Request-ID")
	if rid == "" {
		rid = randHex(16)
	}
	tp := r.Header.Get("Traceparent")
	trace := ""
	if parts := strings.Split(tp, "-"); len(parts) == 4 && len(parts[1]) == 32 {
		trace = parts[1]
	} else {
		trace = randHex(16)
	}
	return ctxIDs{rid, trace}
}

func withIDs(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := ids(r)
		w.Header().Set("X-Request-ID", id.rid)
		w.Header().Set("Traceparent", "00-"+id.trace+"-"+randHex(8)+"-01")
		r.Header.Set("X-Request-ID", id.rid)
		r.Header.Set("X-Trace-ID", id.trace)
		next.ServeHTTP(w, r)
	})
}

func writeJSON(w http.ResponseWriter, status int, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func apiErr(w http.ResponseWriter, r *http.Request, status int, code, msg string) {
	writeJSON(w, status, map[string]interface{}{"error": map[string]string{"code": code, "message": msg,
		"request_id": r.Header.Get("X-Request-ID"), "trace_id": r.Header.Get("X-Trace-ID")}})
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/health", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("/api/orders/", func(w http.ResponseWriter, r *http.Request) {
		id := strings.TrimPrefix(r.URL.Path, "/api/orders/")
		if strings.HasSuffix(id, "/cancel") {
			apiErr(w, r, http.StatusConflict, "conflict", "order already shipped")
			return
		}
		if id != "1" {
			apiErr(w, r, http.StatusNotFound, "not_found", "order "+id+" not found")
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
				http.Error(w, err.Error(), http.StatusRequestEntityTooLarge)
				return
			}
			apiErr(w, r, http.StatusBadRequest, "invalid_json", err.Error())
			return
		}
		if body.Qty <= 0 {
			apiErr(w, r, http.StatusUnprocessableEntity, "invalid_argument", "qty must be positive")
			return
		}
		writeJSON(w, 201, body)
	})
	mux.HandleFunc("/api/admin/reports", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="orders"`)
			apiErr(w, r, http.StatusUnauthorized, "unauthenticated", "missing bearer token")
			return
		}
		apiErr(w, r, http.StatusForbidden, "permission_denied", "token lacks scope reports:read")
	})
	mux.HandleFunc("/api/limited", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "10")
		apiErr(w, r, http.StatusTooManyRequests, "rate_limited", "too many requests for this API key")
	})
	mux.HandleFunc("/api/boom", func(w http.ResponseWriter, r *http.Request) {
		log.Printf("query failed: pq: relation \"orders\" does not exist")
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
	})
	mux.HandleFunc("/api/maintenance", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		apiErr(w, r, http.StatusServiceUnavailable, "unavailable", "service is in maintenance mode")
	})
	mux.HandleFunc("/api/inventory", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(1 * time.Second)
		apiErr(w, r, http.StatusGatewayTimeout, "upstream_timeout", "inventory: context deadline exceeded")
	})
	mux.HandleFunc("/api/slow", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(5 * time.Second)
		writeJSON(w, 200, map[string]string{"status": "late"})
	})
	srv := &http.Server{Addr: "127.0.0.1:" + os.Args[1], Handler: withIDs(mux), ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
