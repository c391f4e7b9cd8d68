"""Round 144: round 108's FastAPI orders API (apps108/fastapi_app.py),
unchanged, with one route added: /api/reports answers the app's own HTML 504
page. Run on uvicorn: fastapi144:app."""
from fastapi.responses import HTMLResponse

from fastapi_app import PAGE, app


@app.get("/api/reports")
async def reports():
    return HTMLResponse(PAGE.format(code=504, reason="Gateway Timeout", text="The report service did not answer in time."), status_code=504)
