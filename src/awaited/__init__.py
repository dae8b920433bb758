"""Awaited: a hands-on course in testing async FastAPI apps."""
