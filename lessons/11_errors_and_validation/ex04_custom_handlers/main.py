from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

app = FastAPI()

STOCK = {"ABC": 2}


class OutOfStock(Exception):
    def __init__(self, sku: str, available: int) -> None:
        self.sku = sku
        self.available = available


class Order(BaseModel):
    sku: str
    quantity: int = Field(gt=0)


# --8<-- [start:handlers]
@app.exception_handler(OutOfStock)
async def out_of_stock(request: Request, exc: OutOfStock) -> JSONResponse:
    return JSONResponse(
        status_code=409,
        content={"error": "out_of_stock", "sku": exc.sku, "available": exc.available},
    )


@app.exception_handler(RequestValidationError)
async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
    problems = [
        {"field": ".".join(str(part) for part in error["loc"]), "problem": error["type"]}
        for error in exc.errors()
    ]
    return JSONResponse(status_code=422, content={"error": "invalid_request", "problems": problems})
    # --8<-- [end:handlers]


@app.post("/orders", status_code=201)
async def place_order(order: Order) -> dict[str, object]:
    available = STOCK.get(order.sku, 0)
    if order.quantity > available:
        raise OutOfStock(order.sku, available)
    return {"sku": order.sku, "quantity": order.quantity}
