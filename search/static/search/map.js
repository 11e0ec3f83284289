/*
 * Maps on the results and residence pages. The list and the address are the real content; the
 * map only appears when this script runs. No inline script: the markers come from a
 * <script type="application/json"> block named by the map element's data-points attribute.
 */
(function () {
  "use strict";

  function readPoints(element) {
    var source = document.getElementById(element.getAttribute("data-points"));
    if (!source) {
      return [];
    }
    try {
      var points = JSON.parse(source.textContent);
      return Array.isArray(points) ? points : [];
    } catch (error) {
      return [];
    }
  }

  function popupContent(point) {
    // Built as DOM nodes, never as HTML strings: titles come from editors.
    var wrapper = document.createElement("div");
    var title = document.createElement(point.url ? "a" : "strong");
    if (point.url) {
      title.href = point.url;
    }
    title.textContent = (point.position ? point.position + ". " : "") + point.title;
    wrapper.appendChild(title);
    if (point.place) {
      var place = document.createElement("div");
      place.textContent = point.place;
      wrapper.appendChild(place);
    }
    return wrapper;
  }

  function showMap(element) {
    var points = readPoints(element);
    if (!window.L || points.length === 0) {
      return;
    }
    element.hidden = false;
    var map = window.L.map(element, { scrollWheelZoom: false });
    window.L.tileLayer(element.getAttribute("data-tile-url"), {
      attribution: element.getAttribute("data-attribution") || "",
      maxZoom: 18,
    }).addTo(map);
    var bounds = [];
    points.forEach(function (point) {
      var label = (point.position ? point.position + ". " : "") + point.title;
      window.L.marker([point.lat, point.lon], { title: label, alt: label, keyboard: true })
        .bindPopup(popupContent(point))
        .addTo(map);
      bounds.push([point.lat, point.lon]);
    });
    if (bounds.length === 1) {
      map.setView(bounds[0], 14);
    } else {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 });
    }
  }

  function start() {
    document.querySelectorAll("[data-points]").forEach(showMap);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
