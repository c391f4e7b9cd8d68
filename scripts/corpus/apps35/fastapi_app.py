"""Round 35: FastAPI with OAuth2PasswordBearer and HS256 JWTs (the tutorial
shape): its own 401 "Not authenticated", "Could not validate credentials",
a 403 for a missing scope, the /token endpoint's 400."""
import jwt
from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm

SECRET = "r35-billing-hs256-4b1e77d2a9"
app = FastAPI()
oauth2 = OAuth2PasswordBearer(tokenUrl="token")


def current_user(token: str = Depends(oauth2)):
    exc = HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Could not validate credentials",
                        headers={"WWW-Authenticate": "Bearer"})
    try:
        return jwt.decode(token, SECRET, algorithms=["HS256"], audience="shop-api")
    except jwt.InvalidTokenError:
        raise exc


@app.post("/token")
def token(form: OAuth2PasswordRequestForm = Depends()):
    raise HTTPException(status_code=400, detail="Incorrect username or password")


@app.get("/api/invoices")
def invoices(user=Depends(current_user)):
    return {"invoices": [{"id": "inv_8812", "amount": 42.0}], "user": user["sub"]}


@app.post("/api/invoices")
def create_invoice(user=Depends(current_user)):
    if "orders:write" not in user.get("scope", "").split():
        raise HTTPException(status_code=403, detail="Not enough permissions")
    return {"id": "inv_8813"}


@app.get("/api/invoices/{inv}")
def invoice(inv: str, user=Depends(current_user)):
    raise HTTPException(status_code=404, detail="Invoice not found")
