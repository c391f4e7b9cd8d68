// Round 35, two small net/http programs in one binary (stdlib only):
//
//	go_app check PORT  the token check service for nginx auth_request: HS256
//	                   JWTs verified by hand; 200 with X-Auth-User, 401 with
//	                   WWW-Authenticate and a JSON body, 403 when a write
//	                   comes without orders:write.
//	go_app app PORT    the inventory API behind Varnish, with its own bearer
//	                   check on opaque tokens: http.Error 401/403 (text/plain)
//	                   and a JSON 404.
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"
)

const secret = "r35-billing-hs256-4b1e77d2a9"

func jsonErr(w http.ResponseWriter, code int, e, d string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"error": e, "error_description": d})
}

func verify(tok string) (map[string]interface{}, string) {
	p := strings.Split(tok, ".")
	if len(p) != 3 {
		return nil, "malformed token"
	}
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(p[0] + "." + p[1]))
	sig, err := base64.RawURLEncoding.DecodeString(p[2])
	if err != nil || !hmac.Equal(sig, m.Sum(nil)) {
		return nil, "signature verification failed"
	}
	raw, _ := base64.RawURLEncoding.DecodeString(p[1])
	var c map[string]interface{}
	if json.Unmarshal(raw, &c) != nil {
		return nil, "malformed token"
	}
	if exp, ok := c["exp"].(float64); !ok || int64(exp) < time.Now().Unix() {
		return nil, "token expired"
	}
	return c, ""
}

func check(w http.ResponseWriter, r *http.Request) {
	h := r.Header.Get("Authorization")
	if !strings.HasPrefix(h, "Bearer ") {
		w.Header().Set("WWW-Authenticate", `Bearer realm="billing"`)
		jsonErr(w, 401, "invalid_request", "bearer token required")
		return
	}
	c, why := verify(h[7:])
	if c == nil {
		w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Bearer realm="billing", error="invalid_token", error_description=%q`, why))
		jsonErr(w, 401, "invalid_token", why)
		return
	}
	scope, _ := c["scope"].(string)
	if m := r.Header.Get("X-Original-Method"); m != "GET" && m != "HEAD" && !strings.Contains(scope, "orders:write") {
		w.Header().Set("WWW-Authenticate", `Bearer realm="billing", error="insufficient_scope", scope="orders:write"`)
		jsonErr(w, 403, "insufficient_scope", "orders:write required")
		return
	}
	sub, _ := c["sub"].(string)
	w.Header().Set("X-Auth-User", sub)
	w.WriteHeader(200)
}

var appTokens = map[string]string{"inv_sk_live_51Hx9QeT7bN2": "picker", "inv_sk_live_ro_77Yt3mW": "viewer"}

func app(w http.ResponseWriter, r *http.Request) {
	h := r.Header.Get("Authorization")
	if !strings.HasPrefix(h, "Bearer ") {
		w.Header().Set("WWW-Authenticate", `Bearer realm="inventory"`)
		http.Error(w, "missing bearer token", http.StatusUnauthorized)
		return
	}
	who, ok := appTokens[h[7:]]
	if !ok {
		http.Error(w, "invalid token", http.StatusUnauthorized)
		return
	}
	switch {
	case r.URL.Path == "/inventory/items" && r.Method == "GET":
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "private, no-store")
		fmt.Fprintf(w, `{"items":[{"sku":"BX-118","bin":"A4"}],"client":%q}`+"\n", who)
	case r.URL.Path == "/inventory/items" && r.Method == "POST":
		if who != "picker" {
			http.Error(w, "forbidden: read-only token", http.StatusForbidden)
			return
		}
		w.WriteHeader(201)
	default:
		jsonErr(w, 404, "not_found", "no such item")
	}
}

func main() {
	addr := "127.0.0.1:" + os.Args[2]
	if os.Args[1] == "check" {
		http.ListenAndServe(addr, http.HandlerFunc(check))
	} else {
		http.ListenAndServe(addr, http.HandlerFunc(app))
	}
}
