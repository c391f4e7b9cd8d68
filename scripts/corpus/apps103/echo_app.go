// Round-103 corpus: the Pennant shipments API on Echo v4 (Debian's
// golang-github-labstack-echo-dev, built offline in GOPATH mode).
// Echo's default HTTPErrorHandler ({"message":"Not Found"}, 405, 413 from
// middleware.BodyLimit), middleware.Recover (a panic is Echo's JSON 500),
// the handlers' own JSON errors ({"error","message"}), c.Redirect, an
// in-app gateway (httputil.ReverseProxy to a carrier service where nothing
// listens: Go's own empty 502), a slow handler and one that resets the
// connection. /api/shipments/1 is cacheable (public, ETag, Last-Modified).
// Usage: echo_app PORT DEAD_PORT (binds 127.0.0.1).
package main

import (
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

func fail(c echo.Context, status int, code, message string, headers ...string) error {
	for i := 0; i+1 < len(headers); i += 2 {
		c.Response().Header().Set(headers[i], headers[i+1])
	}
	return c.JSON(status, map[string]string{"error": code, "message": message})
}

type shipment struct {
	Ref     string `json:"ref"`
	Carrier string `json:"carrier"`
}

func main() {
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.Use(middleware.Recover())
	e.Use(middleware.BodyLimit("1K"))
	dead, _ := url.Parse("http://127.0.0.1:" + os.Args[2])
	carrier := httputil.NewSingleHostReverseProxy(dead)
	show := func(c echo.Context) error {
		if c.Param("id") != "1" {
			return fail(c, 404, "not_found", "no shipment "+c.Param("id"))
		}
		h := c.Response().Header()
		h.Set("Cache-Control", "public, max-age=60")
		h.Set("ETag", `"shp-1-v2"`)
		h.Set("Last-Modified", "Mon, 02 Mar 2026 09:00:00 GMT")
		return c.JSON(200, map[string]interface{}{"id": 1, "ref": "PN-1001", "carrier": "northline", "status": "in_transit"})
	}
	e.GET("/api/shipments/:id", show)
	e.HEAD("/api/shipments/:id", show)
	e.POST("/api/shipments", func(c echo.Context) error {
		var s shipment
		if err := c.Bind(&s); err != nil {
			return fail(c, 400, "bad_request", "the body is not valid JSON")
		}
		if s.Ref == "" {
			return fail(c, 422, "validation_failed", "ref can't be blank")
		}
		if s.Ref == "PN-1001" {
			return fail(c, 409, "conflict", "a shipment with ref PN-1001 already exists")
		}
		return c.JSON(201, map[string]interface{}{"id": 2, "ref": s.Ref})
	})
	e.GET("/api/account", func(c echo.Context) error {
		return fail(c, 401, "unauthorized", "missing bearer token", "WWW-Authenticate", `Bearer realm="pennant"`)
	})
	e.GET("/api/admin", func(c echo.Context) error { return fail(c, 403, "forbidden", "your role may not open the admin area") })
	e.GET("/api/quota", func(c echo.Context) error {
		return fail(c, 429, "rate_limited", "100 requests per minute; slow down", "Retry-After", "30")
	})
	e.GET("/api/maintenance", func(c echo.Context) error {
		return fail(c, 503, "maintenance", "label printing is paused for a carrier update", "Retry-After", "120")
	})
	e.GET("/api/boom", func(c echo.Context) error {
		var m map[string]int
		m["x"] = 1
		return nil
	})
	e.GET("/track/:id", func(c echo.Context) error {
		return c.Redirect(http.StatusMovedPermanently, "/api/shipments/"+c.Param("id"))
	})
	e.Any("/api/carrier/*", echo.WrapHandler(carrier))
	e.GET("/api/slow", func(c echo.Context) error {
		time.Sleep(5 * time.Second)
		return c.JSON(200, map[string]string{"status": "late"})
	})
	e.GET("/api/reset", func(c echo.Context) error {
		conn, _, err := c.Response().Hijack()
		if err == nil {
			conn.Close()
		}
		return nil
	})
	health := func(c echo.Context) error { return c.String(200, "ok") }
	e.GET("/healthz", health)
	e.HEAD("/healthz", health)
	s := &http.Server{Addr: "127.0.0.1:" + os.Args[1], Handler: e}
	_ = s.ListenAndServe()
}
