from datetime import date
from decimal import Decimal
from uuid import UUID

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Invoice(BaseModel):
    id: UUID
    total: Decimal
    tax_rate: float
    issued: date
    lines: int


@app.get("/invoices/latest", response_model=Invoice)
async def latest_invoice() -> dict[str, object]:
    # The row as stored, with a field the response model does not declare.
    return {
        "id": "6f1c2b9e-1d7a-4c1e-9a57-0a9c3f3b2d11",
        "total": "19.90",
        "tax_rate": 0,
        "issued": "2026-11-23",
        "lines": 3,
        "signed_by_hash": "pbkdf2$...",
    }
