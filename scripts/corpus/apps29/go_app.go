// Round 29: the orders API in Go's net/http, checking its own HS256 bearer
// JWTs by hand and answering with http.Error, as small Go services do.
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"strings"
	"time"
)

var secret = []byte("r29-orders-hs256-shared-secret-7f3a9c")

type claims struct {
	Sub   string `json:"sub"`
	Scope string `json:"scope"`
	Exp   int64  `json:"exp"`
}

func verify(tok string) (*claims, error) {
	p := strings.Split(tok, ".")
	if len(p) != 3 {
		return nil, errors.New("token contains an invalid number of segments")
	}
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(p[0] + "." + p[1]))
	sig, err := base64.RawURLEncoding.DecodeString(p[2])
	if err != nil || !hmac.Equal(sig, m.Sum(nil)) {
		return nil, errors.New("signature is invalid")
	}
	raw, _ := base64.RawURLEncoding.DecodeString(p[1])
	var c claims
	if json.Unmarshal(raw, &c) != nil {
		return nil, errors.New("claims are not JSON")
	}
	if c.Exp < time.Now().Unix() {
		return nil, errors.New("token is expired")
	}
	return &c, nil
}

func auth(scope string, h func(http.ResponseWriter, *http.Request, *claims)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a := r.Header.Get("Authorization")
		if !strings.HasPrefix(a, "Bearer ") {
			w.Header().Set("WWW-Authenticate", `Bearer realm="orders"`)
			http.Error(w, "unauthorized: missing bearer token", http.StatusUnauthorized)
			return
		}
		c, err := verify(strings.TrimPrefix(a, "Bearer "))
		if err != nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="orders", error="invalid_token", error_description="`+err.Error()+`"`)
			http.Error(w, "unauthorized: "+err.Error(), http.StatusUnauthorized)
			return
		}
		for _, s := range strings.Fields(c.Scope) {
			if s == scope {
				h(w, r, c)
				return
			}
		}
		http.Error(w, "forbidden: token lacks scope "+scope, http.StatusForbidden)
	}
}

func js(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

func main() {
	mux := http.NewServeMux()
	orders := func(w http.ResponseWriter, r *http.Request, c *claims) {
		js(w, 200, map[string]any{"orders": []any{map[string]any{"id": 1, "sku": "A-1"}}, "user": c.Sub})
	}
	mux.HandleFunc("/api/orders", auth("orders:read", orders))
	mux.HandleFunc("/api/orders/", auth("orders:read", func(w http.ResponseWriter, r *http.Request, c *claims) {
		if r.URL.Path != "/api/orders/1" {
			js(w, 404, map[string]string{"error": "order not found"})
			return
		}
		js(w, 200, map[string]any{"id": 1, "sku": "A-1"})
	}))
	mux.HandleFunc("/api/admin/reports", auth("orders:admin", func(w http.ResponseWriter, r *http.Request, c *claims) {
		js(w, 200, map[string]any{"reports": []any{}})
	}))
	mux.HandleFunc("/admin/users", func(w http.ResponseWriter, r *http.Request) {
		js(w, 200, map[string]any{"users": []string{"u_48213"}})
	})
	mux.HandleFunc("/portal/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<h1>Orders portal</h1>\n"))
	})
	http.ListenAndServe("127.0.0.1:"+os.Args[1], mux)
}
