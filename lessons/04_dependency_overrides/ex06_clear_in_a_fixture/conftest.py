from collections.abc import Iterator

import pytest

from main import app


@pytest.fixture(autouse=True)  # autouse: every test in this folder gets it without asking
def restore_overrides() -> Iterator[None]:
    saved = app.dependency_overrides.copy()
    yield  # the test runs here, and may override whatever it likes
    app.dependency_overrides.clear()  # teardown runs even when the test failed
    app.dependency_overrides.update(saved)
