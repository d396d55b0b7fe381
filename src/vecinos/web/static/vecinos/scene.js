// Draws the incident's cell (outline and center) on the responder's dispatch page.
// The page carries only the cell's shape: no reported point exists to show.
(function () {
  "use strict";
  var script = document.currentScript;
  var data = document.getElementById("scene-shape");
  var box = document.getElementById("scene-map");
  if (!data || !box) { return; }
  function draw() {
    var shape = JSON.parse(data.textContent);
    var map = L.map(box);
    L.tileLayer(script.dataset.tiles, { attribution: script.dataset.attribution, maxZoom: 19 }).addTo(map);
    var group = L.featureGroup();
    shape.outline.forEach(function (ring) {
      L.polygon(ring, { color: "#a4161a", weight: 3, fillOpacity: 0.15 }).addTo(group);
    });
    // A circle, not Leaflet's default marker, which needs image files of its own.
    L.circleMarker(shape.center, { radius: 6, color: "#a4161a", fillOpacity: 1 }).addTo(group);
    group.addTo(map);
    map.fitBounds(group.getBounds(), { padding: [24, 24], maxZoom: 17 });
    box.dataset.drawn = "1";
  }
  if (window.L) { draw(); } else { document.getElementById("leaflet-js").addEventListener("load", draw); }
})();
