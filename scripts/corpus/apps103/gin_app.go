// Round-103 corpus: the Marlow parts catalog on gin 1.8 (Debian's
// golang-github-gin-gonic-gin-dev, built offline in GOPATH mode), release
// mode. gin's default text 404 ("404 page not found") and, with
// HandleMethodNotAllowed on, its text 405; gin.Recovery's empty 500; the
// handlers' own JSON errors ({"status","error","detail"}); c.Redirect; an
// in-app gateway (httputil.ReverseProxy to a pricing service where nothing
// listens: Go's own empty 502); a 413 from http.MaxBytesReader; a slow
// handler and one that resets the connection. /api/parts/1 is cacheable.
// Usage: gin_app PORT DEAD_PORT (binds 127.0.0.1).
package main

import (
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"time"

	"github.com/gin-gonic/gin"
)

func fail(c *gin.Context, status int, code, detail string, headers ...string) {
	for i := 0; i+1 < len(headers); i += 2 {
		c.Header(headers[i], headers[i+1])
	}
	c.AbortWithStatusJSON(status, gin.H{"status": status, "error": code, "detail": detail})
}

func main() {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(gin.Recovery())
	r.HandleMethodNotAllowed = true
	dead, _ := url.Parse("http://127.0.0.1:" + os.Args[2])
	pricing := httputil.NewSingleHostReverseProxy(dead)
	show := func(c *gin.Context) {
		if c.Param("id") != "1" {
			fail(c, 404, "not_found", "no part "+c.Param("id"))
			return
		}
		c.Header("Cache-Control", "public, max-age=60")
		c.Header("ETag", `"part-1-v4"`)
		c.Header("Last-Modified", "Mon, 02 Mar 2026 09:00:00 GMT")
		c.JSON(200, gin.H{"id": 1, "sku": "MR-1001", "name": "hex bolt M8", "stock": 120})
	}
	r.GET("/api/parts/:id", show)
	r.HEAD("/api/parts/:id", show)
	r.POST("/api/parts", func(c *gin.Context) {
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, 1024)
		var p struct {
			Sku string `json:"sku"`
		}
		if err := c.ShouldBindJSON(&p); err != nil {
			if err.Error() == "http: request body too large" {
				fail(c, 413, "payload_too_large", "part bodies are limited to 1 KB")
				return
			}
			fail(c, 400, "bad_request", err.Error())
			return
		}
		if p.Sku == "" {
			fail(c, 422, "validation_failed", "sku is required")
			return
		}
		if p.Sku == "MR-1001" {
			fail(c, 409, "conflict", "sku MR-1001 already exists")
			return
		}
		c.JSON(201, gin.H{"id": 2, "sku": p.Sku})
	})
	r.GET("/api/account", func(c *gin.Context) {
		fail(c, 401, "unauthorized", "missing bearer token", "WWW-Authenticate", `Bearer realm="marlow"`)
	})
	r.GET("/api/admin", func(c *gin.Context) { fail(c, 403, "forbidden", "catalog admins only") })
	r.GET("/api/quota", func(c *gin.Context) {
		fail(c, 429, "rate_limited", "quota of 50 lookups per minute used", "Retry-After", "20")
	})
	r.GET("/api/maintenance", func(c *gin.Context) {
		fail(c, 503, "maintenance", "the catalog is being reindexed", "Retry-After", "300")
	})
	r.GET("/api/boom", func(c *gin.Context) {
		var m map[string]int
		m["x"] = 1
	})
	r.GET("/catalog/:id", func(c *gin.Context) { c.Redirect(http.StatusFound, "/api/parts/"+c.Param("id")) })
	r.Any("/api/pricing/*rest", func(c *gin.Context) { pricing.ServeHTTP(c.Writer, c.Request) })
	r.GET("/api/slow", func(c *gin.Context) {
		time.Sleep(5 * time.Second)
		c.JSON(200, gin.H{"status": "late"})
	})
	r.GET("/api/reset", func(c *gin.Context) {
		conn, _, err := c.Writer.Hijack()
		if err == nil {
			conn.Close()
		}
	})
	r.GET("/healthz", func(c *gin.Context) { c.String(200, "ok") })
	_ = http.ListenAndServe("127.0.0.1:"+os.Args[1], r)
}
