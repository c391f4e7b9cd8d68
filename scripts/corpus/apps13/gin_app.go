// Round-13 corpus: the orders API on gin (Debian's golang-github-gin-gonic-gin-dev),
// in release mode: `gin_app PORT`. Built offline against /usr/share/gocode.
package main

import (
	"net/http"
	"os"
	"time"

	"github.com/gin-gonic/gin"
)

func main() {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(gin.Recovery())
	r.HandleMethodNotAllowed = true
	api := r.Group("/api")
	api.GET("/health", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) })
	api.GET("/orders/:id", func(c *gin.Context) {
		if c.Param("id") != "1" {
			c.JSON(http.StatusNotFound, gin.H{"code": 404, "message": "order " + c.Param("id") + " not found"})
			return
		}
		c.JSON(http.StatusOK, gin.H{"id": 1, "sku": "A-1"})
	})
	type order struct {
		Sku string `json:"sku" binding:"required"`
		Qty int    `json:"qty" binding:"required,gt=0"`
	}
	api.POST("/orders", func(c *gin.Context) {
		var o order
		if err := c.ShouldBindJSON(&o); err != nil {
			c.JSON(http.StatusBadRequest, gin.H{"code": 400, "message": err.Error()})
			return
		}
		c.JSON(http.StatusCreated, o)
	})
	api.POST("/orders/:id/cancel", func(c *gin.Context) {
		c.JSON(http.StatusConflict, gin.H{"code": 409, "message": "order already shipped"})
	})
	api.GET("/admin/reports", func(c *gin.Context) {
		if c.GetHeader("Authorization") == "" {
			c.Header("WWW-Authenticate", `Bearer realm="orders"`)
			c.AbortWithStatusJSON(http.StatusUnauthorized, gin.H{"code": 401, "message": "missing token"})
			return
		}
		c.AbortWithStatusJSON(http.StatusForbidden, gin.H{"code": 403, "message": "insufficient scope"})
	})
	api.GET("/boom", func(c *gin.Context) {
		var m map[string]int
		m["total"] = 1 // a nil map write: gin.Recovery answers an empty 500
	})
	api.GET("/maintenance", func(c *gin.Context) {
		c.Header("Retry-After", "120")
		c.JSON(http.StatusServiceUnavailable, gin.H{"code": 503, "message": "maintenance"})
	})
	api.GET("/inventory", func(c *gin.Context) {
		c.JSON(http.StatusGatewayTimeout, gin.H{"code": 504, "message": "inventory service did not answer within 1s"})
	})
	api.GET("/slow", func(c *gin.Context) {
		time.Sleep(5 * time.Second)
		c.JSON(http.StatusOK, gin.H{"status": "late"})
	})
	if err := r.Run("127.0.0.1:" + os.Args[1]); err != nil {
		os.Exit(1)
	}
}
