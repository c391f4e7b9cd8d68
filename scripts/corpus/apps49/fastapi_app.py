"""Round-49 corpus: a FastAPI items API under uvicorn (--proxy-headers) behind
Caddy, as the FastAPI deployment docs and the Caddy quick-starts show it.
HTTPException for the API's own errors, OAuth2PasswordBearer's 401, the
stock 404/405/422, Starlette's plain-text 500, redirect_slashes' 307."""
import time

from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import OAuth2PasswordBearer
from pydantic import BaseModel, Field

app = FastAPI(title="items")
oauth2 = OAuth2PasswordBearer(tokenUrl="token")
ITEMS = {1: {"id": 1, "name": "Widget", "stock": 0}}
calls = {"search": 0}


class Item(BaseModel):
    name: str = Field(min_length=1)
    stock: int = Field(ge=0)


@app.get("/items")
def list_items():
    return list(ITEMS.values())


@app.get("/items/{item_id}")
def read_item(item_id: int):
    if item_id not in ITEMS:
        raise HTTPException(status_code=404, detail="Item not found")
    return ITEMS[item_id]


@app.post("/items", status_code=201)
def create_item(item: Item):
    return {"id": 2, **item.model_dump()}


@app.post("/items/{item_id}/reserve")
def reserve(item_id: int):
    raise HTTPException(status_code=409, detail="Item is out of stock")


@app.get("/users/me")
def me(token: str = Depends(oauth2)):
    raise HTTPException(status_code=403, detail="Not enough permissions")


@app.get("/search")
def search(q: str = ""):
    calls["search"] += 1
    if calls["search"] > 1:
        raise HTTPException(status_code=429, detail="Rate limit exceeded: 1 per 1 minute", headers={"Retry-After": "60"})
    return {"q": q, "results": []}


@app.get("/boom")
def boom():
    return {"owner": ITEMS[1]["owner"]}


@app.get("/maintenance")
def maintenance():
    raise HTTPException(status_code=503, detail="Maintenance in progress", headers={"Retry-After": "900"})


@app.get("/slow")
def slow():
    time.sleep(5)
    return {"status": "late"}
