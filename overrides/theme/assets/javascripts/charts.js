/* tippack run charts: draw the figures typed into a table as lines over the chart's grid.
 *
 * A chart (figure[data-tp-chart]) names its table's fragment id, the table rows to plot
 * and how many months the table has. The figures come from the table's own cells on this
 * page (restored from this browser by answers.js), so a chart shows exactly what was
 * typed, on this device, and is redrawn as figures change. A cell that is not a number
 * leaves a gap. Nothing is stored by this script and nothing is sent anywhere.
 *
 * Plain ES2017, no dependencies, no network.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var LEFT = 60, RIGHT = 630, TOP = 20, BOTTOM = 260;

  function number(text) {
    var cleaned = String(text || "").replace(/[,\s%]/g, "");
    if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
    return parseFloat(cleaned);
  }

  function cells(tableId, row, months) {
    var values = [];
    for (var c = 1; c <= months; c += 1) {
      var cell = document.getElementById(tableId + "--r" + row + "c" + c);
      values.push(cell ? number(cell.value) : null);
    }
    return values;
  }

  function element(name, attrs) {
    var el = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (key) { el.setAttribute(key, attrs[key]); });
    return el;
  }

  function draw(figure) {
    var svg = figure.querySelector("svg");
    var tableId = figure.getAttribute("data-tp-chart");
    var months = parseInt(figure.getAttribute("data-tp-months"), 10) || 6;
    var rows = (figure.getAttribute("data-tp-rows") || "").split(",").filter(Boolean);
    Array.prototype.slice.call(svg.querySelectorAll(".tp-chart__data")).forEach(function (el) { el.remove(); });
    var series = rows.map(function (row) { return cells(tableId, row, months); });
    var all = [].concat.apply([], series).filter(function (v) { return v !== null; });
    if (!all.length) return;
    var top = Math.max.apply(null, all.concat([1]));
    var bottom = Math.min.apply(null, all.concat([0]));
    function x(i) { return LEFT + (i + 0.5) * (RIGHT - LEFT) / months; }
    function y(v) { return BOTTOM - (v - bottom) / (top - bottom || 1) * (BOTTOM - TOP); }
    var group = element("g", { "class": "tp-chart__data" });
    [bottom, top].forEach(function (v) {
      var label = element("text", { "class": "tp-chart__value", x: LEFT - 6, y: y(v) + 4, "text-anchor": "end" });
      label.textContent = String(Math.round(v * 10) / 10);
      group.appendChild(label);
    });
    series.forEach(function (values, index) {
      var points = [];
      var klass = "tp-chart__series--" + (index + 1);
      values.forEach(function (v, i) {
        if (v === null) {
          if (points.length > 1) group.appendChild(element("polyline", { "class": "tp-chart__line " + klass, points: points.join(" ") }));
          points = [];
          return;
        }
        points.push(x(i) + "," + y(v));
        group.appendChild(element("circle", { "class": "tp-chart__point " + klass, cx: x(i), cy: y(v), r: 4 }));
      });
      if (points.length > 1) group.appendChild(element("polyline", { "class": "tp-chart__line " + klass, points: points.join(" ") }));
    });
    svg.appendChild(group);
  }

  function drawAll() {
    Array.prototype.slice.call(document.querySelectorAll("figure[data-tp-chart]")).forEach(draw);
  }

  /* Listeners are added once, on the document: typing a figure in a table, and answers.js
     putting saved figures back (on load, from a file) or clearing them, redraw the charts. */
  document.addEventListener("input", function (event) {
    if (event.target && event.target.closest && event.target.closest(".tp-item--table")) drawAll();
  });
  document.addEventListener("tippack:answers-changed", drawAll);

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(drawAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
