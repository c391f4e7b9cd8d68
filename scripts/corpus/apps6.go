// apps6.go — round 6's Go apps, built in GOPATH mode from Debian's packaged
// libraries (golang-github-gin-gonic-gin-dev, -labstack-echo-dev,
// -go-chi-chi-dev): an orders API written the usual way for each router, so
// the error pages are the router's own, and a token-check service (plain
// net/http) that the identity layers in front ask.
//
//	apps6 gin PORT | echo PORT | chi PORT | authz PORT | garbage PORT
package main

import (
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/labstack/echo/v4"
	echomw "github.com/labstack/echo/v4/middleware"
)

const maintHTML = `<html>
<head><title>503 Service Temporarily Unavailable</title></head>
<body>
<center><h1>503 Service Temporarily Unavailable</h1></center>
<hr><center>orders</center>
</body>
</html>
`

const badGatewayHTML = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
</body>
</html>
`

const timeoutHTML = `<!DOCTYPE html>
<html><head><title>504 Gateway Time-out</title></head>
<body><h1>Gateway Time-out</h1><p>The payments service did not answer in time.</p></body></html>
`

func addr(port string) string { return "127.0.0.1:" + port }

func ginApp(port string) {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.Use(gin.Recovery())
	r.GET("/api/health", func(c *gin.Context) { c.JSON(200, gin.H{"status": "ok"}) })
	r.GET("/api/boom", func(c *gin.Context) { panic("orders: nil map") })
	r.GET("/api/users/:id", func(c *gin.Context) {
		c.JSON(404, gin.H{"error": "user not found", "id": c.Param("id")})
	})
	r.GET("/api/search", func(c *gin.Context) {
		c.JSON(200, gin.H{"q": c.Query("q"), "results": []string{}})
	})
	r.POST("/api/orders", func(c *gin.Context) {
		var body struct {
			Sku string `json:"sku" binding:"required"`
			Qty int    `json:"qty" binding:"required,min=1"`
		}
		if err := c.ShouldBindJSON(&body); err != nil {
			c.JSON(400, gin.H{"error": err.Error()})
			return
		}
		c.JSON(201, body)
	})
	r.GET("/api/down", func(c *gin.Context) {
		c.Header("Retry-After", "120")
		c.JSON(503, gin.H{"error": "orders database under maintenance"})
	})
	r.GET("/api/maint", func(c *gin.Context) { c.Data(503, "text/html", []byte(maintHTML)) })
	r.GET("/api/pay", func(c *gin.Context) { c.Data(502, "text/html; charset=utf-8", []byte(badGatewayHTML)) })
	r.GET("/api/private", func(c *gin.Context) {
		// the app checks the scope itself, after the identity layer let the token in
		c.Header("WWW-Authenticate", `Bearer error="insufficient_scope", scope="orders:admin"`)
		c.JSON(403, gin.H{"error": "insufficient_scope", "detail": "orders:admin is required"})
	})
	r.GET("/api/catalog", func(c *gin.Context) {
		c.Header("Cache-Control", "public, max-age=1")
		c.Header("ETag", `"catalog-v7"`)
		c.JSON(200, gin.H{"items": []string{"SKU-1", "SKU-2"}})
	})
	r.GET("/api/slow", func(c *gin.Context) {
		time.Sleep(5 * time.Second)
		c.JSON(200, gin.H{"status": "late"})
	})
	log.Fatal(r.Run(addr(port)))
}

func echoApp(port string) {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.Use(echomw.Recover())
	e.Use(echomw.BodyLimit("1K"))
	e.GET("/api/health", func(c echo.Context) error { return c.JSON(200, map[string]string{"status": "ok"}) })
	e.GET("/api/boom", func(c echo.Context) error { return errors.New("orders: connection pool exhausted") })
	e.GET("/api/panic", func(c echo.Context) error { panic("orders: index out of range") })
	e.GET("/api/users/:id", func(c echo.Context) error {
		return echo.NewHTTPError(http.StatusNotFound, "no user with id "+c.Param("id"))
	})
	e.GET("/api/down", func(c echo.Context) error {
		c.Response().Header().Set("Retry-After", "60")
		return echo.NewHTTPError(http.StatusServiceUnavailable)
	})
	e.GET("/api/report", func(c echo.Context) error { return c.HTML(504, timeoutHTML) })
	e.POST("/api/orders", func(c echo.Context) error { return c.JSON(201, map[string]string{"status": "created"}) })
	log.Fatal(e.Start(addr(port)))
}

func chiApp(port string) {
	r := chi.NewRouter()
	r.Use(middleware.RequestID)
	r.Use(middleware.Recoverer)
	r.Get("/api/health", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, `{"status":"ok"}`) })
	r.Get("/api/boom", func(w http.ResponseWriter, _ *http.Request) { panic("orders: nil pointer") })
	r.Get("/api/users/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(404)
		fmt.Fprintf(w, `{"error":"not_found","message":"no user %s"}`+"\n", chi.URLParam(r, "id"))
	})
	r.Get("/api/limited", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Retry-After", "30")
		w.WriteHeader(429)
		fmt.Fprintln(w, `{"error":"rate_limited","message":"30 requests per minute"}`)
	})
	r.With(middleware.Timeout(1 * time.Second)).Get("/api/report", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
			fmt.Fprintln(w, `{"report":"late"}`)
		case <-r.Context().Done():
		}
	})
	r.With(middleware.Throttle(1)).Get("/api/export", func(w http.ResponseWriter, _ *http.Request) {
		time.Sleep(3 * time.Second)
		fmt.Fprintln(w, `{"export":"done"}`)
	})
	r.Get("/api/maint", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(503)
		fmt.Fprint(w, maintHTML)
	})
	log.Fatal(http.ListenAndServe(addr(port), r))
}

// authz: the token check the identity layers ask (nginx auth_request, Caddy
// forward_auth). 204 for "Bearer good-token", else a JSON 401 or 403.
func authzApp(port string) {
	http.HandleFunc("/check", func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		w.Header().Set("Content-Type", "application/json")
		switch {
		case auth == "Bearer good-token":
			w.Header().Set("X-Auth-Subject", "user-42")
			w.WriteHeader(204)
		case auth == "":
			w.Header().Set("WWW-Authenticate", `Bearer realm="orders"`)
			w.WriteHeader(401)
			fmt.Fprintln(w, `{"error":"unauthorized","error_description":"no bearer token"}`)
		case strings.HasPrefix(auth, "Bearer readonly-"):
			w.Header().Set("WWW-Authenticate", `Bearer realm="orders", error="insufficient_scope"`)
			w.WriteHeader(403)
			fmt.Fprintln(w, `{"error":"forbidden","error_description":"token lacks orders:write"}`)
		default:
			w.Header().Set("WWW-Authenticate", `Bearer realm="orders", error="invalid_token", error_description="token expired"`)
			w.WriteHeader(401)
			fmt.Fprintln(w, `{"error":"invalid_token","error_description":"token expired"}`)
		}
	})
	log.Fatal(http.ListenAndServe(addr(port), nil))
}

// garbage answers every request with bytes that are not HTTP, so a proxy in
// front has to write its own error for an invalid response.
func garbageApp(port string) {
	ln, err := net.Listen("tcp", addr(port))
	if err != nil {
		log.Fatal(err)
	}
	for {
		c, err := ln.Accept()
		if err != nil {
			continue
		}
		go func(c net.Conn) {
			defer c.Close()
			buf := make([]byte, 4096)
			_ = c.SetReadDeadline(time.Now().Add(2 * time.Second))
			_, _ = c.Read(buf)
			_, _ = c.Write([]byte("HTTP/1.1 OK\r\nno-colon-here\r\n\r\n"))
		}(c)
	}
}

func main() {
	if len(os.Args) != 3 {
		log.Fatal("usage: apps6 gin|echo|chi|authz|garbage PORT")
	}
	switch os.Args[1] {
	case "gin":
		ginApp(os.Args[2])
	case "echo":
		echoApp(os.Args[2])
	case "chi":
		chiApp(os.Args[2])
	case "authz":
		authzApp(os.Args[2])
	case "garbage":
		garbageApp(os.Args[2])
	default:
		log.Fatal("unknown app " + os.Args[1])
	}
}
