// Round-14 corpus: the small identity service nginx's auth_request asks
// (Go net/http). `authsvc PORT`. GET /verify looks at Authorization:
// "Bearer good" 204 (with X-User), "Bearer readonly" 403, anything else 401.
package main

import (
	"net/http"
	"os"
	"time"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/verify", func(w http.ResponseWriter, r *http.Request) {
		switch r.Header.Get("Authorization") {
		case "Bearer good":
			w.Header().Set("X-User", "ada")
			w.WriteHeader(http.StatusNoContent)
		case "Bearer readonly":
			w.WriteHeader(http.StatusForbidden)
		default:
			w.Header().Set("WWW-Authenticate", `Bearer realm="orders"`)
			w.WriteHeader(http.StatusUnauthorized)
		}
	})
	srv := &http.Server{Addr: "127.0.0.1:" + os.Args[1], Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	if err := srv.ListenAndServe(); err != nil {
		os.Exit(1)
	}
}
