// Palaute dashboard: draws each chart from the options in its JSON block.
// Labels arrive HTML-escaped from the server, so tooltips show text only.
(function () {
  'use strict';
  document.querySelectorAll('[data-chart]').forEach(function (el) {
    var options = JSON.parse(document.getElementById('chart-' + el.dataset.chart).textContent);
    var chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(options);
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();
