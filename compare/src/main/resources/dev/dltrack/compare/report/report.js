/* Draws the report's charts from the JSON in #report-data with uPlot; makes tables sortable.
   Every name from the logs goes into the page as text (textContent), never as markup. */
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('report-data').textContent);
  var charts = [];

  var PALETTE = [
    [31, 119, 180], [255, 127, 14], [44, 160, 44], [214, 39, 40], [148, 103, 189], [140, 86, 75],
    [227, 119, 194], [127, 127, 127], [188, 189, 34], [23, 190, 207], [57, 59, 121], [173, 73, 74]
  ];
  /* A run's colour: its own across every chart. */
  function color(run, alpha) {
    var a = alpha == null ? 1 : alpha;
    if (run < PALETTE.length) {
      var c = PALETTE[run];
      return 'rgba(' + c[0] + ',' + c[1] + ',' + c[2] + ',' + a + ')';
    }
    return 'hsla(' + ((run * 137.508) % 360).toFixed(1) + ',65%,45%,' + a + ')';
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text != null) e.textContent = text;
    return e;
  }

  function fmt(v) {
    if (v == null) return '—';
    var a = Math.abs(v);
    return a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toExponential(3) : String(+v.toPrecision(4));
  }

  /* Axis labels to four significant digits: uPlot's own repeat themselves on small ranges. */
  function ticks(u, splits) {
    return splits.map(fmt);
  }

  /* A tooltip that follows the cursor and reads describe(u, idx, focusedSeries). */
  function tooltip(describe) {
    var tip;
    var focused = null;
    return {
      hooks: {
        init: function (u) {
          tip = el('div', 'tip');
          tip.style.display = 'none';
          u.over.appendChild(tip);
        },
        setSeries: function (u, s) {
          focused = s;
        },
        setCursor: function (u) {
          var text = u.cursor.idx == null ? null : describe(u, u.cursor.idx, focused);
          if (!text) {
            tip.style.display = 'none';
            return;
          }
          tip.textContent = text;
          tip.style.display = 'block';
          var left = u.cursor.left + 12;
          if (left + tip.offsetWidth > u.over.clientWidth) left = u.cursor.left - tip.offsetWidth - 12;
          tip.style.left = Math.max(0, left) + 'px';
          tip.style.top = Math.max(0, u.cursor.top - 28) + 'px';
        }
      }
    };
  }

  function card(parent, title) {
    var c = el('div', 'card');
    var head = el('div', 'card-head');
    head.appendChild(el('h4', null, title));
    c.appendChild(head);
    var plot = el('div', 'plot');
    c.appendChild(plot);
    parent.appendChild(c);
    return { card: c, head: head, plot: plot };
  }

  /* Charts are drawn when they come near the window, as TensorBoard does: a sweep's report holds
     well over a hundred, and drawing them all would keep the page from opening quickly. */
  var observer = typeof IntersectionObserver === 'function'
      ? new IntersectionObserver(onVisible, { rootMargin: '800px 0px' })
      : null;
  var firstVisible = true;

  function onVisible(entries) {
    entries.forEach(function (e) {
      if (e.isIntersecting) draw(charts[Number(e.target.dataset.chart)]);
    });
    if (firstVisible) {
      firstVisible = false;
      rendered();
    }
  }

  function draw(chart) {
    if (chart.u) return;
    if (observer) observer.unobserve(chart.plot);
    chart.build();
  }

  /* Says when the charts in view are drawn: uPlot draws in a microtask, so a task queued now runs
     after them. */
  function rendered() {
    setTimeout(function () {
      document.body.dataset.renderedMs = performance.now().toFixed(1);
      document.body.dataset.charts = String(charts.length);
      document.dispatchEvent(new Event('report-rendered'));
    }, 0);
  }

  /* Adds a chart of table whose options make(log) gives; a scale toggle builds it again. */
  function addChart(plot, height, table, make, logToggle, head) {
    var chart = { plot: plot, height: height, log: false, u: null };
    chart.build = function () {
      var shown = chart.u ? chart.u.series.map(function (s) { return s.show; }) : null;
      if (chart.u) chart.u.destroy();
      var opts = make(chart.log);
      opts.width = Math.max(200, plot.clientWidth);
      opts.height = height;
      if (shown) opts.series.forEach(function (s, i) { s.show = shown[i]; });
      chart.u = new uPlot(opts, table, plot);
      plot.style.minHeight = '';
    };
    if (logToggle) {
      var label = el('label');
      var box = el('input');
      box.type = 'checkbox';
      label.appendChild(box);
      label.appendChild(document.createTextNode(' log scale'));
      box.addEventListener('change', function () {
        chart.log = box.checked;
        chart.build();
      });
      head.appendChild(label);
    }
    plot.dataset.chart = String(charts.length);
    charts.push(chart);
    if (observer) {
      plot.style.minHeight = height + 'px';
      observer.observe(plot);
    } else {
      chart.build();
    }
  }

  /* Every run a line over a shared x axis; hover names the run nearest the cursor. */
  function linesChart(parent, title, lines, xLabel, logToggle, describeX) {
    var c = card(parent, title);
    if (lines.length === 0) {
      c.plot.appendChild(el('p', 'empty', 'no data'));
      return;
    }
    var joined = uPlot.join(lines.map(function (l) { return [l.x, l.y]; }));
    addChart(c.plot, 240, joined, function (log) {
      var series = [{ label: xLabel }];
      lines.forEach(function (l) {
        series.push({
          label: data.runs[l.run],
          stroke: color(l.run),
          width: 1.5,
          spanGaps: true,
          points: { show: l.x.length <= 30, size: 5, fill: color(l.run) },
          value: function (u, v) { return fmt(v); }
        });
      });
      return {
        series: series,
        scales: { x: { time: false }, y: { distr: log ? 3 : 1 } },
        axes: [{ label: xLabel }, { size: 60, values: ticks }],
        // uPlot's cursor finds each line's nearest point, skipping the holes of the joined table
        cursor: { focus: { prox: 24 } },
        focus: { alpha: 0.35 },
        legend: { live: true },
        plugins: [tooltip(function (u, i, s) {
          if (s == null || s < 1 || !u.series[s].show) return null;
          var j = u.cursor.idxs[s];
          if (j == null) return null;
          return u.series[s].label + ' · ' + describeX(u.data[0][j], lines[s - 1]) + ' · ' +
              fmt(u.data[s][j]);
        })]
      };
    }, logToggle, c.head);
  }

  /* Each seed group a band over a shared x axis: its mean line, shaded between the ends of the
     95% interval of the mean. Every group has three series (mean, low, high); the legend lists
     the means alone, and hiding a mean hides its interval too. */
  function seedBandsChart(parent, title, bands, logToggle) {
    var c = card(parent, title);
    if (bands.length === 0) {
      c.plot.appendChild(el('p', 'empty', 'no data'));
      return;
    }
    var joined = uPlot.join(bands.map(function (b) { return [b.x, b.mean, b.low, b.high]; }));
    function isMean(i) { return i > 0 && (i - 1) % 3 === 0; }
    addChart(c.plot, 240, joined, function (log) {
      var series = [{ label: 'step' }];
      var fills = [];
      bands.forEach(function (b, k) {
        var name = data.groups[b.group];
        series.push({
          label: name,
          stroke: color(b.group),
          width: 1.5,
          spanGaps: true,
          points: { show: b.x.length <= 30, size: 5, fill: color(b.group) },
          value: function (u, v) { return fmt(v); }
        });
        [' 95% low', ' 95% high'].forEach(function (end) {
          series.push({
            label: name + end,
            stroke: color(b.group, 0.35),
            width: 0.5,
            spanGaps: true,
            points: { show: false }
          });
        });
        fills.push({ series: [3 * k + 3, 3 * k + 2], fill: color(b.group, 0.15) });
      });
      return {
        series: series,
        bands: fills,
        scales: { x: { time: false }, y: { distr: log ? 3 : 1 } },
        axes: [{ label: 'step' }, { size: 60, values: ticks }],
        cursor: { focus: { prox: 24 } },
        focus: { alpha: 0.35 },
        legend: { live: true },
        hooks: {
          init: [function (u) {
            var rows = u.root.querySelectorAll('.u-legend .u-series');
            for (var i = 1; i < rows.length; i++) if (!isMean(i)) rows[i].style.display = 'none';
          }],
          setSeries: [function (u, i, opts) {
            if (i == null || !isMean(i) || opts.show == null) return;
            u.setSeries(i + 1, { show: opts.show });
            u.setSeries(i + 2, { show: opts.show });
          }]
        },
        plugins: [tooltip(function (u, i, s) {
          if (s == null || s < 1) return null;
          var m = s - (s - 1) % 3;
          if (!u.series[m].show) return null;
          var j = u.cursor.idxs[m];
          if (j == null || u.data[m][j] == null) return null;
          var b = bands[(m - 1) / 3];
          var at = b.x.indexOf(u.data[0][j]);
          var n = at < 0 ? 0 : b.n[at];
          var interval = u.data[m + 1][j] == null ? '' :
              ' · 95% CI [' + fmt(u.data[m + 1][j]) + ', ' + fmt(u.data[m + 2][j]) + ']';
          return u.series[m].label + ' · step ' + u.data[0][j] + ' · mean ' + fmt(u.data[m][j]) +
              interval + ' · ' + n + (n === 1 ? ' seed' : ' seeds');
        })]
      };
    }, logToggle, c.head);
  }

  var BANDS = ['min', 'p6.7', 'p15.9', 'p30.9', 'median', 'p69.1', 'p84.1', 'p93.3', 'max'];

  /* One run's percentiles over steps as nested bands around the median. */
  function bandChart(parent, tag, band) {
    var c = card(parent, data.runs[band.run]);
    c.card.title = tag + ' — ' + data.runs[band.run];
    var table = [band.x].concat(band.p);
    addChart(c.plot, 170, table, function () {
      var series = [{ label: 'step' }];
      BANDS.forEach(function (name, k) {
        series.push({
          label: name,
          stroke: k === 4 ? color(band.run) : color(band.run, 0.25),
          width: k === 4 ? 1.5 : 0.5,
          points: { show: false }
        });
      });
      var bands = [];
      for (var k = 0; k < 4; k++) {
        bands.push({ series: [9 - k, k + 1], fill: color(band.run, 0.1 + 0.07 * k) });
      }
      return {
        series: series,
        bands: bands,
        scales: { x: { time: false } },
        axes: [{}, { size: 56, values: ticks }],
        legend: { show: false },
        cursor: { points: { show: false } },
        plugins: [tooltip(function (u, i) {
          var d = u.data;
          return 'step ' + d[0][i] + ' · median ' + fmt(d[5][i]) + ' · 68% [' + fmt(d[3][i]) + ', ' +
              fmt(d[7][i]) + '] · range [' + fmt(d[1][i]) + ', ' + fmt(d[9][i]) + ']';
        })]
      };
    }, false);
  }

  function scalars() {
    var root = document.getElementById('scalar-charts');
    if (data.scalars.length === 0) root.appendChild(el('p', 'empty', 'No run logged a scalar.'));
    data.scalars.forEach(function (section) {
      root.appendChild(el('div', 'section-title', section.title));
      var grid = el('div', 'grid');
      root.appendChild(grid);
      section.charts.forEach(function (chart) {
        if (data.groups.length > 0) {
          seedBandsChart(grid, chart.tag, chart.bands, chart.logScale);
        } else {
          linesChart(grid, chart.tag, chart.lines, 'step', chart.logScale,
              function (x) { return 'step ' + x; });
        }
      });
    });
  }

  function histograms() {
    var root = document.getElementById('histogram-charts');
    if (data.histograms.length === 0) root.appendChild(el('p', 'empty', 'No run logged a histogram.'));
    data.histograms.forEach(function (h) {
      root.appendChild(el('h3', null, h.tag));
      var first = el('div', 'grid wide');
      root.appendChild(first);
      linesChart(first, h.tag + ': first distribution of each run (density)', h.initial, 'value',
          false, function (x, line) { return 'value ' + fmt(x) + ' (step ' + line.step + ')'; });
      var grid = el('div', 'grid small');
      root.appendChild(grid);
      h.bands.forEach(function (band) { bandChart(grid, h.tag, band); });
    });
  }

  function prCurves() {
    var root = document.getElementById('pr-charts');
    if (data.prCurves.length === 0) root.appendChild(el('p', 'empty', 'No run logged a PR curve.'));
    var grid = el('div', 'grid');
    root.appendChild(grid);
    data.prCurves.forEach(function (pr) {
      linesChart(grid, pr.tag, pr.curves, 'recall', false, function (x, curve) {
        return 'recall ' + fmt(x) + ' (step ' + curve.step + ')';
      });
    });
  }

  /* Click a heading to sort by it; again to reverse. Missing values stay last. */
  function sortableTables() {
    Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
      var heads = table.tHead.rows[table.tHead.rows.length - 1].cells;
      Array.prototype.forEach.call(heads, function (th, col) {
        th.addEventListener('click', function () {
          var dir = th.dataset.dir === 'asc' ? 'desc' : 'asc';
          Array.prototype.forEach.call(heads, function (h) { delete h.dataset.dir; });
          th.dataset.dir = dir;
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = a.cells[col].dataset.v;
            var y = b.cells[col].dataset.v;
            var xMissing = x === '' || x === 'NaN';
            var yMissing = y === '' || y === 'NaN';
            if (xMissing || yMissing) return xMissing - yMissing;
            var nx = Number(x);
            var ny = Number(y);
            var c = isNaN(nx) || isNaN(ny) ? x.localeCompare(y) : nx - ny;
            return dir === 'asc' ? c : -c;
          });
          rows.forEach(function (r) { body.appendChild(r); });
        });
      });
    });
  }

  var resizing = false;
  window.addEventListener('resize', function () {
    if (resizing) return;
    resizing = true;
    requestAnimationFrame(function () {
      resizing = false;
      charts.forEach(function (c) {
        if (c.u) c.u.setSize({ width: Math.max(200, c.plot.clientWidth), height: c.height });
      });
    });
  });

  // a printout needs every chart
  window.addEventListener('beforeprint', function () { charts.forEach(draw); });

  sortableTables();
  scalars();
  histograms();
  prCurves();
  if (!observer || charts.length === 0) rendered();
})();
