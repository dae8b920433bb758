from fastapi import FastAPI
from pydantic import BaseModel, Field

app = FastAPI()


class Order(BaseModel):
    sku: str = Field(min_length=3)
    quantity: int = Field(gt=0)


@app.post("/shops/{shop_id}/orders", status_code=201)
async def place_order(shop_id: int, order: Order, gift: bool = False) -> dict[str, object]:
    return {"shop_id": shop_id, "sku": order.sku, "quantity": order.quantity, "gift": gift}
