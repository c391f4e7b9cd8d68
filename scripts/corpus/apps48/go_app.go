// Round-48 corpus: the orders API on Go's net/http (standard library only).
//
//	go_app PLAIN_PORT TLS_PORT CERT KEY
//
// The same handler on a plain port (MaxHeaderBytes 4 KiB, so the server's
// own 431 comes early) and on a TLS port with a self-signed certificate for
// orders.internal (what a front sees when it talks TLS to its upstream). The
// WebSocket endpoint does the RFC 6455 handshake check itself and upgrades
// with Hijack; a plain GET on it is a 426.
package main

import (
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"log"
	"net/http"
	"os"
	"strings"
	"time"
)

func writeJSON(w http.ResponseWriter, status int, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func apiErr(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, map[string]string{"error": code, "message": msg})
}

func orders(w http.ResponseWriter, r *http.Request) {
	id := strings.TrimPrefix(r.URL.Path, "/api/orders/")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		apiErr(w, http.StatusMethodNotAllowed, "method_not_allowed", r.Method+" is not supported on orders")
		return
	}
	if id != "1" {
		apiErr(w, http.StatusNotFound, "not_found", "order "+id+" not found")
		return
	}
	writeJSON(w, http.StatusOK, map[string]interface{}{"id": 1, "sku": "A-1", "status": "shipped"})
}

func account(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie("session")
	if err != nil {
		http.Redirect(w, r, "/login?next=%2Faccount", http.StatusFound)
		return
	}
	if c.Value != "valid" {
		http.SetCookie(w, &http.Cookie{Name: "session", Value: "", Path: "/", MaxAge: -1})
		http.Redirect(w, r, "/login?next=%2Faccount&expired=1", http.StatusFound)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"user": "ada"})
}

func login(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte("<!doctype html><title>Sign in</title><h1>Sign in</h1>\n"))
}

const wsGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

func ws(w http.ResponseWriter, r *http.Request) {
	if !strings.EqualFold(r.Header.Get("Upgrade"), "websocket") {
		w.Header().Set("Upgrade", "websocket")
		apiErr(w, http.StatusUpgradeRequired, "upgrade_required", "this endpoint speaks WebSocket only")
		return
	}
	key := r.Header.Get("Sec-WebSocket-Key")
	if key == "" || r.Header.Get("Sec-WebSocket-Version") != "13" {
		w.Header().Set("Sec-WebSocket-Version", "13")
		apiErr(w, http.StatusBadRequest, "bad_handshake", "missing Sec-WebSocket-Key or unsupported version")
		return
	}
	hj, ok := w.(http.Hijacker)
	if !ok {
		apiErr(w, http.StatusInternalServerError, "no_hijack", "connection cannot be upgraded")
		return
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	sum := sha1.Sum([]byte(key + wsGUID))
	buf.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " +
		base64.StdEncoding.EncodeToString(sum[:]) + "\r\n\r\n")
	buf.Write([]byte{0x88, 0x02, 0x03, 0xe8}) // close frame, 1000
	buf.Flush()
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/health", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("/api/orders/", orders)
	mux.HandleFunc("/account", account)
	mux.HandleFunc("/login", login)
	mux.HandleFunc("/ws", ws)

	plain := &http.Server{Addr: "127.0.0.1:" + os.Args[1], Handler: mux, MaxHeaderBytes: 4096,
		ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 30 * time.Second}
	secure := &http.Server{Addr: "127.0.0.1:" + os.Args[2], Handler: mux,
		ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 30 * time.Second}
	go func() { log.Fatal(secure.ListenAndServeTLS(os.Args[3], os.Args[4])) }()
	log.Fatal(plain.ListenAndServe())
}
