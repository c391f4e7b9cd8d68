// Round 88: the Fenwick orders API (Go net/http, the standard library only),
// behind HAProxy. Incident routes as in common.py. One "worker": a mutex
// every /api/ handler takes, held 6 s by /api/export (a stuck job holding
// the app's only database connection). ServeMux writes "404 page not found";
// a panic is recovered into http.Error's plain "Internal Server Error".
// With TLS_KEY and TLS_CERT set it speaks HTTPS.
package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

var (
	conn    sync.Mutex
	warmMu  sync.Mutex
	warm    bool
	flagDir = os.Getenv("FLAG_DIR")
	dataDir = os.Getenv("DATA_DIR")
	deploy  = os.Getenv("DEPLOY")
)

func writeJSON(w http.ResponseWriter, status int, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func dep(name string) error {
	c, err := net.DialTimeout("tcp", os.Getenv(name), time.Second)
	if err != nil {
		return err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(time.Second))
	c.Write([]byte("GET /v1/stock HTTP/1.1\r\nHost: dep\r\n\r\n"))
	b := make([]byte, 1)
	_, err = c.Read(b)
	return err
}

func api(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		warmMu.Lock()
		if !warm {
			time.Sleep(1500 * time.Millisecond)
			warm = true
		}
		warmMu.Unlock()
		conn.Lock()
		defer conn.Unlock()
		defer func() {
			if e := recover(); e != nil {
				http.Error(w, "Internal Server Error", http.StatusInternalServerError)
			}
		}()
		h(w, r)
	}
}

func main() {
	mux := http.NewServeMux()
	if deploy != "v2" {
		mux.HandleFunc("/api/orders/", api(func(w http.ResponseWriter, r *http.Request) {
			id := strings.TrimPrefix(r.URL.Path, "/api/orders/")
			if id != "1" {
				writeJSON(w, 404, map[string]string{"error": "not_found", "message": "order " + id + " does not exist"})
				return
			}
			w.Header().Set("Cache-Control", "public, max-age=2")
			w.Header().Set("ETag", `"fe-1001-v1"`)
			writeJSON(w, 200, map[string]interface{}{"id": 1, "ref": "FE-1001", "replica": os.Getenv("REPLICA")})
		}))
	}
	mux.HandleFunc("/api/cart", api(func(w http.ResponseWriter, r *http.Request) {
		if deploy == "v2" {
			var settings map[string]*int
			_ = *settings["cart_ttl"] // nil pointer: the new release reads a setting nobody set
		}
		writeJSON(w, 200, map[string]interface{}{"items": []int{}, "currency": "EUR"})
	}))
	mux.HandleFunc("/api/inventory", api(func(w http.ResponseWriter, r *http.Request) {
		if err := dep("DEP_DOWN"); err != nil {
			writeJSON(w, 502, map[string]string{"error": "bad_gateway", "message": "inventory service unreachable: " + err.Error()})
			return
		}
		writeJSON(w, 200, map[string]bool{"ok": true})
	}))
	mux.HandleFunc("/api/quotes", api(func(w http.ResponseWriter, r *http.Request) {
		if err := dep("DEP_SLOW"); err != nil {
			writeJSON(w, 504, map[string]string{"error": "gateway_timeout", "message": "pricing service did not answer within 1s"})
			return
		}
		writeJSON(w, 200, map[string]bool{"ok": true})
	}))
	mux.HandleFunc("/api/payments", api(func(w http.ResponseWriter, r *http.Request) {
		if err := dep("DEP_DOWN"); err != nil {
			w.Header().Set("Retry-After", "30")
			writeJSON(w, 503, map[string]string{"error": "service_unavailable", "message": "payment provider unavailable"})
			return
		}
		writeJSON(w, 200, map[string]bool{"ok": true})
	}))
	mux.HandleFunc("/api/receipts", api(func(w http.ResponseWriter, r *http.Request) {
		f, err := os.OpenFile(filepath.Join(dataDir, "receipts.log"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0644)
		if err == nil {
			_, err = f.Write([]byte("{}\n"))
			f.Close()
		}
		if err != nil {
			http.Error(w, "internal error: "+err.Error(), http.StatusInternalServerError)
			return
		}
		writeJSON(w, 201, map[string]bool{"stored": true})
	}))
	mux.HandleFunc("/api/export", api(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(6 * time.Second)
		writeJSON(w, 200, map[string]int{"rows": 0})
	}))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		if _, err := os.Stat(filepath.Join(flagDir, "unhealthy")); err == nil {
			writeJSON(w, 503, map[string]string{"status": "fail"})
			return
		}
		writeJSON(w, 200, map[string]string{"status": "ok"})
	})
	addr := "127.0.0.1:" + os.Args[1]
	var err error
	if os.Getenv("TLS_KEY") != "" {
		err = http.ListenAndServeTLS(addr, os.Getenv("TLS_CERT"), os.Getenv("TLS_KEY"), mux)
	} else {
		err = http.ListenAndServe(addr, mux)
	}
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
