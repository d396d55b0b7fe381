// Shows each pushed message as a notification; a tap opens the alerts page.
"use strict";
self.addEventListener("push", function (event) {
  var data = {};
  try { data = event.data ? event.data.json() : {}; } catch (error) { data = { body: event.data.text() }; }
  var lines = (data.body || "").split("\n");
  event.waitUntil(self.registration.showNotification(lines[0] || "Vecinos", {
    body: lines.slice(1).join("\n"),
    lang: data.lang || "es",
    tag: "vecinos",
    renotify: true,
    requireInteraction: true,
    data: { url: "/" + (data.lang || "es") + "/alerts/" }
  }));
});
self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  event.waitUntil(clients.openWindow(event.notification.data.url));
});
