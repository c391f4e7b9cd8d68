// The orders API of the round-11 corpus on two Go routers from Debian's
// golang-*-dev packages: julienschmidt/httprouter and emicklei/go-restful.
//
//	apps11 httprouter PORT
//	apps11 restful PORT
package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"time"

	restful "github.com/emicklei/go-restful/v3"
	"github.com/julienschmidt/httprouter"
)

func writeJSON(w http.ResponseWriter, status int, ctype string, v any) {
	w.Header().Set("Content-Type", ctype)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func httprouterApp() http.Handler {
	r := httprouter.New()
	r.GET("/api/health", func(w http.ResponseWriter, _ *http.Request, _ httprouter.Params) {
		writeJSON(w, 200, "application/json", map[string]string{"status": "ok"})
	})
	r.GET("/api/orders/:id", func(w http.ResponseWriter, req *http.Request, p httprouter.Params) {
		if p.ByName("id") == "1" {
			writeJSON(w, 200, "application/json", map[string]any{"id": 1, "sku": "A-1"})
			return
		}
		// RFC 9457 problem details, written by the handler
		writeJSON(w, 404, "application/problem+json", map[string]any{
			"type": "https://errors.orders.example/not-found", "title": "Order not found",
			"status": 404, "detail": "order " + p.ByName("id") + " does not exist", "instance": req.URL.Path,
		})
	})
	r.POST("/api/orders", func(w http.ResponseWriter, req *http.Request, _ httprouter.Params) {
		var body struct {
			Sku string `json:"sku"`
			Qty int    `json:"qty"`
		}
		if err := json.NewDecoder(req.Body).Decode(&body); err != nil {
			writeJSON(w, 400, "application/problem+json", map[string]any{
				"type": "about:blank", "title": "Bad Request", "status": 400, "detail": err.Error(),
			})
			return
		}
		if body.Qty <= 0 {
			writeJSON(w, 422, "application/problem+json", map[string]any{
				"type": "https://errors.orders.example/validation", "title": "Validation failed", "status": 422,
				"errors": []map[string]string{{"field": "qty", "message": "must be positive"}},
			})
			return
		}
		writeJSON(w, 201, "application/json", map[string]any{"id": 2, "sku": body.Sku})
	})
	r.GET("/api/boom", func(http.ResponseWriter, *http.Request, httprouter.Params) {
		panic("nil map in pricing")
	})
	r.GET("/api/unavailable", func(w http.ResponseWriter, _ *http.Request, _ httprouter.Params) {
		w.Header().Set("Retry-After", "15")
		writeJSON(w, 503, "application/problem+json", map[string]any{
			"type": "https://errors.orders.example/maintenance", "title": "Service Unavailable", "status": 503,
			"detail": "database migration in progress",
		})
	})
	r.GET("/api/slow", func(w http.ResponseWriter, _ *http.Request, _ httprouter.Params) {
		time.Sleep(6 * time.Second)
		writeJSON(w, 200, "application/json", map[string]string{"status": "late"})
	})
	r.PanicHandler = func(w http.ResponseWriter, _ *http.Request, v any) {
		http.Error(w, fmt.Sprintf("panic: %v", v), http.StatusInternalServerError)
	}
	return r
}

type order struct {
	ID  int    `json:"id"`
	Sku string `json:"sku"`
	Qty int    `json:"qty"`
}

func restfulApp() http.Handler {
	c := restful.NewContainer()
	ws := new(restful.WebService)
	ws.Path("/api").Consumes(restful.MIME_JSON).Produces(restful.MIME_JSON)
	ws.Route(ws.GET("/health").To(func(_ *restful.Request, resp *restful.Response) {
		_ = resp.WriteAsJson(map[string]string{"status": "ok"})
	}))
	ws.Route(ws.GET("/orders/{id}").To(func(req *restful.Request, resp *restful.Response) {
		if req.PathParameter("id") == "1" {
			_ = resp.WriteAsJson(order{1, "A-1", 2})
			return
		}
		_ = resp.WriteErrorString(http.StatusNotFound, "order "+req.PathParameter("id")+" not found")
	}))
	ws.Route(ws.POST("/orders").Reads(order{}).To(func(req *restful.Request, resp *restful.Response) {
		o := new(order)
		if err := req.ReadEntity(o); err != nil {
			_ = resp.WriteHeaderAndJson(http.StatusBadRequest, map[string]string{"error": err.Error()}, restful.MIME_JSON)
			return
		}
		_ = resp.WriteHeaderAndJson(http.StatusCreated, o, restful.MIME_JSON)
	}))
	ws.Route(ws.GET("/boom").To(func(*restful.Request, *restful.Response) {
		panic("index out of range in tax table")
	}))
	ws.Route(ws.GET("/unavailable").To(func(_ *restful.Request, resp *restful.Response) {
		resp.AddHeader("Retry-After", "30")
		_ = resp.WriteServiceError(http.StatusServiceUnavailable, restful.NewError(http.StatusServiceUnavailable, "inventory backend unreachable"))
	}))
	c.Add(ws)
	c.DoNotRecover(false)
	return c
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: apps11 httprouter|restful PORT")
		os.Exit(2)
	}
	var h http.Handler
	switch os.Args[1] {
	case "httprouter":
		h = httprouterApp()
	case "restful":
		h = restfulApp()
	default:
		os.Exit(2)
	}
	srv := &http.Server{Addr: "127.0.0.1:" + os.Args[2], Handler: h, ReadHeaderTimeout: 5 * time.Second}
	if err := srv.ListenAndServe(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
