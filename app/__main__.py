"""`python -m app` starts Goalpost."""

from app.main import run

if __name__ in {"__main__", "__mp_main__"}:
    run()
