// Round 96: a gin catalog API (Tamarack Supply) behind Varnish: `gin_catalog PORT`.
// gin 1.8 (Debian's golang-github-gin-gonic-gin-dev), release mode, built
// offline in GOPATH mode against /usr/share/gocode. gin sends no Server
// header. The paths are round 74's catalog paths: /api/products/1 (public,
// max-age=300, a strong ETag, Last-Modified), /api/rates (public, max-age=2),
// the 404 for product 9 (public, max-age=120: a cacheable error); everything
// else says no-store. gin's defaults as a team leaves them: an unrouted path
// is gin's text "404 page not found", a panic is gin.Recovery()'s empty 500.
package main

import (
	"net/http"
	"os"
	"regexp"
	"time"

	"github.com/gin-gonic/gin"
)

const lm = "Mon, 02 Jun 2025 08:00:00 GMT"

var digits = regexp.MustCompile(`^[0-9]+$`)

func fail(c *gin.Context, status int, code, message string, age string) {
	if age != "" {
		c.Header("Cache-Control", "public, max-age="+age)
	} else {
		c.Header("Cache-Control", "no-store")
	}
	c.AbortWithStatusJSON(status, gin.H{"error": gin.H{"code": code, "message": message}})
}

func cached(c *gin.Context, age, etag string) {
	c.Header("Cache-Control", "public, max-age="+age)
	c.Header("ETag", `"`+etag+`"`)
	c.Header("Last-Modified", lm)
}

func main() {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(gin.Recovery())
	api := r.Group("/api")
	api.GET("/products/:id", func(c *gin.Context) {
		id := c.Param("id")
		if !digits.MatchString(id) {
			fail(c, http.StatusBadRequest, "BAD_REQUEST", "product id must be a number", "")
			return
		}
		if id == "1" {
			cached(c, "300", "tm-p1-v3")
			c.JSON(http.StatusOK, gin.H{"id": 1, "sku": "TM-AXE-14", "name": "Hatchet 14in", "price": "42.00"})
			return
		}
		age := ""
		if id == "9" {
			age = "120"
		}
		fail(c, http.StatusNotFound, "NOT_FOUND", "product "+id+" not found", age)
	})
	api.GET("/rates", func(c *gin.Context) {
		cached(c, "2", "tm-rates-v18")
		c.JSON(http.StatusOK, gin.H{"CAD": 1, "USD": "0.7311", "as_of": "2025-06-02"})
	})
	api.GET("/orders/:id", func(c *gin.Context) {
		fail(c, http.StatusNotFound, "NOT_FOUND", "order "+c.Param("id")+" not found", "")
	})
	api.POST("/orders", func(c *gin.Context) {
		var b struct {
			Sku string `json:"sku" binding:"required"`
		}
		if err := c.ShouldBindJSON(&b); err != nil {
			c.Header("Cache-Control", "no-store")
			c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
			return
		}
		c.Header("Cache-Control", "no-store")
		c.JSON(http.StatusCreated, gin.H{"id": 7702, "sku": b.Sku, "status": "pending"})
	})
	api.GET("/account", func(c *gin.Context) {
		c.Header("WWW-Authenticate", `Bearer realm="tamarack"`)
		fail(c, http.StatusUnauthorized, "UNAUTHORIZED", "missing or invalid bearer token", "")
	})
	api.GET("/quota", func(c *gin.Context) {
		c.Header("Retry-After", "30")
		fail(c, http.StatusTooManyRequests, "RATE_LIMITED", "too many requests for this key", "")
	})
	api.GET("/maintenance", func(c *gin.Context) {
		c.Header("Retry-After", "600")
		fail(c, http.StatusServiceUnavailable, "MAINTENANCE", "the catalog is read-only during the nightly import", "")
	})
	api.GET("/boom", func(c *gin.Context) {
		var stock map[string]int
		stock["TM-AXE-14"]-- // a nil map write: gin.Recovery's empty 500
	})
	api.GET("/slow", func(c *gin.Context) {
		time.Sleep(5 * time.Second)
		c.JSON(http.StatusOK, gin.H{"ok": true, "waited": 5})
	})
	api.GET("/statements", func(c *gin.Context) {
		c.Header("Cache-Control", "no-store")
		c.Data(http.StatusServiceUnavailable, "text/html; charset=utf-8", []byte(`<!DOCTYPE html>
<html><head><title>503 Service Unavailable - Tamarack Supply</title></head>
<body><h1>Service Unavailable</h1><p>Statements are being rebuilt. Try again later.</p></body></html>
`))
	})
	if err := r.Run("127.0.0.1:" + os.Args[1]); err != nil {
		os.Exit(1)
	}
}
