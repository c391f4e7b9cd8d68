// apps7.go — round 7's Go apps, built in GOPATH mode from Debian's packaged
// gorilla/mux (golang-github-gorilla-mux-dev) and the standard library: an
// orders API on gorilla/mux written the usual way (so its 404/405 are the
// router's own), a gateway on net/http/httputil.ReverseProxy whose
// ErrorHandler writes JSON with the request id inside, and a token gate that
// refuses with `WWW-Authenticate: Bearer error="invalid_token"` before
// proxying.
//
//	apps7 mux PORT | gateway PORT UPSTREAM... | tokengate PORT UPSTREAM
package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"log"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/gorilla/mux"
)

const maintHTML = `<html>
<head><title>503 Service Temporarily Unavailable</title></head>
<body>
<center><h1>503 Service Temporarily Unavailable</h1></center>
<hr><center>nginx</center>
</body>
</html>
`

const timeoutHTML = `<!DOCTYPE html>
<html><head><title>504 Gateway Timeout</title></head>
<body><h1>504 Gateway Timeout</h1><p>The upstream server did not respond in time.</p></body></html>
`

func addr(port string) string { return "127.0.0.1:" + port }

func writeJSON(w http.ResponseWriter, status int, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func muxApp(port string) {
	r := mux.NewRouter()
	api := r.PathPrefix("/api").Subrouter()
	api.HandleFunc("/health", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, 200, map[string]string{"status": "ok"})
	}).Methods("GET")
	api.HandleFunc("/users/{id:[0-9]+}", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 404, map[string]string{"error": "user not found", "id": mux.Vars(r)["id"]})
	}).Methods("GET")
	api.HandleFunc("/boom", func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "orders: database is locked", http.StatusInternalServerError)
	})
	api.HandleFunc("/panic", func(w http.ResponseWriter, _ *http.Request) { panic("orders: nil map") })
	api.HandleFunc("/down", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "30")
		writeJSON(w, 503, map[string]string{"error": "orders database unavailable"})
	})
	api.HandleFunc("/maint", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(503)
		_, _ = w.Write([]byte(maintHTML))
	})
	api.HandleFunc("/report", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(504)
		_, _ = w.Write([]byte(timeoutHTML))
	})
	api.HandleFunc("/limited", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "5")
		writeJSON(w, 429, map[string]interface{}{"error": "rate limit exceeded", "limit": 100})
	})
	api.HandleFunc("/private", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("WWW-Authenticate", `Bearer error="insufficient_scope", scope="orders:admin"`)
		writeJSON(w, 403, map[string]string{"error": "insufficient_scope"})
	})
	api.HandleFunc("/catalog", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=1")
		w.Header().Set("ETag", `"catalog-v7"`)
		w.Header().Set("Last-Modified", "Mon, 02 Nov 2026 10:00:00 GMT")
		writeJSON(w, 200, map[string]interface{}{"items": []string{"SKU-1", "SKU-2"}})
	}).Methods("GET")
	api.HandleFunc("/orders", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, 201, map[string]string{"id": "ord-1"})
	}).Methods("POST")
	log.Fatal(http.ListenAndServe(addr(port), r))
}

func reqID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// gateway: PREFIX=URL pairs; the prefix is stripped.
func gatewayApp(port string, routes []string) {
	m := http.NewServeMux()
	for _, rt := range routes {
		kv := strings.SplitN(rt, "=", 2)
		prefix, target := kv[0], kv[1]
		u, err := url.Parse(target)
		if err != nil {
			log.Fatal(err)
		}
		p := httputil.NewSingleHostReverseProxy(u)
		p.Transport = &http.Transport{ResponseHeaderTimeout: 2 * time.Second}
		p.ErrorHandler = func(w http.ResponseWriter, r *http.Request, err error) {
			id := w.Header().Get("X-Request-Id")
			status, code := http.StatusBadGateway, "upstream_unreachable"
			if strings.Contains(err.Error(), "timeout") {
				status, code = http.StatusGatewayTimeout, "upstream_timeout"
			}
			writeJSON(w, status, map[string]interface{}{
				"error": map[string]string{"code": code, "message": "the orders service is not reachable", "request_id": id},
			})
		}
		pfx := prefix
		m.Handle(pfx+"/", http.StripPrefix(pfx, p))
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := reqID()
		w.Header().Set("X-Request-Id", id)
		r.Header.Set("X-Request-Id", id)
		m.ServeHTTP(w, r)
	})
	log.Fatal(http.ListenAndServe(addr(port), h))
}

// tokengate: a resource server's token check in front of one upstream.
func tokengateApp(port, target string) {
	u, err := url.Parse(target)
	if err != nil {
		log.Fatal(err)
	}
	p := httputil.NewSingleHostReverseProxy(u)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		switch {
		case auth == "":
			w.Header().Set("WWW-Authenticate", `Bearer realm="orders"`)
			writeJSON(w, 401, map[string]string{"error": "invalid_request", "error_description": "no access token"})
		case auth == "Bearer good-token":
			p.ServeHTTP(w, r)
		case strings.HasPrefix(auth, "Bearer expired"):
			w.Header().Set("WWW-Authenticate", `Bearer realm="orders", error="invalid_token", error_description="The access token expired"`)
			writeJSON(w, 401, map[string]string{"error": "invalid_token", "error_description": "The access token expired"})
		case strings.HasPrefix(auth, "Basic "):
			w.Header().Set("WWW-Authenticate", `Bearer realm="orders"`)
			writeJSON(w, 401, map[string]string{"error": "invalid_request", "error_description": "Bearer token required"})
		default:
			w.Header().Set("WWW-Authenticate", `Bearer realm="orders", error="invalid_token"`)
			w.WriteHeader(401)
		}
	})
	log.Fatal(http.ListenAndServe(addr(port), h))
}

func main() {
	if len(os.Args) < 3 {
		log.Fatal("usage: apps7 mux|gateway|tokengate PORT ...")
	}
	switch os.Args[1] {
	case "mux":
		muxApp(os.Args[2])
	case "gateway":
		gatewayApp(os.Args[2], os.Args[3:])
	case "tokengate":
		tokengateApp(os.Args[2], os.Args[3])
	default:
		log.Fatal("unknown app " + os.Args[1])
	}
}
