"""The composition root: settings, database, clock and pages are built here and only here."""

from __future__ import annotations

import asyncio
import secrets
import sys
import time
from pathlib import Path

from fastapi import FastAPI
from nicegui import app as nicegui_app
from nicegui import background_tasks, ui
from nicegui.storage import Storage
from pydantic import ValidationError
from sqlalchemy.engine import Engine

from app import hang_ups
from app.api.app import create_api_app
from app.api.demo_clock import clock_router
from app.api.demo_reset import demo_reset_router
from app.clock import Clock
from app.config import Settings
from app.db.engine import make_engine
from app.db.migrate import upgrade_to_head
from app.demo import DemoWorld, demo_people, demo_settings, open_demo_world
from app.foreground import Foreground, MarkServing
from app.health import Health
from app.jobs.background import background_jobs
from app.jobs.leadership import leadership_for
from app.jobs.scheduler import Scheduler
from app.mail.senders import LogSender, sender_for
from app.one_use import OneUse
from app.sync.client import CapillaryClient
from app.ui import (
    account_pages,
    auth,
    brand,
    challenge_page,
    dev_mail,
    error_pages,
    install,
    new_challenge,
    outbox_page,
    points,
    presenter,
    reminder_pages,
    rewards_page,
    settings_page,
    stylesheets,
    today,
    web_session,
)
from app.ui.context import UIContext
from app.ui.element_speed import remember_signatures
from app.ui.favicon import favicon_for
from app.ui.frame import set_page_top
from app.ui.presenter_bar import DemoControls, draw_if_presenting
from app.upstream_wiring import upstream
from app.user_storage import DropIdleUserStorage

STATIC = Path(__file__).resolve().parent.parent / "static"


def build(settings: Settings | None = None) -> UIContext:
    """Migrate the database and register every page, route and background job."""
    settings = settings or Settings()
    demo_started = time.perf_counter()
    remember_signatures()  # elements built at NiceGUI's own speed (app/ui/element_speed.py)
    if settings.demo:  # its own fresh files under DEMO_DIR, the demo clock on
        settings = demo_settings(settings)
    _check_shared_storage(settings)
    upgrade_to_head(settings.database_url)
    engine = make_engine(settings.database_url)
    clock = Clock(allow_override=settings.allow_clock_override)
    # One secret for the test and demo tools; unset, a new one each start that only this
    # process knows (docs/security.md).
    control_secret = (
        settings.control_secret.get_secret_value()
        if settings.control_secret
        else secrets.token_urlsafe(32)
    )
    foreground = Foreground()  # who is being served now: the relay steps aside for them
    client, sandbox, relay = upstream(settings, control_secret, foreground)
    demo = _demo_world(engine, clock, client, sandbox, demo_started) if settings.demo else None
    leadership = leadership_for(
        settings.database_url,
        instance=settings.instance,
        heartbeat_seconds=settings.jobs_leader_heartbeat_seconds,
    )
    mail_sender = sender_for(settings)  # None: production with no SMTP_HOST, mail waits
    if mail_sender is None:
        print("Mail: no SMTP_HOST is set, so mail waits unsent (README, Mail)", flush=True)
    scheduler = Scheduler(
        background_jobs(
            engine=engine,
            clock=clock,
            client=client,
            settings=settings,
            mail_sender=mail_sender,
            relay=relay,
        ),
        leadership=leadership,
        heartbeat_seconds=settings.jobs_leader_heartbeat_seconds,
    )
    one_use = OneUse(settings.nicegui_redis_url, prefix=Storage.redis_key_prefix)
    ctx = UIContext(
        engine,
        clock,
        settings,
        scheduler,
        settings.brand(),
        demo=demo,
        one_use=one_use,
        foreground=foreground,
    )
    nicegui_app.on_shutdown(one_use.close)
    pages = (
        today,
        auth,
        web_session,
        new_challenge,
        challenge_page,
        points,
        rewards_page,
        settings_page,
    )
    for module in (*pages, account_pages, reminder_pages, outbox_page, brand):
        module.register(ctx)
    if settings.environment == "development" and isinstance(mail_sender, LogSender):
        dev_mail.register(ctx, mail_sender)  # never registered anywhere else (docs/security.md)
    error_pages.install(ctx.brand)
    nicegui_app.add_middleware(DropIdleUserStorage)
    nicegui_app.add_middleware(MarkServing, foreground=foreground)
    hang_ups.outermost(nicegui_app)
    nicegui_app.on_startup(
        lambda: background_tasks.create(DropIdleUserStorage.sweep_forever(), name="user-storage")
    )
    nicegui_app.add_static_files("/static", STATIC)
    stylesheets.register(STATIC)
    install.register(ctx.brand, STATIC)
    health = Health(engine, redis_url=settings.nicegui_redis_url)
    nicegui_app.add_api_route("/healthz", health.answer, methods=["GET"], include_in_schema=False)
    nicegui_app.on_shutdown(health.close)
    api = create_api_app(
        engine,
        clock,
        rate_limit=settings.api_rate_limit,
        rate_limit_storage=settings.nicegui_redis_url or "memory://",
        rate_limit_scope=Storage.redis_key_prefix,
    )
    nicegui_app.mount("/api", api)
    if settings.allow_clock_override:
        nicegui_app.include_router(clock_router(ctx.clock, control_secret=control_secret))
    set_page_top(None)
    if demo is not None:
        nicegui_app.include_router(demo_reset_router(demo, control_secret=control_secret))
        presenter.register(ctx, control_secret=control_secret)
        if settings.control_secret is None:
            _hand_to_presenter(settings, control_secret)
        controls = DemoControls(people=lambda: demo_people(engine), reset=demo.reset, client=client)
        set_page_top(lambda: draw_if_presenting(ctx, controls))
    nicegui_app.on_startup(scheduler.start)
    nicegui_app.on_shutdown(scheduler.shutdown)
    if relay is not None:
        nicegui_app.on_shutdown(lambda: asyncio.to_thread(relay.stop))
    if client is not None:
        nicegui_app.on_shutdown(client.aclose)
    nicegui_app.on_shutdown(engine.dispose)
    return ctx


