// Round-67 corpus: round 63's chi app (../apps63/chi_app.go) with two
// changes: /api/invoices/1 and a new /api/rates are cacheable (Cache-Control:
// public, an ETag) for the cache in front, as round 63 made its Echo app
// cacheable, and an invoice id that is not a number is the handler's JSON
// 400. The Ledgerly invoices API (routes as in ../apps55/fastapi_app.py) on
// chi v5 (Debian's golang-github-go-chi-chi-dev, built in GOPATH mode).
// Written the way a Go team writes one: Recoverer (a
// panic is chi's empty 500), chi's default NotFound ("404 page not found")
// and MethodNotAllowed (an empty 405), the handlers' own errors as JSON, the
// app's own HTML 502/503/504 pages. No request id is set by the app.
// Usage: chi_cached PORT (binds 127.0.0.1).
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
)

var pages = map[int][3]string{
	502: {"502 Bad Gateway", "Bad Gateway", "The card processor sent back a reply we could not parse. No payment was taken."},
	503: {"503 Service Unavailable", "Service Unavailable", "Statements are being regenerated for the new tax year. Please come back in a few minutes."},
	504: {"504 Gateway Timeout", "Gateway Timeout", "The bank feed did not answer in time. Your balances are unchanged; try again shortly."},
}

func page(status int) string {
	p := pages[status]
	return fmt.Sprintf("<!doctype html>\n<html><head><title>%s</title></head>\n<body>\n<h1>%s</h1>\n<p>%s</p>\n"+
		"<hr><p>Ledgerly invoicing</p>\n</body></html>\n", p[0], p[1], p[2])
}

func writeJSON(w http.ResponseWriter, status int, v interface{}) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func fail(w http.ResponseWriter, status int, code, message string, headers ...string) {
	for i := 0; i+1 < len(headers); i += 2 {
		w.Header().Set(headers[i], headers[i+1])
	}
	writeJSON(w, status, map[string]string{"error": code, "message": message})
}

func main() {
	r := chi.NewRouter()
	r.Use(middleware.Recoverer)

	r.Get("/api/invoices/{id}", func(w http.ResponseWriter, req *http.Request) {
		id := chi.URLParam(req, "id")
		if _, err := strconv.Atoi(id); err != nil {
			fail(w, 400, "bad_request", "invoice id must be a number")
			return
		}
		if id == "1" {
			w.Header().Set("Cache-Control", "public, max-age=60")
			w.Header().Set("ETag", `"inv-1-v3"`)
			writeJSON(w, 200, map[string]interface{}{"id": 1, "ref": "LG-1001", "status": "sent", "total": "120.00", "currency": "EUR"})
			return
		}
		fail(w, 404, "invoice_not_found", "no invoice "+id)
	})
	r.Get("/api/rates", func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=1")
		w.Header().Set("ETag", `"rates-2026-12"`)
		writeJSON(w, 200, map[string]string{"base": "EUR", "USD": "1.0842", "GBP": "0.8571", "as_of": "2026-12-04"})
	})
	r.Post("/api/invoices", func(w http.ResponseWriter, req *http.Request) {
		var body map[string]interface{}
		raw, _ := io.ReadAll(req.Body)
		if json.Unmarshal(raw, &body) != nil || body["ref"] == nil {
			fail(w, 422, "validation_failed", "field 'ref' is required")
			return
		}
		if body["ref"] == "LG-1001" {
			fail(w, 409, "duplicate_ref", fmt.Sprintf("an invoice with ref %v already exists", body["ref"]))
			return
		}
		writeJSON(w, 201, map[string]interface{}{"id": 2, "ref": body["ref"], "status": "draft"})
	})
	r.Get("/api/account", func(w http.ResponseWriter, req *http.Request) {
		fail(w, 401, "unauthorized", "a bearer token is required", "WWW-Authenticate", `Bearer realm="ledgerly"`)
	})
	r.Get("/api/admin", func(w http.ResponseWriter, req *http.Request) {
		fail(w, 403, "forbidden", "your role may not open the admin area")
	})
	r.Get("/api/quota", func(w http.ResponseWriter, req *http.Request) {
		fail(w, 429, "rate_limited", "100 requests per minute per key", "Retry-After", "30")
	})
	r.Get("/api/maintenance", func(w http.ResponseWriter, req *http.Request) {
		fail(w, 503, "maintenance", "invoices are read-only during the ledger migration", "Retry-After", "120")
	})
	for path, status := range map[string]int{"/api/payments": 502, "/api/statements": 503, "/api/bank": 504} {
		s := status
		r.Get(path, func(w http.ResponseWriter, req *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(s)
			_, _ = io.WriteString(w, page(s))
		})
	}
	r.Get("/api/boom", func(w http.ResponseWriter, req *http.Request) {
		var totals map[string]int
		totals["ledger"]++ // a nil map: the panic Recoverer turns into a 500
	})
	r.Get("/api/slow", func(w http.ResponseWriter, req *http.Request) {
		time.Sleep(5 * time.Second)
		writeJSON(w, 200, map[string]bool{"slow": true})
	})
	r.Get("/healthz", func(w http.ResponseWriter, req *http.Request) { _, _ = io.WriteString(w, "ok") })

	log.SetOutput(os.Stderr)
	if err := http.ListenAndServe("127.0.0.1:"+os.Args[1], r); err != nil {
		log.Fatal(err)
	}
}
