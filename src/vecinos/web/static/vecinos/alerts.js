// Draws the outlines of alert areas, and finds alerts near the neighbor's rounded location.
(function () {
  "use strict";
  document.documentElement.classList.add("has-js");
  var script = document.currentScript;

  var nearMe = document.getElementById("near-me");
  if (nearMe && navigator.geolocation) {
    nearMe.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        // Rounded here (about 100 m) and posted, never put in the address: a URL stays in
        // the browser history of a phone that may be seized.
        var round = function (v) { return String(Math.round(v * 1000) / 1000); };
        var form = document.createElement("form");
        form.method = "post";
        form.action = window.location.pathname;
        [["lat", position.coords.latitude], ["lng", position.coords.longitude]].forEach(function (pair) {
          var field = document.createElement("input");
          field.type = "hidden";
          field.name = pair[0];
          field.value = round(pair[1]);
          form.appendChild(field);
        });
        document.body.appendChild(form);
        form.submit();
      }, function () {}, { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 });
    });
  }

  var data = document.getElementById("alert-shapes");
  var box = document.getElementById("alerts-map");
  if (!data || !box) { return; }
  // Leaflet loads asynchronously: the list is usable at once, the map follows.
  function draw() {
    var shapes = JSON.parse(data.textContent);
    var map = L.map(box);
    L.tileLayer(script.dataset.tiles, { attribution: script.dataset.attribution, maxZoom: 18 }).addTo(map);
    var colors = { verified: "#a4161a", update: "#a4161a", all_clear: "#1b6e3a", retraction: "#8a5a00" };
    var group = L.featureGroup();
    shapes.forEach(function (shape) {
      shape.outlines.forEach(function (ring) {
        L.polygon(ring, { color: colors[shape.kind] || "#a4161a" }).bindPopup(shape.headline).addTo(group);
      });
    });
    group.addTo(map);
    map.fitBounds(group.getBounds(), { padding: [10, 10] });
  }
  if (window.L) { draw(); } else { document.getElementById("leaflet-js").addEventListener("load", draw); }
})();
