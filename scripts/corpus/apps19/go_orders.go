// Round-19 corpus: the orders service on Go's net/http with nothing in front,
// on plain HTTP and on TLS (where net/http speaks HTTP/2). Also the service
// behind the FastAPI BFF. net/http itself answers malformed requests and
// headers over MaxHeaderBytes; a panic in a handler closes the connection.
package main

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

func js(w http.ResponseWriter, status int, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/orders/", func(w http.ResponseWriter, r *http.Request) {
		id := strings.TrimPrefix(r.URL.Path, "/api/orders/")
		switch {
		case r.Method == http.MethodPost && strings.HasSuffix(id, "/notes"):
			r.Body = http.MaxBytesReader(w, r.Body, 1024)
			if _, err := io.ReadAll(r.Body); err != nil {
				js(w, http.StatusRequestEntityTooLarge, map[string]string{"error": "body_too_large", "message": err.Error()})
				return
			}
			js(w, 201, map[string]string{"status": "noted"})
		case r.Method != http.MethodGet:
			w.Header().Set("Allow", "GET")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		case id == "1":
			js(w, 200, map[string]interface{}{"id": 1, "sku": "A-1", "status": "shipped"})
		default:
			js(w, 404, map[string]string{"error": "order_not_found", "id": id})
		}
	})
	mux.HandleFunc("/api/admin/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="orders"`)
		http.Error(w, "unauthorized", http.StatusUnauthorized)
	})
	mux.HandleFunc("/api/boom", func(w http.ResponseWriter, r *http.Request) {
		var m map[string]int
		m["x"] = 1
	})
	mux.HandleFunc("/api/slow", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(5 * time.Second)
		js(w, 200, map[string]string{"status": "late"})
	})
	mux.HandleFunc("/api/maintenance", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		js(w, 503, map[string]string{"error": "maintenance"})
	})
	plain := &http.Server{Addr: "127.0.0.1:" + os.Args[1], Handler: mux, MaxHeaderBytes: 4096}
	tls := &http.Server{Addr: "127.0.0.1:" + os.Args[2], Handler: mux, MaxHeaderBytes: 4096}
	go func() { panic(tls.ListenAndServeTLS(os.Args[3], os.Args[4])) }()
	panic(plain.ListenAndServe())
}
