// Round-53 corpus: the product catalog API on Go's net/http (ServeMux,
// encoding/json), written for a caching front. GET answers go through
// http.ServeContent, so net/http itself answers If-None-Match and
// If-Modified-Since with 304 and a failed If-Match with 412; the handlers set
// ETag and `Cache-Control: public, max-age=N`. PUT checks If-Match in the
// handler (a JSON 412, 428 without it). An unknown product is a JSON 404 with
// max-age=60; the daily report a JSON 500 with max-age=30. Flag files in
// $CATALOG_FLAGS: "fail" and "slow". nethttp_app PORT
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
)

var lastMod = time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC)

type product struct {
	ID    int    `json:"id"`
	SKU   string `json:"sku"`
	Name  string `json:"name"`
	Price int    `json:"price"`
}

var products = map[string]product{
	"1": {1, "TEA-001", "Sencha", 1250},
	"2": {2, "TEA-002", "Genmaicha", 990},
}

func flag(name string) bool {
	_, err := os.Stat(filepath.Join(os.Getenv("CATALOG_FLAGS"), name))
	return os.Getenv("CATALOG_FLAGS") != "" && err == nil
}

func apiErr(w http.ResponseWriter, status int, code, msg, cache string) {
	if cache == "" {
		cache = "no-store"
	}
	w.Header().Set("Cache-Control", cache)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"code": code, "message": msg})
}

func serveJSON(w http.ResponseWriter, r *http.Request, v interface{}, etag, cache string) {
	b, _ := json.Marshal(v)
	b = append(b, '\n')
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("ETag", etag)
	w.Header().Set("Cache-Control", cache)
	http.ServeContent(w, r, "", lastMod, bytes.NewReader(b))
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/catalog", func(w http.ResponseWriter, r *http.Request) {
		if flag("slow") {
			time.Sleep(5 * time.Second)
		}
		if flag("fail") {
			apiErr(w, 500, "catalog_unavailable", "pricing database unreachable", "")
			return
		}
		serveJSON(w, r, map[string]interface{}{"items": []product{products["1"], products["2"]}, "currency": "EUR"},
			`"cat-7f3a9c"`, "public, max-age=2")
	})
	mux.HandleFunc("/api/products/", func(w http.ResponseWriter, r *http.Request) {
		id := strings.TrimPrefix(r.URL.Path, "/api/products/")
		p, ok := products[id]
		if !ok {
			apiErr(w, 404, "product_not_found", fmt.Sprintf("product %s does not exist", id), "public, max-age=60")
			return
		}
		etag := fmt.Sprintf(`"p%d-v3"`, p.ID)
		switch r.Method {
		case http.MethodGet, http.MethodHead:
			serveJSON(w, r, p, etag, "public, max-age=60")
		case http.MethodPut:
			im := r.Header.Get("If-Match")
			if im == "" {
				apiErr(w, 428, "precondition_required", "If-Match is required", "")
			} else if im != etag {
				apiErr(w, 412, "precondition_failed", "product was modified concurrently", "")
			} else {
				serveJSON(w, r, p, etag, "no-store")
			}
		default:
			w.Header().Set("Allow", "GET, HEAD, PUT")
			apiErr(w, 405, "method_not_allowed", r.Method+" not allowed", "")
		}
	})
	mux.HandleFunc("/api/stock/", func(w http.ResponseWriter, r *http.Request) {
		id := strings.TrimPrefix(r.URL.Path, "/api/stock/")
		serveJSON(w, r, map[string]interface{}{"id": id, "in_stock": 42}, `"stock-`+id+`-42"`, "private, no-cache")
	})
	mux.HandleFunc("/api/reports/daily", func(w http.ResponseWriter, r *http.Request) {
		apiErr(w, 500, "report_failed", "daily report generation failed", "public, max-age=30")
	})
	mux.HandleFunc("/api/maintenance", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "600")
		apiErr(w, 503, "maintenance", "catalog imports are paused", "")
	})
	mux.HandleFunc("/api/boom", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
	})
	mux.HandleFunc("/api/slow", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(5 * time.Second)
		apiErr(w, 200, "late", "finally", "")
	})
	srv := &http.Server{Addr: "127.0.0.1:" + os.Args[1], Handler: mux}
	log.Fatal(srv.ListenAndServe())
}
