// Round 41: a small reports API on Go's net/http (stdlib only). The server
// itself answers some rare codes for the app (400 without Host, 417, 431,
// 501 for an unknown Transfer-Encoding, 505); http.ServeContent answers 412
// and 416; the handlers write 405, 409, 410, 423, 428, 451, 501 and 507.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"
)

func fail(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error": code, "message": msg, "status": status})
}

func main() {
	report := []byte(strings.Repeat("2026-12-01,orders,1234\n", 40))
	mod := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	mux := http.NewServeMux()
	mux.HandleFunc("/reports/daily.csv", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"daily-41"`)
		http.ServeContent(w, r, "daily.csv", mod, bytes.NewReader(report))
	})
	mux.HandleFunc("/api/reports/", func(w http.ResponseWriter, r *http.Request) {
		id := strings.TrimPrefix(r.URL.Path, "/api/reports/")
		switch {
		case r.Method == http.MethodPatch:
			w.Header().Set("Allow", "GET, PUT, DELETE")
			fail(w, 405, "method_not_allowed", "PATCH is not supported on reports")
		case id == "13":
			fail(w, 410, "gone", "report 13 has expired")
		case id == "451":
			fail(w, 451, "unavailable_for_legal_reasons", "withheld on legal demand")
		case r.Method == http.MethodPut && r.Header.Get("If-Match") == "":
			fail(w, 428, "precondition_required", "If-Match header required")
		case r.Method == http.MethodPut && id == "9":
			fail(w, 423, "locked", "report 9 is being regenerated")
		case r.Method == http.MethodPut:
			fail(w, 409, "conflict", "report was modified concurrently")
		case r.Method == http.MethodPost && strings.HasSuffix(id, "/archive"):
			fail(w, 507, "insufficient_storage", "archive volume is full")
		case r.Method == http.MethodPost:
			fail(w, 501, "not_implemented", "report scheduling is not implemented")
		case id == "slow":
			time.Sleep(5 * time.Second)
			fmt.Fprintln(w, `{"ok":true}`)
		default:
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"id":%q,"rows":40}`+"\n", id)
		}
	})
	srv := &http.Server{Addr: "127.0.0.1:" + os.Args[1], Handler: mux, MaxHeaderBytes: 2048}
	srv.ListenAndServe()
}
