// Round-20 corpus (round 14's app, reused behind Apache): the orders API on Echo v4 (Debian's
// golang-github-labstack-echo-dev), as a Go team writes it: the Recover and
// RequestID middleware, echo.NewHTTPError for the handlers' errors, Echo's
// default error handler for the rest. `echo_app PORT`. Built offline.
package main

import (
	"errors"
	"net/http"
	"os"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

type order struct {
	Sku string `json:"sku"`
	Qty int    `json:"qty"`
}

type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func main() {
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.Use(middleware.Recover())
	e.Use(middleware.RequestID())
	e.Use(middleware.BodyLimit("1K"))

	api := e.Group("/api")
	api.GET("/health", func(c echo.Context) error { return c.JSON(http.StatusOK, map[string]string{"status": "ok"}) })
	api.GET("/orders/:id", func(c echo.Context) error {
		if c.Param("id") != "1" {
			return echo.NewHTTPError(http.StatusNotFound, "order "+c.Param("id")+" not found")
		}
		return c.JSON(http.StatusOK, map[string]interface{}{"id": 1, "sku": "A-1", "qty": 2})
	})
	api.POST("/orders", func(c echo.Context) error {
		var o order
		if err := c.Bind(&o); err != nil {
			return err // Echo's own 400 (or 415) from the binder
		}
		if o.Sku == "" {
			return c.JSON(http.StatusBadRequest, apiError{"validation_failed", "sku is required"})
		}
		if o.Qty <= 0 {
			return c.JSON(http.StatusUnprocessableEntity, apiError{"validation_failed", "qty must be greater than 0"})
		}
		return c.JSON(http.StatusCreated, map[string]interface{}{"id": 2, "sku": o.Sku, "qty": o.Qty})
	})
	api.POST("/orders/:id/cancel", func(c echo.Context) error {
		return c.JSON(http.StatusConflict, apiError{"conflict", "order already shipped"})
	})
	api.GET("/admin/reports", func(c echo.Context) error {
		if c.Request().Header.Get("Authorization") == "" {
			c.Response().Header().Set("WWW-Authenticate", `Bearer realm="orders"`)
			return c.JSON(http.StatusUnauthorized, apiError{"unauthenticated", "missing bearer token"})
		}
		return c.JSON(http.StatusForbidden, apiError{"forbidden", "token lacks scope reports:read"})
	})
	api.GET("/limited", func(c echo.Context) error {
		c.Response().Header().Set("Retry-After", "30")
		return echo.NewHTTPError(http.StatusTooManyRequests, "rate limit exceeded")
	})
	api.GET("/boom", func(c echo.Context) error {
		var m map[string]int
		m["total"]++ // assignment to entry in nil map: Recover turns the panic into a 500
		return nil
	})
	api.GET("/fail", func(c echo.Context) error {
		return errors.New("pq: connection refused") // a plain error: Echo's default handler answers 500
	})
	api.GET("/maintenance", func(c echo.Context) error {
		c.Response().Header().Set("Retry-After", "120")
		return c.JSON(http.StatusServiceUnavailable, apiError{"maintenance", "orders is in read-only maintenance"})
	})
	api.GET("/slow", func(c echo.Context) error {
		time.Sleep(5 * time.Second)
		return c.JSON(http.StatusOK, map[string]string{"status": "late"})
	})
	srv := &http.Server{Addr: "127.0.0.1:" + os.Args[1], ReadHeaderTimeout: 10 * time.Second}
	e.Logger.Fatal(e.StartServer(srv))
}
