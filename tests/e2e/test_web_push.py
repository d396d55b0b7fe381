"""The service worker shows a pushed alert as a notification, in the neighbor's language.

The browser's own push service cannot be reached from here, so the push message is
handed to the service worker through Chromium's DevTools protocol, in the exact form
our Web Push channel encrypts and sends (see tests/messaging for that half).
"""

import json

import pytest

pytestmark = pytest.mark.e2e


MESSAGES = {
    "es": ("Inmigración en Florence-Firestone", "No abran la puerta."),
    "en": ("Immigration in Florence-Firestone", "Do not open the door."),
}


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_pushed_alert_becomes_a_notification(browser, site, language):
    title, body = MESSAGES[language]
    context = browser.new_context(base_url=site.url, permissions=["notifications"])
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    registrations = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(event["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    page.goto(f"/{language}/subscribe/")
    page.evaluate(
        "navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready)"
    )
    message = {"body": f"{title}\n{body}", "lang": language}
    how_many = "navigator.serviceWorker.ready.then(r => r.getNotifications()).then(n => n.length)"
    # Pushed again until it shows (the worker replaces it, one tag): a push that reaches a
    # worker still starting is dropped. The newest live registration is this context's own.
    for _ in range(15):
        live = [r for r in registrations if r["scopeURL"].startswith(site.url)]
        live = [r for r in live if not r.get("isDeleted")]
        cdp.send(
            "ServiceWorker.deliverPushMessage",
            {
                "origin": site.url,
                "registrationId": live[-1]["registrationId"],
                "data": json.dumps(message),
            },
        )
        page.wait_for_timeout(500)
        if page.evaluate(how_many):
            break
    shown = page.evaluate(
        "navigator.serviceWorker.ready.then(r => r.getNotifications())"
        ".then(ns => ns.map(n => ({title: n.title, body: n.body, lang: n.lang})))"
    )
    assert shown == [{"title": title, "body": body, "lang": language}]
    context.close()
