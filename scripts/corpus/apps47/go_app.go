// Round-47 corpus: a shipments API on plain net/http (Go 1.19 ServeMux,
// encoding/json, standard library only), the upstream of the Fastify
// gateway and of HAProxy alone. JSON errors from the handlers, ServeMux's
// "404 page not found", http.Error text for 405 and for the panic-free
// "internal error" path, a handler that sleeps 5 s. `go_app PORT`
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
	"strings"
	"time"
)

func jsonErr(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]string{"code": code, "message": msg}})
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/shipments/", func(w http.ResponseWriter, r *http.Request) {
		id := strings.TrimPrefix(r.URL.Path, "/api/shipments/")
		if strings.HasSuffix(id, "/cancel") {
			if r.Method != http.MethodPost {
				w.Header().Set("Allow", "POST")
				http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
				return
			}
			jsonErr(w, 409, "already_dispatched", "shipment "+strings.TrimSuffix(id, "/cancel")+" has left the warehouse")
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if id != "SH-1" {
			jsonErr(w, 404, "shipment_not_found", "shipment "+id+" does not exist")
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"id": "SH-1", "carrier": "DHL", "status": "in_transit"})
	})
	mux.HandleFunc("/api/shipments", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", "POST")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		var body map[string]any
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096)).Decode(&body); err != nil {
			jsonErr(w, 400, "invalid_json", "request body is not valid JSON")
			return
		}
		if _, ok := body["address"]; !ok {
			jsonErr(w, 422, "validation_failed", "address is required")
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Location", "/api/shipments/SH-2")
		w.WriteHeader(201)
		_, _ = w.Write([]byte("{\"id\":\"SH-2\",\"status\":\"created\"}\n"))
	})
	mux.HandleFunc("/api/admin/carriers", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Admin-Token") == "" {
			w.Header().Set("WWW-Authenticate", `Token realm="shipping-admin"`)
			jsonErr(w, 401, "unauthenticated", "X-Admin-Token header is required")
			return
		}
		jsonErr(w, 403, "forbidden", "token may not manage carriers")
	})
	mux.HandleFunc("/api/rates/quote", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
	})
	mux.HandleFunc("/api/labels", func(w http.ResponseWriter, r *http.Request) {
		jsonErr(w, 500, "label_printer_error", "label service returned malformed PDF")
	})
	mux.HandleFunc("/api/maintenance", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "900")
		jsonErr(w, 503, "maintenance", "carrier sync in progress")
	})
	mux.HandleFunc("/api/slow", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(5 * time.Second)
		jsonErr(w, 200, "late", "finally")
	})
	mux.HandleFunc("/api/health", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte("{\"status\":\"ok\"}\n"))
	})
	srv := &http.Server{Addr: "127.0.0.1:" + os.Args[1], Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
