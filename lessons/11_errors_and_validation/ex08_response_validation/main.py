from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()

# A row as the database hands it back: one product's price is missing.
PRODUCTS: dict[int, dict[str, object]] = {
    1: {"id": 1, "name": "kettle", "price": 25.0},
    2: {"id": 2, "name": "teapot", "price": None},
}


class Product(BaseModel):
    id: int
    name: str
    price: float


@app.get("/products/{product_id}", response_model=Product)
async def read_product(product_id: int) -> dict[str, object]:
    return PRODUCTS[product_id]