def _check_shared_storage(settings: Settings) -> None:
    """NiceGUI reads NICEGUI_REDIS_URL from the process environment when it loads, before
    Settings exist: a value only in .env would leave this instance on files of its own."""
    if (settings.nicegui_redis_url or None) != Storage.redis_url:
        sys.exit(
            "Goalpost cannot start: NICEGUI_REDIS_URL must be exported in the process "
            "environment (NiceGUI reads it when it loads; a line in .env comes too late)"
        )


def _demo_world(
    engine: Engine,
    clock: Clock,
    client: CapillaryClient | None,
    sandbox: FastAPI | None,
    started: float,
) -> DemoWorld:
    """DEMO=true: the world seeded, mirrored to the mounted sandbox and snapshotted, before
    the server takes its first request (app/demo)."""
    assert client is not None and sandbox is not None  # Settings insists on the mounted sandbox
    demo = open_demo_world(
        engine, clock=clock, sandbox=sandbox, options=client.options, started=started
    )
    print(f"Demo world ready in {demo.seeded_in:.1f} s", flush=True)
    return demo


def _hand_to_presenter(settings: Settings, control_secret: str) -> None:
    """A laptop demo's secret, made at this start, in a file only its owner reads (never in a
    log): the presenter types it on /presenter."""
    path = Path(settings.demo_dir) / "presenter-secret"
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    path.write_text(control_secret + "\n")
    print(f"Presenter: open /presenter and enter the secret in {path}", flush=True)


def _messages(error: ValidationError) -> list[str]:
    return [str(e["msg"]).removeprefix("Value error, ") for e in error.errors()]


GC_YOUNG_THRESHOLD = 7_000  # allocations between young collections (Python's default: 700)


def run() -> None:
    import gc

    try:
        ctx = build()
    except ValidationError as error:
        # A setting the app cannot start with: say which and why, without a traceback.
        sys.exit("Goalpost cannot start: " + "; ".join(_messages(error)))
    settings = ctx.settings

    def freeze_startup_objects() -> None:
        # Modules, NiceGUI and SQLAlchemy live as long as the process: once frozen, the cyclic
        # GC stops re-scanning them, and its full passes no longer stall a page load by 100+ ms.
        gc.collect()
        gc.freeze()
        # A page builds hundreds of elements, each a few dozen objects: at Python's default
        # (a young collection every 700 allocations) building Today spent more time in the
        # collector than in NiceGUI. Collections a tenth as often; cycles are still collected.
        gc.set_threshold(GC_YOUNG_THRESHOLD, 10, 10)

    nicegui_app.on_startup(freeze_startup_objects)
    # Quasar's ajax bar is a progressbar: screen readers need its name (axe, aria-progressbar-name).
    nicegui_app.config.quasar_config["loadingBar"]["aria-label"] = "Loading"
    ui.run(
        host=settings.host,
        port=settings.port,
        title=ctx.brand.name,
        reload=False,
        show=False,
        storage_secret=settings.storage_secret,
        # NiceGUI's browser-id cookie; HttpOnly always. Sign-in has its own (web_session.py).
        session_middleware_kwargs={"https_only": settings.uses_tls, "same_site": "lax"},
        favicon=favicon_for(ctx.brand, STATIC),
        reconnect_timeout=20,
        language="en-GB",
        tailwind=False,  # static/tailwind.css is compiled ahead of time: no compiler in the browser
        # No compression on the page's socket: a compressor keeps ~260 KiB for every open tab
        # (zlib's window) to shrink updates of a few hundred bytes. Socket.IO's own servers
        # leave it off by default for the same reason. Pages themselves are still gzipped.
        ws_per_message_deflate=False,
    )
