/*
 * Maps on the results and residence pages, loaded only when the visitor asks for one.
 *
 * The list and the address are the real content. Leaflet (about 160 KB) would double the weight
 * of these pages, so the page only carries this file and a [data-map] block rendered `hidden`:
 * a "Toon op de kaart" button, an empty live region, the map element and a
 * <script type="application/json"> block with the markers (no inline script: strict CSP).
 * The first click adds Leaflet's stylesheet and script (URLs from data-leaflet-css and
 * data-leaflet-js, rendered with {% static %} so hashed file names work) and then draws the map.
 */
(function () {
  "use strict";

  var leaflet = { state: "idle", waiting: [] };

  function readPoints(mapElement) {
    var source = document.getElementById(mapElement.getAttribute("data-points"));
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

  function finishLoading(succeeded) {
    leaflet.state = succeeded ? "ready" : "idle";
    var waiting = leaflet.waiting;
    leaflet.waiting = [];
    waiting.forEach(function (callback) {
      callback(succeeded);
    });
  }

  function addFile(tagName, attributes, onDone) {
    var element = document.createElement(tagName);
    element.addEventListener("load", function () {
      onDone(true, element);
    });
    element.addEventListener("error", function () {
      onDone(false, element);
    });
    Object.keys(attributes).forEach(function (name) {
      element[name] = attributes[name];
    });
    document.head.appendChild(element);
  }

  // Calls back once both files have arrived, or with false if either failed (a later click
  // tries again). Both maps on a page share the one download.
  function loadLeaflet(cssUrl, jsUrl, callback) {
    if (leaflet.state === "ready") {
      callback(true);
      return;
    }
    leaflet.waiting.push(callback);
    if (leaflet.state === "loading") {
      return;
    }
    leaflet.state = "loading";
    var pending = 2;
    var failed = false;
    var added = [];
    function onDone(succeeded, element) {
      added.push(element);
      failed = failed || !succeeded;
      pending -= 1;
      if (pending > 0) {
        return;
      }
      if (failed) {
        added.forEach(function (file) {
          file.remove();
        });
      }
      finishLoading(!failed && Boolean(window.L));
    }
    addFile("link", { rel: "stylesheet", href: cssUrl }, onDone);
    addFile("script", { src: jsUrl, async: true }, onDone);
  }

  function pointLabel(point) {
    return (point.position ? point.position + ". " : "") + point.title;
  }

  function popupContent(point) {
    // Built as DOM nodes, never as HTML strings: titles come from editors.
    var wrapper = document.createElement("div");
    var title = document.createElement(point.url ? "a" : "strong");
    if (point.url) {
      title.href = point.url;
    }
    title.textContent = pointLabel(point);
    wrapper.appendChild(title);
    if (point.place) {
      var place = document.createElement("div");
      place.textContent = point.place;
      wrapper.appendChild(place);
    }
    return wrapper;
  }

  function drawMap(mapElement, points) {
    var map = window.L.map(mapElement, { scrollWheelZoom: false });
    window.L.tileLayer(mapElement.getAttribute("data-tile-url"), {
      attribution: mapElement.getAttribute("data-attribution") || "",
      maxZoom: 18,
    }).addTo(map);
    var bounds = [];
    points.forEach(function (point) {
      var label = pointLabel(point);
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
    return map;
  }

  function Widget(root) {
    this.root = root;
    this.button = root.querySelector("[data-map-toggle]");
    this.status = root.querySelector("[data-map-status]");
    this.mapElement = document.getElementById(this.button.getAttribute("aria-controls"));
    this.points = this.mapElement ? readPoints(this.mapElement) : [];
    this.showLabel = this.button.textContent.trim();
    this.map = null;
    this.loading = false;
  }

  Widget.prototype.say = function (attributeName) {
    this.status.textContent = attributeName ? this.status.getAttribute(attributeName) : "";
  };

  Widget.prototype.setOpen = function (open) {
    this.mapElement.hidden = !open;
    this.button.setAttribute("aria-expanded", open ? "true" : "false");
    this.button.textContent = open ? this.button.getAttribute("data-label-hide") : this.showLabel;
    this.root.classList.toggle("map-widget--open", open);
  };

  Widget.prototype.open = function () {
    var widget = this;
    if (widget.map) {
      widget.setOpen(true);
      widget.map.invalidateSize();
      return;
    }
    if (widget.loading) {
      return;
    }
    widget.loading = true;
    widget.button.setAttribute("aria-busy", "true");
    widget.say("data-loading");
    loadLeaflet(
      widget.mapElement.getAttribute("data-leaflet-css"),
      widget.mapElement.getAttribute("data-leaflet-js"),
      function (succeeded) {
        widget.loading = false;
        widget.button.removeAttribute("aria-busy");
        if (!succeeded) {
          widget.say("data-failed");
          return;
        }
        widget.say(null);
        // Leaflet measures its container, so the map is drawn after it becomes visible.
        widget.setOpen(true);
        widget.map = drawMap(widget.mapElement, widget.points);
      }
    );
  };

  Widget.prototype.close = function () {
    // Focus inside a hidden map would be lost (Safari does not focus a clicked button, so focus
    // can still be on a marker); it returns to the button that opened the map.
    var focusWasInMap = this.mapElement.contains(document.activeElement);
    this.setOpen(false);
    if (focusWasInMap) {
      this.button.focus();
    }
  };

  Widget.prototype.start = function () {
    var widget = this;
    if (!widget.mapElement || widget.points.length === 0) {
      return;
    }
    widget.root.hidden = false;
    widget.button.addEventListener("click", function () {
      if (widget.button.getAttribute("aria-expanded") === "true") {
        widget.close();
      } else {
        widget.open();
      }
    });
  };

  function start() {
    document.querySelectorAll("[data-map]").forEach(function (root) {
      if (root.querySelector("[data-map-toggle]") && root.querySelector("[data-map-status]")) {
        new Widget(root).start();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
