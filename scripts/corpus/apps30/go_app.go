// Round-30 corpus: a small orders API on Go's net/http with its own token
// bucket per client (429 with Retry-After and X-RateLimit-*), JSON 400s for
// bodies it cannot decode, a 1 KiB MaxBytesReader (413). go_app PORT
package main

import (
	"encoding/json"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"
)

type bucket struct {
	tokens float64
	last   time.Time
}

var (
	mu      sync.Mutex
	buckets = map[string]*bucket{}
)

const burst = 3.0
const perSec = 0.2

func allow(ip string) (bool, float64, int) {
	mu.Lock()
	defer mu.Unlock()
	b, ok := buckets[ip]
	now := time.Now()
	if !ok {
		b = &bucket{tokens: burst, last: now}
		buckets[ip] = b
	}
	b.tokens += now.Sub(b.last).Seconds() * perSec
	if b.tokens > burst {
		b.tokens = burst
	}
	b.last = now
	if b.tokens < 1 {
		return false, b.tokens, int((1-b.tokens)/perSec) + 1
	}
	b.tokens--
	return true, b.tokens, 0
}

func writeJSON(w http.ResponseWriter, status int, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func limited(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ip, _, _ := net.SplitHostPort(r.RemoteAddr)
		ok, left, retry := allow(ip)
		w.Header().Set("X-RateLimit-Limit", "3")
		w.Header().Set("X-RateLimit-Remaining", strconv.Itoa(int(left)))
		if !ok {
			w.Header().Set("Retry-After", strconv.Itoa(retry))
			writeJSON(w, http.StatusTooManyRequests, map[string]interface{}{"error": "rate_limited", "message": "too many requests", "retry_after": retry})
			return
		}
		h(w, r)
	}
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/health", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, map[string]string{"status": "ok"}) })
	mux.HandleFunc("/api/orders", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", "POST")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, 1024)
		var in struct {
			SKU string `json:"sku"`
			Qty int    `json:"qty"`
		}
		dec := json.NewDecoder(r.Body)
		dec.DisallowUnknownFields()
		if err := dec.Decode(&in); err != nil {
			var mbe *http.MaxBytesError
			if ok := asMax(err, &mbe); ok {
				writeJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"error": "body_too_large", "message": err.Error()})
				return
			}
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "bad_request", "message": err.Error()})
			return
		}
		if in.Qty < 1 {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "bad_request", "message": "qty must be at least 1"})
			return
		}
		writeJSON(w, http.StatusCreated, map[string]interface{}{"id": 2, "sku": in.SKU, "qty": in.Qty})
	})
	mux.HandleFunc("/api/orders/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/orders/1" {
			writeJSON(w, 404, map[string]string{"error": "not_found", "message": "no such order"})
			return
		}
		writeJSON(w, 200, map[string]interface{}{"id": 1, "sku": "A-1", "qty": 2})
	})
	mux.HandleFunc("/api/quotes", limited(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]interface{}{"quote": 42.5})
	}))
	mux.HandleFunc("/api/search", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]interface{}{"q": r.URL.Query().Get("q"), "results": []string{}})
	})
	mux.HandleFunc("/api/slow", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(3 * time.Second)
		writeJSON(w, 200, map[string]bool{"done": true})
	})
	srv := &http.Server{Addr: "127.0.0.1:" + os.Args[1], Handler: mux}
	_ = srv.ListenAndServe()
}

func asMax(err error, target **http.MaxBytesError) bool {
	if e, ok := err.(*http.MaxBytesError); ok {
		*target = e
		return true
	}
	return false
}
