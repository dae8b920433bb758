from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
from pydantic import BaseModel


class Settings(BaseModel):
    app_name: str = "Notes"
    maintenance: bool = False


def get_settings() -> Settings:
    return Settings()  # in a real app: read from the environment


app = FastAPI()


@app.get("/info")
def info(settings: Annotated[Settings, Depends(get_settings)]) -> dict[str, str]:
    if settings.maintenance:
        raise HTTPException(status_code=503, detail="Down for maintenance")
    return {"app": settings.app_name}
