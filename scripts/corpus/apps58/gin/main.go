// Round-58 corpus (copied from round 55, two routes added): the Ledgerly invoices API on gin 1.8 (Debian's
// golang-github-gin-gonic-gin-dev, built in GOPATH mode against
// /usr/share/gocode). Routes as in ../fastapi_app.py. gin.New() with
// gin.Recovery() only (no logger); release mode. No request id is set.
// Usage: ledgerly-gin PORT (binds 127.0.0.1).
package main

import (
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/gin-gonic/gin"
)

var pages = map[int][3]string{
	502: {"502 Bad Gateway", "Bad Gateway", "The card processor sent back a reply we could not parse. No payment was taken."},
	503: {"503 Service Unavailable", "Service Unavailable", "Statements are being regenerated for the new tax year. Please come back in a few minutes."},
	504: {"504 Gateway Timeout", "Gateway Timeout", "The bank feed did not answer in time. Your balances are unchanged; try again shortly."},
}

func page(status int) string {
	p := pages[status]
	return fmt.Sprintf("<!doctype html>\n<html><head><title>%s</title></head>\n<body>\n<h1>%s</h1>\n<p>%s</p>\n"+
		"<hr><p>Ledgerly invoicing</p>\n</body></html>\n", p[0], p[1], p[2])
}

func fail(c *gin.Context, status int, code, message string, headers ...string) {
	for i := 0; i+1 < len(headers); i += 2 {
		c.Header(headers[i], headers[i+1])
	}
	c.JSON(status, gin.H{"error": code, "message": message})
}

type newInvoice struct {
	Ref   string  `json:"ref" binding:"required"`
	Total float64 `json:"total"`
}

func main() {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(gin.Recovery())
	r.HandleMethodNotAllowed = true

	r.GET("/api/invoices/:id", func(c *gin.Context) {
		if c.Param("id") == "1" {
			c.JSON(http.StatusOK, gin.H{"id": 1, "ref": "LG-1001", "status": "sent", "total": "120.00", "currency": "EUR"})
			return
		}
		fail(c, 404, "invoice_not_found", "no invoice "+c.Param("id"))
	})
	r.POST("/api/invoices", func(c *gin.Context) {
		var body newInvoice
		if err := c.ShouldBindJSON(&body); err != nil {
			fail(c, 422, "validation_failed", "field 'ref' is required")
			return
		}
		if body.Ref == "LG-1001" {
			fail(c, 409, "duplicate_ref", "an invoice with ref "+body.Ref+" already exists")
			return
		}
		c.JSON(http.StatusCreated, gin.H{"id": 2, "ref": body.Ref, "status": "draft"})
	})
	r.GET("/api/account", func(c *gin.Context) {
		fail(c, 401, "unauthorized", "a bearer token is required", "WWW-Authenticate", `Bearer realm="ledgerly"`)
	})
	r.GET("/api/admin", func(c *gin.Context) { fail(c, 403, "forbidden", "your role may not open the admin area") })
	r.GET("/api/quota", func(c *gin.Context) {
		fail(c, 429, "rate_limited", "100 requests per minute per key", "Retry-After", "30")
	})
	r.GET("/api/maintenance", func(c *gin.Context) {
		fail(c, 503, "maintenance", "invoices are read-only during the ledger migration", "Retry-After", "120")
	})
	for path, status := range map[string]int{"/api/payments": 502, "/api/statements": 503, "/api/bank": 504} {
		s := status
		r.GET(path, func(c *gin.Context) { c.Data(s, "text/html; charset=utf-8", []byte(page(s))) })
	}
	r.GET("/api/boom", func(c *gin.Context) {
		var totals map[string]int
		totals["ledger"]++ // a nil map: the panic gin.Recovery turns into a 500
	})
	r.GET("/api/slow", func(c *gin.Context) {
		time.Sleep(5 * time.Second)
		c.JSON(http.StatusOK, gin.H{"slow": true})
	})
	r.GET("/api/drain", func(c *gin.Context) { c.Status(503) })
	r.POST("/api/upload", func(c *gin.Context) {
		fail(c, 413, "payload_too_large", "attachments are limited to 512 bytes")
	})
	r.GET("/healthz", func(c *gin.Context) { c.String(http.StatusOK, "ok") })

	if err := r.Run("127.0.0.1:" + os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
