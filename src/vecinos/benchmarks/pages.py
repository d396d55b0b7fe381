"""`vecinos bench pages`: what each neighbor page costs a cheap phone on prepaid data.

Each page is loaded once with an empty cache in Debian's Chromium, on a phone-sized
screen, through Chromium's own throttling set to DevTools' "Slow 3G" (2 s latency,
400 kbit/s). It reports the compressed bytes of everything the page loaded and the
seconds until it was usable (parsed, with its deferred scripts run).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from vecinos.alerts.models import Alert
from vecinos.web import browse

if TYPE_CHECKING:
    from playwright.sync_api import Browser

PAGES = [
    "/es/",
    "/es/report/",
    "/es/report/sent/",
    "/es/alerts/",
    "/es/alerts/{alert}/",
    "/es/rights/",
    "/es/subscribe/",
]
BUDGET_BYTES = {"/es/report/": 50_000}
DEFAULT_BUDGET_BYTES = 100_000
BUDGET_SECONDS = 5.0
SLOW_3G = {
    "offline": False,
    "latency": 2000,
    "downloadThroughput": 400_000 / 8,
    "uploadThroughput": 400_000 / 8,
}


def _measure(browser: Browser, url: str) -> dict[str, float]:
    context = browser.new_context(viewport=browse.PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    transferred = []
    cdp.on("Network.loadingFinished", lambda event: transferred.append(event["encodedDataLength"]))
    started = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded", timeout=60_000)
    usable = time.perf_counter() - started
    page.wait_for_load_state("networkidle", timeout=60_000)
    context.close()
    return {"bytes": int(sum(transferred)), "slow3g_s": round(usable, 2)}


def run() -> dict[str, dict[str, float]]:
    with browse.demo_site() as base:
        # Before the browser starts: Playwright's event loop forbids database calls.
        paths = [path.format(alert=Alert.objects.earliest("pk").pk) for path in PAGES]
        with browse.chromium() as browser:
            return {path: _measure(browser, base + path) for path in paths}


def table(results: dict[str, dict[str, float]]) -> str:
    lines = [f"{'page':<22}{'bytes':>9}{'budget':>9}{'slow 3G':>10}"]
    for path, figures in results.items():
        budget = BUDGET_BYTES.get(path, DEFAULT_BUDGET_BYTES)
        ok = figures["bytes"] <= budget and figures["slow3g_s"] <= BUDGET_SECONDS
        lines.append(
            f"{path:<22}{figures['bytes']:>9,}{budget:>9,}{figures['slow3g_s']:>9.2f}s"
            f"  {'ok' if ok else 'OVER'}"
        )
    return "\n".join(lines)
