// Round-49 corpus: the albums web service from Go's own tutorial, written on
// the standard library only (net/http, encoding/json; no module downloads),
// run as two instances behind HAProxy with `option httpchk GET /healthz`.
// /healthz answers 503 while the file $ALBUMS_DRAIN exists, so HAProxy takes
// the instance out. ServeMux's own "404 page not found", http.Error's text
// 500, http.Redirect's 301, the handlers' JSON errors.   albums PORT NAME
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
	"strings"
	"time"
)

type album struct {
	ID     string  `json:"id"`
	Title  string  `json:"title"`
	Artist string  `json:"artist"`
	Price  float64 `json:"price"`
}

var albums = []album{
	{"1", "Blue Train", "John Coltrane", 56.99},
	{"2", "Jeru", "Gerry Mulligan", 17.99},
}

func writeJSON(w http.ResponseWriter, status int, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func main() {
	port, name := os.Args[1], os.Args[2]
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		if _, err := os.Stat(os.Getenv("ALBUMS_DRAIN")); err == nil {
			writeJSON(w, 503, map[string]string{"status": "draining"})
			return
		}
		writeJSON(w, 200, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("/albums", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Served-By", name)
		switch r.Method {
		case http.MethodGet:
			writeJSON(w, 200, albums)
		case http.MethodPost:
			var a album
			if err := json.NewDecoder(r.Body).Decode(&a); err != nil {
				writeJSON(w, 400, map[string]string{"message": "invalid JSON: " + err.Error()})
				return
			}
			if a.Title == "" || a.Price <= 0 {
				writeJSON(w, 422, map[string]string{"message": "title and a positive price are required"})
				return
			}
			for _, b := range albums {
				if b.ID == a.ID {
					writeJSON(w, 409, map[string]string{"message": "album " + a.ID + " already exists"})
					return
				}
			}
			w.Header().Set("Location", "/albums/"+a.ID)
			writeJSON(w, 201, a)
		default:
			w.Header().Set("Allow", "GET, POST")
			writeJSON(w, 405, map[string]string{"message": "method not allowed"})
		}
	})
	mux.HandleFunc("/albums/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Served-By", name)
		id := strings.TrimPrefix(r.URL.Path, "/albums/")
		for _, a := range albums {
			if a.ID == id {
				writeJSON(w, 200, a)
				return
			}
		}
		writeJSON(w, 404, map[string]string{"message": "album not found"})
	})
	mux.HandleFunc("/admin/prices", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="albums"`)
			writeJSON(w, 401, map[string]string{"message": "missing bearer token"})
			return
		}
		writeJSON(w, 403, map[string]string{"message": "token lacks the prices:write scope"})
	})
	mux.HandleFunc("/stats", func(w http.ResponseWriter, r *http.Request) {
		var counts map[string]int
		counts["plays"]++ // a nil map: the panic is recovered by net/http, which drops the connection
	})
	mux.HandleFunc("/report", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "report: database is locked", http.StatusInternalServerError)
	})
	mux.HandleFunc("/maintenance", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		writeJSON(w, 503, map[string]string{"message": "catalog import in progress"})
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(5 * time.Second)
		writeJSON(w, 200, map[string]string{"status": "late"})
	})
	mux.HandleFunc("/catalog", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/albums", http.StatusMovedPermanently)
	})
	srv := &http.Server{Addr: "127.0.0.1:" + port, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
