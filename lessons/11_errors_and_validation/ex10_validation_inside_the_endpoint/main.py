from typing import Annotated

from fastapi import FastAPI, Query
from pydantic import BaseModel, Field

app = FastAPI()


class Discount(BaseModel):
    code: str
    percent: int = Field(gt=0, le=50)


# --8<-- [start:inside]
@app.post("/v1/discounts")
async def create_discount_v1(code: str, percent: int) -> Discount:
    return Discount(code=code, percent=percent)  # validated here, inside the endpoint
    # --8<-- [end:inside]


# --8<-- [start:declared]
@app.post("/v2/discounts")
async def create_discount_v2(code: str, percent: Annotated[int, Query(gt=0, le=50)]) -> Discount:
    return Discount(code=code, percent=percent)
    # --8<-- [end:declared]
