"""Goalpost against the floor: Today and a tap, side by side with bench/floor.py in one run.

The floor is the least NiceGUI can do for the same screen (20 cards: a name, "N of 8", "+1";
no database, `tailwind=False`). Goalpost runs as `python -m app` on a migrated SQLite copy
holding one person with 20 daily challenges and a year of history, built once through the
services (bench/ui_latency.py's `build`), with the brand's catalogue of 12 rewards, four
redemptions by that person, and an operator (`set_up_brand`). The upstream is off unless
`--backlog mounted` (the default mounted sandbox: the year's ~11,000 events drain while the
pages are measured) or `--backlog standalone` (the same to a sandbox in a process of its own,
as Capillary is).

Each round starts both servers afresh, in alternating order, and measures on each:
* cold start: from spawning the process to the first 200 on `/`;
* load: from navigation start (the page's own clock) until all 20 cards' names are in the DOM,
  visible, and the next frame is drawn; with the first response byte and the element count;
* tap: inside the page, from `click()` on a card's "+1" until that card's "N of" label shows
  the new total and the next frame is drawn (Goalpost commits the log before it paints);
* memory: the server's RSS with 1 tab open, and what each of 19 more tabs adds;
* the challenge page, Points and Rewards the same way as Today's load, against floor pages of
  the same size (a card, a heatmap and a bar chart of as many days, 20 history rows; as many
  ledger rows; as many reward cards and redeemed rewards): ready once the page holds all the
  NiceGUI elements it has when complete;
* the brand console's busiest page (`CONSOLE`, its rewards) the same way, signed in as the
  operator in a browser context of its own, against a floor page of as many reward cards.

Per-round ratios are printed, then one JSON object (the last line). `--check` exits 1 when a
figure is over its budget (docs/performance.md): run by hand and before a release.

    .venv/bin/python bench/against_floor.py [--rounds 5] [--loads 10] [--taps 20] [--check]
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402

from app.cluster.processes import child_environment, free_port  # noqa: E402
from app.db.engine import make_engine  # noqa: E402
from app.db.migrate import upgrade_to_head  # noqa: E402
from app.domain.rewards import CodeSource, RewardRule  # noqa: E402
from app.services.accounts import sign_up  # noqa: E402
from app.services.history import MAX_PERIODS_SHOWN, read_ledger  # noqa: E402
from app.services.redemptions import read_catalogue, redeem  # noqa: E402
from app.services.rewards import create_reward, list_rewards  # noqa: E402
from app.ui.points import LEDGER_LIMIT  # noqa: E402
from bench.common import TZ, ZONE, at, percentile  # noqa: E402
from bench.floor import NAMES as FLOOR_NAMES  # noqa: E402
from bench.ui_latency import EMAIL, PASSWORD, TOTAL_PERIODS, build  # noqa: E402
from tests.sandbox_server import running_sandbox  # noqa: E402
from tests.server import control_headers  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Over these, --check fails (issue 17's aims).
BUDGETS = {
    "today_over_floor": 1.3,
    "tap_over_floor": 2.0,
    "tab_mib_over_floor": 1.5,
    "tap_ms_p95": 60.0,
}

OPERATOR = "operator@example.com"  # the brand's operator (OPERATOR_EMAILS names them)
# The brand console's busiest page with the bench's data: its twelve rewards, each a card of
# title, status and four figures, hold 247 NiceGUI elements; next come participation (104:
# a row of six cells for each of the four definitions migration 0009 seeds, and the funnel),
# the definitions list (63), the points budget (49) and API keys (35).
CONSOLE = "/brand/rewards"
# The brand's catalogue: a dozen rewards, as a brand stocks them (app/demo/world.py's kind).
REWARDS = [
    RewardRule(
        title="Smoothie at the bar", cost=150, icon="local_drink", per_person_limit=None,
        code_prefix="SMOOTHIE-", description="Any smoothie at the bar, on us.",
    ),
    RewardRule(
        title="Coffee and a bun", cost=200, icon="local_cafe", code_prefix="FIKA-",
        description="A coffee and a cinnamon bun at any of our cafés.",
    ),
    RewardRule(
        title="Steel water bottle", cost=400, icon="water_drop", stock=40, code_prefix="BOTTLE-",
        description="A steel bottle that keeps water cold all day.",
    ),
    RewardRule(
        title="Cinema ticket", cost=600, icon="movie", code_prefix="CINEMA-",
        description="One ticket to any film, any day of the week.",
    ),
    RewardRule(
        title="Yoga drop-in class", cost=800, icon="self_improvement", stock=4,
        code_prefix="YOGA-", description="A drop-in class at any studio: only a few this month.",
    ),
    RewardRule(
        title="Sports socks, three pairs", cost=900, icon="checkroom", code_prefix="SOCKS-",
        description="Three pairs of cushioned running socks.",
    ),
    RewardRule(
        title="Massage, 30 minutes", cost=1500, icon="spa", stock=25, code_prefix="SPA-",
        description="Half an hour's massage at a partner spa.",
    ),
    RewardRule(
        title="Running shoes, 20% off", cost=2000, icon="directions_run",
        code_source=CodeSource.UPLOADED,
        description="One pair of running shoes at 20% off, in store or online.",
    ),
    RewardRule(
        title="Climbing day pass", cost=2500, icon="terrain", code_prefix="CLIMB-",
        description="A day at the climbing centre, shoes and harness included.",
    ),
    RewardRule(
        title="Fitness watch, 25% off", cost=4000, icon="watch", stock=10, code_prefix="WATCH-",
        description="A quarter off any fitness watch in the shop.",
    ),
    RewardRule(
        title="A month at the gym", cost=6000, icon="fitness_center", code_prefix="GYM-",
        description="Thirty days at any of our gyms, classes included.",
    ),
    RewardRule(
        title="Weekend at a spa hotel", cost=20000, icon="hotel", stock=3, code_prefix="HOTEL-",
        description="Two nights for two, breakfast and the spa included.",
    ),
]  # fmt: skip
UPLOADED_CODES = "\n".join(f"RUNSHOE-{n:04d}" for n in range(1001, 1051))
# What the bench person has redeemed: (the reward, how many days ago).
REDEEMED = [
    ("Smoothie at the bar", 18),
    ("Coffee and a bun", 12),
    ("Smoothie at the bar", 6),
    ("Steel water bottle", 2),
]

# Before any page script: window.__loaded resolves (with performance.now()) once every expected
# name is in the DOM and visible and the next frame has been drawn.
INIT_SCRIPT = r"""
(() => {
  const names = new Set(%s);
  // Other pages: ready once the page holds as many NiceGUI elements as it does when complete.
  const expected = Number(sessionStorage.getItem("benchElements") || 0);
  let done;
  window.__loaded = new Promise(resolve => (done = resolve));
  const leaves = () => document.querySelectorAll("a, div, span");
  const allVisible = () => {
    const seen = new Set();
    for (const el of leaves()) {
      const text = el.childElementCount === 0 ? el.textContent.trim() : "";
      if (names.has(text) && el.checkVisibility()) seen.add(text);
    }
    return seen.size === names.size;
  };
  // A task queued from requestAnimationFrame runs once that frame has been rendered.
  const afterNextPaint = fn => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = fn;
    channel.port2.postMessage(0);
  });
  window.__afterNextPaint = afterNextPaint;
  // (nineteen in twenty: a page may hold a few elements more or less from one load to the
  // next, such as a sync badge that changes while a backlog drains)
  const ready = expected
    ? () => document.querySelectorAll('[id^="c"]').length >= 0.95 * expected
    : allVisible;
  setTimeout(() => done(Promise.reject(new Error("not ready within 20 s"))), 20000);
  const observer = new MutationObserver(() => {
    if (ready()) {
      observer.disconnect();
      afterNextPaint(() => done(performance.now()));
    }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();
"""

# Clicks the "+1" of the card named `name`; resolves with the ms until its "N of" label shows
# another number and the next frame is drawn.
TAP = r"""
async (name) => {
  const count = /^([\d\s,.\u00a0]+) of /;
  const card = [...document.querySelectorAll("a, div")]
    .find(el => el.childElementCount === 0 && el.textContent.trim() === name)
    ?.closest(".q-card");
  const labelOf = () => [...card.querySelectorAll("div")]
    .find(el => el.childElementCount === 0 && count.test(el.textContent));
  const button = [...card.querySelectorAll("button")]
    .find(b => b.innerText.trim().startsWith("+1"));
  const before = labelOf()?.textContent;
  if (!button || before === undefined) throw new Error(`no +1 or label on ${name}`);
  return await new Promise((resolve, reject) => {
    let t0;
    const observer = new MutationObserver(() => {
      const now = labelOf()?.textContent;
      if (now !== undefined && now !== before) {
        observer.disconnect();
        window.__afterNextPaint(() => resolve(performance.now() - t0));
      }
    });
    observer.observe(card, { childList: true, subtree: true, characterData: true });
    setTimeout(() => { observer.disconnect(); reject(new Error(`timeout on ${name}`)); }, 10000);
    t0 = performance.now();
    button.click();
  });
}
"""

NAVIGATION = """() => {
  const n = performance.getEntriesByType("navigation")[0];
  return { ttfb: n.responseStart, elements: document.querySelectorAll("*").length };
}"""


@dataclass
class App:
    """One of the two servers: how to start it and what its page shows."""

    name: str
    argv: list[str]
    env: dict[str, str]
    names: list[str]
    screens: dict[str, str] = field(default_factory=dict)  # page name -> its address
    sign_in: Callable[[Page], None] | None = None
    # The brand console's pages, in a browser context of their own: a session is one person's.
    operator_screens: dict[str, str] = field(default_factory=dict)
    operator_sign_in: Callable[[Page], None] | None = None
    before_start: Callable[[], None] | None = None
    process: subprocess.Popen[bytes] | None = None
    url: str = ""

    def start(self, log: Path) -> float:
        """Spawn it; the ms until `/` first answers 200."""
        if self.before_start:
            self.before_start()
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        env = child_environment({**self.env, "PORT": str(port)})
        argv = [a.replace("{port}", str(port)) for a in self.argv]
        t0 = time.perf_counter()
        with log.open("ab") as out:
            self.process = subprocess.Popen(
                argv, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
            )
        with httpx.Client(timeout=2) as http:
            while time.perf_counter() - t0 < 60:
                if self.process.poll() is not None:
                    raise RuntimeError(f"{self.name} exited; see {log}")
                try:
                    if http.get(f"{self.url}/").status_code == 200:
                        return (time.perf_counter() - t0) * 1000
                except httpx.HTTPError:
                    pass
                time.sleep(0.01)
        raise RuntimeError(f"{self.name} did not answer within 60 s; see {log}")

    def rss_mib(self) -> float:
        assert self.process is not None
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
        return kib / 1024

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@dataclass
class Figures:
    cold_ms: list[float] = field(default_factory=list)
    load_ms: list[float] = field(default_factory=list)
    ttfb_ms: list[float] = field(default_factory=list)
    elements: list[int] = field(default_factory=list)
    tap_ms: list[float] = field(default_factory=list)
    rss1_mib: list[float] = field(default_factory=list)
    tab_mib: list[float] = field(default_factory=list)
    screen_ms: dict[str, list[float]] = field(default_factory=dict)
    screen_elements: dict[str, int] = field(default_factory=dict)


def one_round(browser: Browser, app: App, figures: Figures, args: argparse.Namespace, log: Path):
    """Start `app`, measure it, stop it; this round's medians for the printout."""
    cold = app.start(log)
    context = new_context(browser, app)
    try:
        page = context.new_page()
        if app.sign_in:
            app.sign_in(page)
        loads, ttfbs, elements = [], [], []
        for i in range(args.warmup + args.loads):
            page.goto("/", wait_until="commit")
            loaded = page.evaluate("() => window.__loaded")
            if i >= args.warmup:
                nav = page.evaluate(NAVIGATION)
                loads.append(loaded)
                ttfbs.append(nav["ttfb"])
                elements.append(nav["elements"])
        page.wait_for_function("() => window.did_handshake === true")
        taps = []
        for i in range(args.warmup + args.taps):
            ms = page.evaluate(TAP, app.names[i % len(app.names)])
            if i >= args.warmup:
                taps.append(ms)
            page.wait_for_timeout(30)
        rss1, tab = tabs_cost(context, app, args.tabs)
        screens = {name: screen_loads(page, path, args) for name, path in app.screens.items()}
        screens |= operator_loads(browser, app, args)
    finally:
        context.close()
        app.stop()
    figures.cold_ms.append(cold)
    figures.load_ms += loads
    figures.ttfb_ms += ttfbs
    figures.elements += elements
    figures.tap_ms += taps
    figures.rss1_mib.append(rss1)
    figures.tab_mib.append(tab)
    for name, (elements_shown, ms) in screens.items():
        figures.screen_ms.setdefault(name, []).extend(ms)
        figures.screen_elements[name] = elements_shown
    return {
        "cold": cold,
        "load": statistics.median(loads),
        "tap": statistics.median(taps),
        "tab": tab,
        **{name: statistics.median(ms) for name, (_, ms) in screens.items()},
    }


def new_context(browser: Browser, app: App) -> BrowserContext:
    context = browser.new_context(base_url=app.url, timezone_id=str(ZONE))
    context.add_init_script(INIT_SCRIPT % json.dumps(app.names))
    return context


def operator_loads(
    browser: Browser, app: App, args: argparse.Namespace
) -> dict[str, tuple[int, list[float]]]:
    """As `screen_loads`, for each of the operator's screens, in a context of their own."""
    if not app.operator_screens:
        return {}
    context = new_context(browser, app)
    try:
        page = context.new_page()
        if app.operator_sign_in:
            app.operator_sign_in(page)
        else:
            page.goto("/", wait_until="commit")  # sessionStorage needs the app's origin
        return {name: screen_loads(page, path, args) for name, path in app.operator_screens.items()}
    finally:
        context.close()


def screen_loads(page: Page, path: str, args: argparse.Namespace) -> tuple[int, list[float]]:
    """How many NiceGUI elements the page at `path` holds once complete, and the ms of each
    timed load until it holds them all and the next frame is drawn."""
    page.evaluate("() => sessionStorage.removeItem('benchElements')")
    page.goto(path)
    page.wait_for_function("() => window.did_handshake === true")
    page.wait_for_timeout(1000)
    complete = page.evaluate("() => document.querySelectorAll('[id^=\"c\"]').length")
    page.evaluate(f"() => sessionStorage.setItem('benchElements', '{complete}')")
    loads = []
    for i in range(args.warmup + args.loads):
        page.goto(path, wait_until="commit")
        loaded = page.evaluate("() => window.__loaded")
        if i >= args.warmup:
            loads.append(loaded)
    page.evaluate("() => sessionStorage.removeItem('benchElements')")
    return complete, loads


def tabs_cost(context: BrowserContext, app: App, tabs: int) -> tuple[float, float]:
    """The server's RSS with the one tab open, and the MiB each further tab adds (up to
    `tabs` open)."""
    time.sleep(0.5)
    rss1 = app.rss_mib()
    more = []
    for _ in range(tabs - 1):
        page = context.new_page()
        page.goto("/", wait_until="commit")
        page.evaluate("() => window.__loaded")
        page.wait_for_function("() => window.did_handshake === true")
        more.append(page)
    time.sleep(1.0)
    rss = app.rss_mib()
    for page in more:
        page.close()
    return rss1, (rss - rss1) / max(tabs - 1, 1)


def fresh_start(template: Path, database: Path, sandbox_url: str | None) -> None:
    shutil.copyfile(template, database)
    for mounted in database.parent.glob("sandbox.db*"):  # a mounted sandbox's file
        mounted.unlink()
    if sandbox_url:
        httpx.post(f"{sandbox_url}/_sandbox/reset", headers=control_headers()).raise_for_status()


def goalpost_sign_in(page: Page) -> None:
    sign_in_as(page, EMAIL)
    page.evaluate("() => window.__loaded")


def operator_sign_in(page: Page) -> None:
    sign_in_as(page, OPERATOR)  # Today without the bench person's 20 names: wait for its socket
    page.wait_for_function("() => window.did_handshake === true")


def sign_in_as(page: Page, email: str) -> None:
    page.goto("/signin")
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/", wait_until="commit")


def set_up_brand(engine: Engine, *, person_id: int, today: date, days: int) -> None:
    """Through the services: the brand's operator, and its catalogue, set up the day the
    history starts; the bench person redeems a few (their logs pay for them), so My rewards
    has rows."""
    set_up = at(today - timedelta(days=days), 6)
    sign_up(engine, email=OPERATOR, password=PASSWORD, timezone=TZ, now=set_up)
    ids = {
        rule.title: create_reward(
            engine,
            rule=rule,
            codes=UPLOADED_CODES if rule.code_source is CodeSource.UPLOADED else None,
            by=OPERATOR,
            now=set_up,
        )
        for rule in REWARDS
    }
    for n, (title, ago) in enumerate(REDEEMED):
        redeem(
            engine,
            person_id=person_id,
            reward_id=ids[title],
            idempotency_key=f"bench-redeem-{n}",
            now=at(today - timedelta(days=min(ago, days)), 12, n),
        )


def ratio(ours: list[float], floor: list[float]) -> float:
    return round(statistics.median(ours) / statistics.median(floor), 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--loads", type=int, default=10, help="timed loads of / per round")
    parser.add_argument("--taps", type=int, default=20, help="timed +1 taps per round")
    parser.add_argument("--tabs", type=int, default=20, help="tabs open for the memory figure")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--days", type=int, default=365, help="days of Goalpost history")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument(
        "--backlog",
        choices=("none", "mounted", "standalone"),
        default="none",
        help="the year's events draining while measured: to the sandbox mounted in Goalpost "
        "(the default set-up), or to one in a process of its own (as Capillary is elsewhere)",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when over a budget")
    args = parser.parse_args()

    load_start = os.getloadavg()[0]
    if load_start > 0.5:
        print(f"NOTE: 1-min load average is {load_start:.2f}; figures will be noisy")
    with tempfile.TemporaryDirectory(prefix="goalpost-floor-") as tmp, ExitStack() as stack:
        data = Path(tmp)
        template, database = data / "template.db", data / "goalpost.db"
        upgrade_to_head(f"sqlite:///{template}")
        engine = make_engine(f"sqlite:///{template}")
        today = datetime.now(ZONE).date()
        built = build(engine, today, args.days, 1, args.seed)
        set_up_brand(engine, person_id=built.person_id, today=today, days=args.days)
        ledger_rows = len(read_ledger(engine, person_id=built.person_id, limit=LEDGER_LIMIT))
        catalogue = read_catalogue(engine, person_id=built.person_id, now=datetime.now(ZONE))
        console_rewards = len(list_rewards(engine, now=datetime.now(ZONE)))
        engine.dispose()
        print(f"built {built.logs} logs over {built.days} days in {built.build_s:.1f} s")

        upstream: dict[str, str] = {"UPSTREAM": "off"}
        if args.backlog != "none":
            upstream = {"UPSTREAM": "sandbox"}
        if args.backlog == "standalone":
            (data / "upstream").mkdir()
            sandbox = stack.enter_context(running_sandbox(data / "upstream"))
            upstream["SANDBOX_URL"] = sandbox
        goalpost = App(
            "goalpost",
            [sys.executable, "-m", "app"],
            {
                "DATABASE_URL": f"sqlite:///{database}",
                "HOST": "127.0.0.1",
                "ENVIRONMENT": "test",
                "STORAGE_SECRET": secrets.token_urlsafe(32),
                "CONTROL_SECRET": secrets.token_urlsafe(32),
                "NICEGUI_STORAGE_PATH": str(data / "storage"),
                "OPERATOR_EMAILS": OPERATOR,
                **upstream,
            },
            [kind.name for _, kind in built.challenges],
            {
                "challenge": f"/challenge/{built.challenges[0][0]}",
                "points": "/points",
                "rewards": "/rewards",
            },
            sign_in=goalpost_sign_in,
            operator_screens={"console": CONSOLE},
            operator_sign_in=operator_sign_in,
            # Every round from the same year of history (and, with --backlog, the same backlog
            # to an empty sandbox).
            before_start=lambda: fresh_start(template, database, upstream.get("SANDBOX_URL")),
        )
        floor = App(
            "floor",
            [sys.executable, str(ROOT / "bench" / "floor.py"), "--port", "{port}"],
            {},
            list(FLOOR_NAMES),
            # as much as Goalpost shows: every period's day (the heatmap shows them all, up to
            # MAX_PERIODS_SHOWN), and the ledger's rows
            {
                "challenge": f"/challenge?days={min(TOTAL_PERIODS, MAX_PERIODS_SHOWN)}",
                "points": f"/points?rows={ledger_rows}",
                "rewards": f"/rewards?cards={len(catalogue.items)}&mine={len(catalogue.mine)}",
            },
            operator_screens={"console": f"/console?rewards={console_rewards}"},
        )
        screens = [*goalpost.screens, *goalpost.operator_screens]
        ours, theirs = Figures(), Figures()
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=CHROMIUM, args=["--disable-gpu", "--disable-quic"]
            )
            for n in range(args.rounds):
                pair = [(goalpost, ours), (floor, theirs)]
                results: dict[str, dict[str, float]] = {}
                for app, figures in pair if n % 2 == 0 else reversed(pair):
                    results[app.name] = one_round(
                        browser, app, figures, args, data / f"{app.name}.log"
                    )
                g, f = results["goalpost"], results["floor"]
                print(
                    f"round {n + 1}: load {g['load']:.0f}/{f['load']:.0f} ms "
                    f"= {g['load'] / f['load']:.2f}x, tap {g['tap']:.1f}/{f['tap']:.1f} ms "
                    f"= {g['tap'] / f['tap']:.2f}x, tab {g['tab']:.2f}/{f['tab']:.2f} MiB "
                    f"= {g['tab'] / f['tab']:.2f}x, cold {g['cold']:.0f}/{f['cold']:.0f} ms"
                    + "".join(
                        f", {name} {g[name]:.0f}/{f[name]:.0f} ms = {g[name] / f[name]:.2f}x"
                        for name in screens
                    ),
                    flush=True,
                )
            browser.close()

    result: dict[str, Any] = {
        "today_over_floor": ratio(ours.load_ms, theirs.load_ms),
        "tap_over_floor": ratio(ours.tap_ms, theirs.tap_ms),
        "tab_mib_over_floor": ratio(ours.tab_mib, theirs.tab_mib),
        "cold_start_over_floor": ratio(ours.cold_ms, theirs.cold_ms),
        "ttfb_over_floor": ratio(ours.ttfb_ms, theirs.ttfb_ms),
        "today_ms_p50": round(statistics.median(ours.load_ms), 1),
        "floor_today_ms_p50": round(statistics.median(theirs.load_ms), 1),
        "tap_ms_p50": round(statistics.median(ours.tap_ms), 1),
        "tap_ms_p95": round(percentile(ours.tap_ms, 95), 1),
        "floor_tap_ms_p50": round(statistics.median(theirs.tap_ms), 1),
        "ttfb_ms_p50": round(statistics.median(ours.ttfb_ms), 1),
        "floor_ttfb_ms_p50": round(statistics.median(theirs.ttfb_ms), 1),
        "tab_mib": round(statistics.median(ours.tab_mib), 2),
        "floor_tab_mib": round(statistics.median(theirs.tab_mib), 2),
        "rss_1_tab_mib": round(statistics.median(ours.rss1_mib), 1),
        "floor_rss_1_tab_mib": round(statistics.median(theirs.rss1_mib), 1),
        "today_dom_elements": statistics.median(ours.elements),
        "floor_today_dom_elements": statistics.median(theirs.elements),
        "cold_start_ms": round(statistics.median(ours.cold_ms)),
        "floor_cold_start_ms": round(statistics.median(theirs.cold_ms)),
        **{
            f"{name}_over_floor": ratio(ours.screen_ms[name], theirs.screen_ms[name])
            for name in screens
        },
        **{f"{name}_ms_p50": round(statistics.median(ours.screen_ms[name]), 1) for name in screens},
        **{
            f"floor_{name}_ms_p50": round(statistics.median(theirs.screen_ms[name]), 1)
            for name in screens
        },
        **{f"{name}_nicegui_elements": ours.screen_elements[name] for name in screens},
        **{f"floor_{name}_nicegui_elements": theirs.screen_elements[name] for name in screens},
        "rounds": args.rounds,
        "backlog": args.backlog,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "load_average_at_start": round(load_start, 2),
    }
    over = [f"{k} {result[k]} > {budget}" for k, budget in BUDGETS.items() if result[k] > budget]
    if args.check:
        print("over budget: " + "; ".join(over) if over else "within every budget")
    print(json.dumps(result))
    if args.check and over:
        sys.exit(1)


if __name__ == "__main__":
    main()
