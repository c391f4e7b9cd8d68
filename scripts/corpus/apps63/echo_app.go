// Round-63 corpus: the Ledgerly invoices API (routes as in
// ../apps55/fastapi_app.py) on Echo v4 (Debian's golang-github-labstack-echo-dev,
// built in GOPATH mode). middleware.Recover (a panic is Echo's JSON 500),
// Echo's default HTTPErrorHandler ({"message":"Not Found"},
// {"message":"Method Not Allowed"}), the handlers' own JSON errors and HTML
// 502/503/504 pages. /api/invoices/1 and /api/rates are cacheable
// (Cache-Control: public, an ETag) so the cache in front stores them.
// Usage: echo_app PORT (binds 127.0.0.1).
package main

import (
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
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

func fail(c echo.Context, status int, code, message string, headers ...string) error {
	for i := 0; i+1 < len(headers); i += 2 {
		c.Response().Header().Set(headers[i], headers[i+1])
	}
	return c.JSON(status, map[string]string{"error": code, "message": message})
}

func main() {
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.Use(middleware.Recover())

	e.GET("/api/invoices/:id", func(c echo.Context) error {
		if c.Param("id") == "1" {
			c.Response().Header().Set("Cache-Control", "public, max-age=60")
			c.Response().Header().Set("ETag", `"inv-1-v3"`)
			return c.JSON(http.StatusOK, map[string]interface{}{"id": 1, "ref": "LG-1001", "status": "sent", "total": "120.00", "currency": "EUR"})
		}
		return fail(c, 404, "invoice_not_found", "no invoice "+c.Param("id"))
	})
	e.GET("/api/rates", func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "public, max-age=1")
		c.Response().Header().Set("ETag", `"rates-2026-12"`)
		return c.JSON(http.StatusOK, map[string]interface{}{"base": "EUR", "usd": "1.0831", "gbp": "0.8412"})
	})
	e.POST("/api/invoices", func(c echo.Context) error {
		var body map[string]interface{}
		if err := c.Bind(&body); err != nil || body["ref"] == nil {
			return fail(c, 422, "validation_failed", "field 'ref' is required")
		}
		if body["ref"] == "LG-1001" {
			return fail(c, 409, "duplicate_ref", fmt.Sprintf("an invoice with ref %v already exists", body["ref"]))
		}
		return c.JSON(http.StatusCreated, map[string]interface{}{"id": 2, "ref": body["ref"], "status": "draft"})
	})
	e.GET("/api/account", func(c echo.Context) error {
		return fail(c, 401, "unauthorized", "a bearer token is required", "WWW-Authenticate", `Bearer realm="ledgerly"`)
	})
	e.GET("/api/admin", func(c echo.Context) error { return fail(c, 403, "forbidden", "your role may not open the admin area") })
	e.GET("/api/quota", func(c echo.Context) error {
		return fail(c, 429, "rate_limited", "100 requests per minute per key", "Retry-After", "30")
	})
	e.GET("/api/maintenance", func(c echo.Context) error {
		return fail(c, 503, "maintenance", "invoices are read-only during the ledger migration", "Retry-After", "120")
	})
	for path, status := range map[string]int{"/api/payments": 502, "/api/statements": 503, "/api/bank": 504} {
		s := status
		e.GET(path, func(c echo.Context) error { return c.HTML(s, page(s)) })
	}
	e.GET("/api/boom", func(c echo.Context) error {
		var totals map[string]int
		totals["ledger"]++ // a nil map: the panic Recover turns into Echo's JSON 500
		return nil
	})
	e.GET("/api/slow", func(c echo.Context) error {
		time.Sleep(5 * time.Second)
		return c.JSON(http.StatusOK, map[string]bool{"slow": true})
	})
	e.GET("/healthz", func(c echo.Context) error { return c.String(http.StatusOK, "ok") })

	if err := e.Start("127.0.0.1:" + os.Args[1]); err != nil && err != http.ErrServerClosed {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
