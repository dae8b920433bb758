"""invalid requests are answered with 400, not the 422 the API promises."""

import logging
from decimal import Decimal
from typing import Annotated

from fastapi import FastAPI, Header, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

app = FastAPI(title="Bookings")
logger = logging.getLogger("bookings")

TOKENS = {"token-ada": "ada"}
"""The bearer tokens this app accepts, and whose they are."""

bookings: dict[int, dict[str, object]] = {}


def reset() -> None:
    """Forget every booking: a clean slate for each test."""
    bookings.clear()


def fetch_rate(room: str) -> Decimal:
    """The nightly rate, from the pricing service (here, a table)."""
    return {"single": Decimal("80.00"), "double": Decimal("120.00")}[room]


class BookingRequest(BaseModel):
    room: str = Field(pattern="^(single|double)$")
    nights: int = Field(gt=0, le=14)
    card_number: str = Field(min_length=12)


class Booking(BaseModel):
    id: int
    guest: str
    room: str
    nights: int
    total: Decimal


@app.exception_handler(RequestValidationError)
async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
    problems = [
        {"field": ".".join(str(part) for part in error["loc"]), "problem": error["type"]}
        for error in exc.errors()
    ]
    return JSONResponse(status_code=400, content={"error": "invalid_request", "problems": problems})


@app.exception_handler(Exception)
async def crashed(request: Request, exc: Exception) -> JSONResponse:
    logger.error("%s %s failed: %r", request.method, request.url.path, exc)
    return JSONResponse(status_code=500, content={"error": "internal", "detail": "Please retry"})


def current_guest(authorization: str | None) -> str:
    token = (authorization or "").removeprefix("Bearer ")
    if token not in TOKENS:
        raise HTTPException(
            status_code=401, detail="Not authenticated", headers={"WWW-Authenticate": "Bearer"}
        )
    return TOKENS[token]


@app.post("/bookings", status_code=201, response_model=Booking)
async def book(
    request: BookingRequest, authorization: Annotated[str | None, Header()] = None
) -> dict[str, object]:
    guest = current_guest(authorization)
    booking_id = len(bookings) + 1
    booking: dict[str, object] = {
        "id": booking_id,
        "guest": guest,
        "room": request.room,
        "nights": request.nights,
        "total": fetch_rate(request.room) * request.nights,
        "card_number": request.card_number,  # kept for billing; never sent back
    }
    bookings[booking_id] = booking
    return booking
