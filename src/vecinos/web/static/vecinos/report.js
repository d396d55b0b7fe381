// Fills the report form's place from the phone's location or a tap on the map.
// Coordinates are rounded to 3 decimals (about 100 m) here, before they leave the phone.
(function () {
  "use strict";
  document.documentElement.classList.add("has-js");
  var script = document.currentScript;
  var lat = document.getElementById("id_latitude");
  var lng = document.getElementById("id_longitude");
  var status = document.getElementById("place-status");
  var mapBox = document.getElementById("pick-map");
  if (!lat || !lng) { return; }

  function round(value) { return Math.round(value * 1000) / 1000; }
  function setPlace(latitude, longitude, message) {
    lat.value = round(latitude);
    lng.value = round(longitude);
    status.textContent = message;
  }

  document.getElementById("use-location").addEventListener("click", function () {
    if (!navigator.geolocation) { status.textContent = script.dataset.unavailable; return; }
    navigator.geolocation.getCurrentPosition(
      function (position) {
        setPlace(position.coords.latitude, position.coords.longitude, script.dataset.located);
      },
      function () { status.textContent = script.dataset.unavailable; },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 }
    );
  });

  function loadLeaflet(done) {
    if (window.L) { done(); return; }
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = script.dataset.leafletCss;
    document.head.appendChild(css);
    var js = document.createElement("script");
    js.src = script.dataset.leafletJs;
    js.onload = done;
    document.head.appendChild(js);
  }

  // Leaflet guesses its default icon's folder from the page's address (a 404 under
  // /es/report/); the pin comes from our static files instead.
  function pin() {
    return L.icon({
      iconUrl: script.dataset.markerIcon,
      iconRetinaUrl: script.dataset.markerIcon2x,
      shadowUrl: script.dataset.markerShadow,
      iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [1, -34], shadowSize: [41, 41]
    });
  }

  document.getElementById("pick-on-map").addEventListener("click", function () {
    mapBox.hidden = false;
    loadLeaflet(function () {
      if (mapBox.dataset.ready) { return; }
      mapBox.dataset.ready = "1";
      var map = L.map(mapBox).setView([33.97, -118.25], 13);
      L.tileLayer(script.dataset.tiles, { attribution: script.dataset.attribution, maxZoom: 18 }).addTo(map);
      var marker = null;
      map.on("click", function (event) {
        if (marker) { marker.setLatLng(event.latlng); } else { marker = L.marker(event.latlng, { icon: pin() }).addTo(map); }
        setPlace(event.latlng.lat, event.latlng.lng, script.dataset.picked);
      });
    });
  });
})();
