// Round-50 corpus: a shipments API on Go's net/http (standard library only),
// behind Varnish. http.Error plain-text errors, Go's "404 page not found",
// a 405 with Allow, a problem-details 409, a JSON 429 with Retry-After, a
// 413 from http.MaxBytesReader, an empty 500, a handler that sleeps 6 s.
package main

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

func problem(w http.ResponseWriter, status int, title, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]interface{}{
		"type": "about:blank", "title": title, "status": status, "detail": detail,
	})
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/health", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"status":"ok"}` + "\n"))
	})
	mux.HandleFunc("/api/shipments/", func(w http.ResponseWriter, r *http.Request) {
		id := strings.TrimPrefix(r.URL.Path, "/api/shipments/")
		switch {
		case r.Method != http.MethodGet && r.Method != http.MethodHead:
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		case id == "1":
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"id":1,"state":"in_transit"}` + "\n"))
		case id == "7":
			problem(w, http.StatusConflict, "Shipment already dispatched", "shipment 7 left the warehouse and cannot be changed")
		default:
			http.Error(w, "shipment not found", http.StatusNotFound)
		}
	})
	mux.HandleFunc("/api/labels", func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, 1024)
		if _, err := io.ReadAll(r.Body); err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				http.Error(w, "label payload too large", http.StatusRequestEntityTooLarge)
				return
			}
		}
		http.Error(w, "invalid label size: must be one of a4, a6", http.StatusBadRequest)
	})
	mux.HandleFunc("/api/rates", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Retry-After", "20")
		w.WriteHeader(http.StatusTooManyRequests)
		w.Write([]byte(`{"error":"rate_limited","message":"carrier rate lookups are limited to 5 per second"}` + "\n"))
	})
	mux.HandleFunc("/api/crash", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
	})
	mux.HandleFunc("/api/slow", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(6 * time.Second)
		w.Write([]byte("done\n"))
	})
	http.ListenAndServe("127.0.0.1:"+os.Args[1], mux)
}
