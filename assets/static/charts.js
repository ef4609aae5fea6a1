// Palaute dashboard: draws each chart from the options in its JSON block.
// The canvas renderer and text tooltips (renderMode richText, set by the
// server) need no inline style, so the page's CSP holds.
(function () {
  'use strict';
  document.querySelectorAll('[data-chart]').forEach(function (el) {
    var options = JSON.parse(document.getElementById('chart-' + el.dataset.chart).textContent);
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption(options);
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();
