"""Round 174: round 108's Quillon FastAPI app (apps108/fastapi_app.py),
unchanged, served by Hypercorn (`fastapi_hc:app`), with four routes added:
  DELETE /api/carts/{id}   -> an empty 204;
  GET /api/catalog         -> JSON with an ETag; a 304 (no body) when
                              If-None-Match matches;
  GET /api/v1/orders/{id}  -> RedirectResponse with status 302;
  POST /api/uploads        -> HTTPException 413 when Content-Length is over
                              8 KB (the app's own check), else 201.
"""
from fastapi import HTTPException, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse

from fastapi_app import app

CATALOG_ETAG = '"qn-catalog-v4"'


@app.delete("/api/carts/{cid}", status_code=204)
async def delete_cart(cid: str):
    return Response(status_code=204)


@app.get("/api/catalog")
async def catalog(request: Request):
    if request.headers.get("if-none-match") == CATALOG_ETAG:
        return Response(status_code=304, headers={"ETag": CATALOG_ETAG, "Cache-Control": "no-cache"})
    return JSONResponse({"items": [{"sku": "QN-CABLE", "price": "7.50"}]},
                        headers={"ETag": CATALOG_ETAG, "Cache-Control": "no-cache"})


@app.get("/api/v1/orders/{oid}")
async def old_order(oid: str):
    return RedirectResponse(f"/api/orders/{oid}", status_code=302)


@app.post("/api/uploads", status_code=201)
async def upload(request: Request):
    if int(request.headers.get("content-length") or 0) > 8 * 1024:
        raise HTTPException(413, "Upload larger than 8 KB")
    body = await request.body()
    return {"stored": len(body)}
