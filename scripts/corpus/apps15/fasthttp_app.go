// Round-15 corpus: the orders API on valyala/fasthttp (Debian's
// golang-github-valyala-fasthttp-dev), routed by hand the way fasthttp's
// README does it: ctx.Error for text errors, JSON for the rest, a recover
// wrapper the team added after the first panic took the server down.
// MaxRequestBodySize 1 KiB: fasthttp's own answer to a bigger body.
//
//	fasthttp_app PORT
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	"github.com/valyala/fasthttp"
)

func writeJSON(ctx *fasthttp.RequestCtx, status int, v interface{}) {
	ctx.SetStatusCode(status)
	ctx.SetContentType("application/json")
	b, _ := json.Marshal(v)
	ctx.SetBody(append(b, '\n'))
}

type apiError struct {
	Error   string `json:"error"`
	Message string `json:"message"`
}

type order struct {
	Sku string `json:"sku"`
	Qty int    `json:"qty"`
}

func recoverer(h fasthttp.RequestHandler) fasthttp.RequestHandler {
	return func(ctx *fasthttp.RequestCtx) {
		defer func() {
			if r := recover(); r != nil {
				log.Printf("panic: %v", r)
				ctx.ResetBody()
				ctx.Error(fasthttp.StatusMessage(fasthttp.StatusInternalServerError), fasthttp.StatusInternalServerError)
			}
		}()
		h(ctx)
	}
}

func handler(ctx *fasthttp.RequestCtx) {
	path := string(ctx.Path())
	method := string(ctx.Method())
	switch {
	case path == "/api/health":
		writeJSON(ctx, 200, map[string]string{"status": "ok"})
	case strings.HasPrefix(path, "/api/orders/") && strings.HasSuffix(path, "/cancel"):
		writeJSON(ctx, 409, apiError{"conflict", "order already shipped"})
	case strings.HasPrefix(path, "/api/orders/"):
		if method != "GET" {
			ctx.Response.Header.Set("Allow", "GET")
			ctx.Error("Method not allowed", fasthttp.StatusMethodNotAllowed)
			return
		}
		id := strings.TrimPrefix(path, "/api/orders/")
		if id != "1" {
			writeJSON(ctx, 404, apiError{"not_found", fmt.Sprintf("order %s not found", id)})
			return
		}
		writeJSON(ctx, 200, map[string]interface{}{"id": 1, "sku": "A-1", "qty": 2})
	case path == "/api/orders" && method == "POST":
		var o order
		if err := json.Unmarshal(ctx.PostBody(), &o); err != nil {
			writeJSON(ctx, 400, apiError{"bad_request", "invalid JSON: " + err.Error()})
			return
		}
		if o.Sku == "" || o.Qty < 1 {
			writeJSON(ctx, 422, map[string]interface{}{"error": "validation_failed", "fields": map[string]string{"qty": "must be at least 1"}})
			return
		}
		writeJSON(ctx, 201, map[string]interface{}{"id": 2, "sku": o.Sku, "qty": o.Qty})
	case path == "/api/upload" && method == "POST":
		writeJSON(ctx, 201, map[string]int{"stored": len(ctx.PostBody())})
	case path == "/api/admin/reports":
		if len(ctx.Request.Header.Peek("Authorization")) == 0 {
			ctx.Response.Header.Set("WWW-Authenticate", `Bearer realm="orders"`)
			writeJSON(ctx, 401, apiError{"unauthorized", "missing bearer token"})
			return
		}
		writeJSON(ctx, 403, apiError{"forbidden", "token lacks scope reports:read"})
	case path == "/api/limited":
		ctx.Response.Header.Set("Retry-After", "15")
		ctx.Error("rate limit exceeded", fasthttp.StatusTooManyRequests)
	case path == "/api/boom":
		var totals map[string]int
		totals["A-1"] = 3 // panic: assignment to entry in nil map
	case path == "/api/maintenance":
		ctx.Response.Header.Set("Retry-After", "600")
		writeJSON(ctx, 503, apiError{"maintenance", "orders are read-only during maintenance"})
	case path == "/api/inventory":
		time.Sleep(time.Second) // the stock service did not answer within 1 s
		writeJSON(ctx, 504, apiError{"upstream_timeout", "inventory service timed out after 1s"})
	case path == "/api/slow":
		time.Sleep(5 * time.Second)
		writeJSON(ctx, 200, map[string]string{"status": "late"})
	case path == "/api/catalog":
		ctx.Response.Header.Set("Cache-Control", "public, max-age=60")
		writeJSON(ctx, 200, map[string]interface{}{"items": []map[string]interface{}{{"sku": "A-1", "price": 1200}}})
	default:
		ctx.Error("Unsupported path", fasthttp.StatusNotFound)
	}
}

func main() {
	s := &fasthttp.Server{
		Handler:            recoverer(handler),
		MaxRequestBodySize: 1024,
		ReadTimeout:        30 * time.Second,
	}
	if err := s.ListenAndServe("127.0.0.1:" + os.Args[1]); err != nil {
		log.Fatal(err)
	}
}
