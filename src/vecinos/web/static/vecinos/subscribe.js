// "Near my location" for the subscribe form (rounded to ~100 m on the phone), and the
// web push button: subscribe this browser, then send the subscription to the API.
(function () {
  "use strict";
  document.documentElement.classList.add("has-js");
  var script = document.currentScript;
  var round = function (v) { return Math.round(v * 1000) / 1000; };

  var locate = document.getElementById("use-location");
  var status = document.getElementById("place-status");
  if (locate) {
    locate.addEventListener("click", function () {
      if (!navigator.geolocation) { status.textContent = script.dataset.unavailable; return; }
      navigator.geolocation.getCurrentPosition(function (position) {
        document.getElementById("id_latitude").value = round(position.coords.latitude);
        document.getElementById("id_longitude").value = round(position.coords.longitude);
        status.textContent = script.dataset.located;
      }, function () { status.textContent = script.dataset.unavailable; });
    });
  }

  var push = document.getElementById("push");
  if (!push || !("serviceWorker" in navigator) || !("PushManager" in window)) { return; }
  var pushStatus = document.getElementById("push-status");
  function keyBytes(base64) {
    var padded = (base64 + "===".slice((base64.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(padded);
    return Uint8Array.from(raw, function (c) { return c.charCodeAt(0); });
  }
  function areas() {
    var chosen = Array.prototype.map.call(
      document.querySelectorAll("input[name=areas]:checked"),
      function (box) { return { area: parseInt(box.value, 10) }; });
    var zip = document.getElementById("id_zip_code").value.trim();
    if (zip) { chosen.push({ zip: zip }); }
    var lat = document.getElementById("id_latitude").value;
    var lng = document.getElementById("id_longitude").value;
    if (lat && lng) { chosen.push({ latitude: parseFloat(lat), longitude: parseFloat(lng), rings: 1 }); }
    return chosen;
  }
  document.getElementById("push-subscribe").addEventListener("click", function () {
    navigator.serviceWorker.register("/sw.js").then(function (registration) {
      return registration.pushManager.subscribe({
        userVisibleOnly: true, applicationServerKey: keyBytes(push.dataset.key) });
    }).then(function (subscription) {
      return fetch("/api/v1/subscriptions", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept-Language": push.dataset.language },
        body: JSON.stringify({
          channel: "webpush", address: JSON.stringify(subscription.toJSON()),
          language: push.dataset.language, areas: areas(),
          heads_up: document.getElementById("id_heads_up").checked })
      });
    }).then(function (response) {
      return response.json().then(function (body) { pushStatus.textContent = body.detail; });
    }).catch(function (error) { pushStatus.textContent = String(error); });
  });
})();
