// Round-27 corpus (round 24's app, adapted): the inventory API on gin (Debian's
// golang-github-gin-gonic-gin-dev 1.8), release mode, behind HAProxy:
// `gin_app PORT`. A bearer token that is not accepted on /api/admin/audit
// gets a 401 with error="invalid_token". Built offline against /usr/share/gocode (GOPATH
// mode). gin's defaults are left as a team leaves them: HandleMethodNotAllowed
// is off (a wrong method is "404 page not found"), gin.Recovery() answers a
// panic with an empty 500. The handlers' own errors are JSON; /api/catalog may
// be cached for 120 s (with an ETag); a readiness check that fails.
package main

import (
	"net/http"
	"os"
	"time"

	"github.com/gin-gonic/gin"
)

type problem struct {
	Status int    `json:"status"`
	Error  string `json:"error"`
	Detail string `json:"detail"`
}

func fail(c *gin.Context, status int, code, detail string) {
	c.AbortWithStatusJSON(status, problem{status, code, detail})
}

func main() {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(gin.Recovery())
	api := r.Group("/api")
	api.GET("/health", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) })
	api.GET("/health/ready", func(c *gin.Context) {
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "DOWN", "components": gin.H{"db": gin.H{"status": "DOWN"}}})
	})
	api.GET("/catalog", func(c *gin.Context) {
		c.Header("Cache-Control", "public, max-age=120")
		c.Header("ETag", `"cat-v42"`)
		c.JSON(http.StatusOK, gin.H{"items": []gin.H{{"sku": "A-1", "name": "Espresso cup", "price": 1200}, {"sku": "B-2", "name": "Milk jug", "price": 2400}}})
	})
	api.GET("/items", func(c *gin.Context) {
		if c.GetHeader("Authorization") == "" {
			c.Header("WWW-Authenticate", `Bearer realm="inventory"`)
			fail(c, http.StatusUnauthorized, "unauthorized", "missing bearer token")
			return
		}
		c.JSON(http.StatusOK, gin.H{"items": []gin.H{{"sku": "A-1", "stock": 12}}})
	})
	api.GET("/items/:sku", func(c *gin.Context) {
		if c.Param("sku") != "A-1" {
			fail(c, http.StatusNotFound, "item_not_found", "no stock record for sku "+c.Param("sku"))
			return
		}
		c.JSON(http.StatusOK, gin.H{"sku": "A-1", "stock": 12})
	})
	type adjust struct {
		Sku   string `json:"sku" binding:"required"`
		Delta int    `json:"delta" binding:"required,min=-100,max=100"`
	}
	api.POST("/adjustments", func(c *gin.Context) {
		var a adjust
		if err := c.ShouldBindJSON(&a); err != nil {
			c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
			return
		}
		if a.Sku != "A-1" {
			fail(c, http.StatusUnprocessableEntity, "unknown_sku", "sku "+a.Sku+" is not stocked in this warehouse")
			return
		}
		c.JSON(http.StatusCreated, a)
	})
	api.POST("/items/:sku/reserve", func(c *gin.Context) {
		fail(c, http.StatusConflict, "insufficient_stock", "only 0 left of "+c.Param("sku"))
	})
	api.GET("/admin/audit", func(c *gin.Context) {
		if c.GetHeader("Authorization") == "" {
			c.Header("WWW-Authenticate", `Bearer realm="inventory"`)
			fail(c, http.StatusUnauthorized, "unauthorized", "missing bearer token")
			return
		}
		if c.GetHeader("Authorization") != "Bearer user-token" {
			c.Header("WWW-Authenticate", `Bearer realm="inventory", error="invalid_token", error_description="token signature is invalid"`)
			fail(c, http.StatusUnauthorized, "invalid_token", "token signature is invalid")
			return
		}
		fail(c, http.StatusForbidden, "forbidden", "token lacks inventory:admin")
	})
	api.GET("/warehouses/:id", func(c *gin.Context) { // moved to the v2 API
		c.Redirect(http.StatusMovedPermanently, "/api/v2/warehouses/"+c.Param("id"))
	})
	api.GET("/boom", func(c *gin.Context) {
		var stock map[string]int
		stock["A-1"]-- // a nil map write: gin.Recovery's empty 500
	})
	api.GET("/maintenance", func(c *gin.Context) {
		c.Header("Retry-After", "120")
		fail(c, http.StatusServiceUnavailable, "maintenance", "inventory sync in progress")
	})
	api.GET("/limited", func(c *gin.Context) {
		c.Header("Retry-After", "30")
		c.Header("X-RateLimit-Remaining", "0")
		fail(c, http.StatusTooManyRequests, "rate_limited", "rate limit of 50 requests per minute exceeded")
	})
	api.GET("/slow", func(c *gin.Context) {
		time.Sleep(5 * time.Second)
		c.JSON(http.StatusOK, gin.H{"status": "late"})
	})
	if err := r.Run("127.0.0.1:" + os.Args[1]); err != nil {
		os.Exit(1)
	}
}
