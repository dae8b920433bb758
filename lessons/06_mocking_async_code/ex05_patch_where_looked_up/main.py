from fastapi import FastAPI
from rates import fetch_rate  # binds a second name, main.fetch_rate, to the same function

app = FastAPI()


@app.get("/prices/{euros}")
async def price(euros: float, currency: str = "USD") -> dict[str, float]:
    rate = await fetch_rate(currency)  # looks up `fetch_rate` in main's globals
    return {"price": round(euros * rate, 2)}
