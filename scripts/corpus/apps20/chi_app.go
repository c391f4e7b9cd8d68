// Round-20 corpus: a billing API on chi v5 (Debian's golang-github-go-chi-chi-dev),
// written the way a Go team writes one: middleware.RequestID, RealIP,
// Recoverer (a panic is an empty 500), chi's default NotFound ("404 page not
// found") and MethodNotAllowed (an empty 405), the handlers' own errors as
// JSON, middleware.Throttle on the exports route. chi_app PORT
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
)

func writeJSON(w http.ResponseWriter, status int, v interface{}) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

type apiError struct {
	Error   string `json:"error"`
	Message string `json:"message"`
}

func main() {
	r := chi.NewRouter()
	r.Use(middleware.RequestID)
	r.Use(middleware.RealIP)
	r.Use(middleware.Recoverer)

	r.Route("/api", func(r chi.Router) {
		r.Get("/health", func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, 200, map[string]string{"status": "ok"}) })
		r.Get("/invoices/{id}", func(w http.ResponseWriter, r *http.Request) {
			id := chi.URLParam(r, "id")
			if id != "1" {
				writeJSON(w, 404, apiError{"not_found", "invoice " + id + " does not exist"})
				return
			}
			writeJSON(w, 200, map[string]interface{}{"id": 1, "total": 4200, "currency": "EUR"})
		})
		r.Post("/invoices", func(w http.ResponseWriter, r *http.Request) {
			var body struct {
				Customer string `json:"customer"`
				Total    int    `json:"total"`
			}
			if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1024)).Decode(&body); err != nil {
				writeJSON(w, 400, apiError{"bad_request", "invalid JSON body: " + err.Error()})
				return
			}
			if body.Total <= 0 {
				writeJSON(w, 422, apiError{"validation_failed", "total must be a positive amount in cents"})
				return
			}
			writeJSON(w, 201, body)
		})
		r.Post("/invoices/{id}/void", func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 409, apiError{"conflict", "invoice " + chi.URLParam(r, "id") + " is already paid"})
		})
		r.Get("/admin/ledger", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="billing"`)
			writeJSON(w, 401, apiError{"unauthorized", "a bearer token is required"})
		})
		r.Get("/limited", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Retry-After", "20")
			writeJSON(w, 429, apiError{"rate_limited", "too many requests, retry in 20 seconds"})
		})
		r.Get("/boom", func(w http.ResponseWriter, _ *http.Request) {
			var m map[string]int
			m["invoices"]++ // assignment to entry in nil map: Recoverer's empty 500
		})
		r.Get("/maintenance", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Retry-After", "300")
			writeJSON(w, 503, apiError{"maintenance", "billing is down for scheduled maintenance"})
		})
		r.Get("/slow", func(w http.ResponseWriter, _ *http.Request) {
			time.Sleep(5 * time.Second)
			writeJSON(w, 200, map[string]string{"status": "late"})
		})
		r.With(middleware.Throttle(1)).Get("/exports/{year}", func(w http.ResponseWriter, _ *http.Request) {
			time.Sleep(3 * time.Second)
			writeJSON(w, 200, map[string]string{"status": "done"})
		})
	})
	srv := &http.Server{Addr: "127.0.0.1:" + os.Args[1], Handler: r, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
