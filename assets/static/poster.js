// Palaute wall screen: turns through the poster's languages, fetches new
// figures once a day, and keeps the last ones on screen through a network
// outage (wall.js, the service worker, serves them from its cache).
'use strict';
(function () {
  var TURN = 20000;          // ms each language stays on screen
  var CHECK = 10 * 60000;    // ms between looks at the date
  var CACHE = 'palaute-wall';
  var blocks = Array.prototype.slice.call(document.querySelectorAll('.lang-block'));
  var at = 0;

  function show(i) {
    blocks.forEach(function (b, j) { b.classList.toggle('current', j === i); });
    document.documentElement.lang = blocks[i].lang;
  }
  if (blocks.length > 1) {
    setInterval(function () { at = (at + 1) % blocks.length; show(at); }, TURN);
  }

  // A new day brings new figures (a new month on the first). Reload only
  // when the server answers, so an outage never blanks the screen.
  var day = new Date().toDateString();
  setInterval(function () {
    if (new Date().toDateString() === day) return;
    fetch(location.href, { cache: 'no-store' }).then(function (res) {
      if (res.ok) location.reload();
    }).catch(function () { /* offline: keep the figures on screen */ });
  }, CHECK);

  // Keep this page and its files so that a restart during an outage
  // still shows the last figures.
  if ('serviceWorker' in navigator && window.caches) {
    navigator.serviceWorker.register('/poster/sw.js', { scope: '/poster' }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function () {
      var files = [location.href];
      document.querySelectorAll('link[rel=stylesheet], script[src]').forEach(function (el) {
        files.push(el.href || el.src);
      });
      return caches.open(CACHE).then(function (cache) { return cache.addAll(files); });
    }).then(function () {
      document.body.dataset.offline = 'ready';
    }).catch(function () { /* the screen works on without it */ });
  }
})();
