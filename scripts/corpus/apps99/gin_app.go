// Round 99: the Fenwick orders API on gin (Debian's gin 1.8, release mode,
// built offline in GOPATH mode against /usr/share/gocode), behind Apache:
// `gin_app PORT`. The round-99 route plan (see common.py). gin's defaults as
// a team leaves them: an unrouted path is gin's text "404 page not found", a
// panic is gin.Recovery()'s empty 500. One mutex every /api/ handler takes
// stands for the app's one database connection (/api/export holds it 6 s).
// /api/feed hijacks the connection and closes it without writing a byte.
package main

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
)

var (
	db      sync.Mutex
	warmMu  sync.Mutex
	warm    bool
	flagDir = env("FLAG_DIR", "/nonexistent")
	dataDir = env("DATA_DIR", "/tmp")
	deploy  = env("DEPLOY", "v1")
)

func env(k, d string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return d
}

func flag(n string) bool { _, err := os.Stat(filepath.Join(flagDir, n)); return err == nil }

func fail(c *gin.Context, status int, code, message string) {
	c.AbortWithStatusJSON(status, gin.H{"error": gin.H{"code": code, "message": message}})
}

func dep(name string) error {
	conn, err := net.DialTimeout("tcp", os.Getenv(name), time.Second)
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(time.Second))
	conn.Write([]byte("GET /v1/stock HTTP/1.1\r\nHost: dep\r\n\r\n"))
	b := make([]byte, 1)
	_, err = conn.Read(b)
	return err
}

func main() {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(gin.Recovery())
	r.Use(func(c *gin.Context) {
		warmMu.Lock()
		if !warm {
			time.Sleep(1500 * time.Millisecond)
			warm = true
		}
		warmMu.Unlock()
		if strings.HasPrefix(c.Request.URL.Path, "/api/") {
			db.Lock()
			defer db.Unlock()
		}
		c.Next()
	})
	api := r.Group("/api")
	if deploy != "v2" {
		api.GET("/orders/:id", func(c *gin.Context) {
			id := c.Param("id")
			if id != "1" && id != "2" {
				fail(c, http.StatusNotFound, "not_found", "order "+id+" does not exist")
				return
			}
			etag := `"fe-100` + id + `-v1"`
			c.Header("Cache-Control", "public, max-age=2")
			c.Header("ETag", etag)
			if c.GetHeader("If-None-Match") == etag {
				c.Status(http.StatusNotModified)
				return
			}
			c.JSON(http.StatusOK, gin.H{"id": id, "ref": "FE-100" + id, "replica": env("REPLICA", "fenwick-1")})
		})
	}
	api.DELETE("/orders/:id/hold", func(c *gin.Context) { c.Status(http.StatusNoContent) })
	api.GET("/account", func(c *gin.Context) {
		if c.GetHeader("Authorization") != "Bearer oncall-t0ken" {
			c.Header("WWW-Authenticate", `Bearer realm="fenwick"`)
			fail(c, http.StatusUnauthorized, "unauthorized", "missing or invalid bearer token")
			return
		}
		c.JSON(http.StatusOK, gin.H{"user": "oncall", "plan": "team"})
	})
	api.GET("/cart", func(c *gin.Context) {
		if deploy == "v2" {
			var ttl map[string]int
			ttl["cart"]++ // a nil map write: gin.Recovery's empty 500
		}
		c.JSON(http.StatusOK, gin.H{"items": []string{}, "currency": "EUR"})
	})
	api.GET("/checkout", func(c *gin.Context) {
		if os.Getenv("CHECKOUT_KEY") == "" {
			fail(c, http.StatusInternalServerError, "config_missing", "CHECKOUT_KEY is not set")
			return
		}
		c.JSON(http.StatusOK, gin.H{"checkout": "ready"})
	})
	api.GET("/inventory", func(c *gin.Context) {
		if err := dep("DEP_DOWN"); err != nil {
			fail(c, http.StatusBadGateway, "bad_gateway", "inventory service unreachable: "+err.Error())
			return
		}
		c.JSON(http.StatusOK, gin.H{"ok": true})
	})
	api.GET("/quotes", func(c *gin.Context) {
		if err := dep("DEP_SLOW"); err != nil {
			fail(c, http.StatusGatewayTimeout, "gateway_timeout", "pricing service did not answer within 1s")
			return
		}
		c.JSON(http.StatusOK, gin.H{"ok": true})
	})
	api.GET("/payments", func(c *gin.Context) {
		if err := dep("DEP_DOWN"); err != nil {
			c.Header("Retry-After", "30")
			fail(c, http.StatusServiceUnavailable, "service_unavailable", "payment provider unavailable")
			return
		}
		c.JSON(http.StatusOK, gin.H{"ok": true})
	})
	api.GET("/search", func(c *gin.Context) {
		if flag("overloaded") {
			c.Header("Retry-After", "10")
			fail(c, http.StatusTooManyRequests, "rate_limited", "too many requests: search is shedding load")
			return
		}
		c.JSON(http.StatusOK, gin.H{"results": []string{}})
	})
	api.GET("/bulk", func(c *gin.Context) {
		if flag("overloaded") {
			c.Header("Retry-After", "20")
			fail(c, http.StatusServiceUnavailable, "overloaded", "worker queue full (64/64), try again later")
			return
		}
		c.JSON(http.StatusOK, gin.H{"queued": 0})
	})
	api.GET("/thumbnails", func(c *gin.Context) {
		defer func() {
			if e := recover(); e != nil {
				fail(c, http.StatusInternalServerError, "out_of_memory", fmt.Sprintf("thumbnail render failed: %v", e))
			}
		}()
		n := 1 << 50
		buf := make([]byte, n) // beyond what the runtime may allocate: a runtime panic
		c.JSON(http.StatusOK, gin.H{"ok": len(buf)})
	})
	api.GET("/feed", func(c *gin.Context) {
		conn, _, err := c.Writer.Hijack()
		if err == nil {
			conn.Close()
		}
	})
	api.POST("/receipts", func(c *gin.Context) {
		body, _ := c.GetRawData()
		if !strings.Contains(string(body), "amount") {
			fail(c, http.StatusUnprocessableEntity, "invalid", "amount is required")
			return
		}
		f, err := os.OpenFile(filepath.Join(dataDir, "receipts.log"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err == nil {
			_, err = f.Write(append(body, '\n'))
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			c.String(http.StatusInternalServerError, "internal error: %v", err)
			return
		}
		c.JSON(http.StatusCreated, gin.H{"stored": true})
	})
	api.GET("/export", func(c *gin.Context) {
		time.Sleep(6 * time.Second)
		c.JSON(http.StatusOK, gin.H{"rows": 0})
	})
	r.GET("/healthz", func(c *gin.Context) {
		if flag("unhealthy") {
			c.JSON(http.StatusServiceUnavailable, gin.H{"status": "fail"})
			return
		}
		c.JSON(http.StatusOK, gin.H{"status": "ok"})
	})
	if err := r.Run("127.0.0.1:" + os.Args[1]); err != nil {
		os.Exit(1)
	}
}
