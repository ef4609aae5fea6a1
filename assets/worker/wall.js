// Palaute wall-screen service worker. The page puts its own copy and its
// files in the cache; this worker answers from the network while there is
// one, refreshing the copy, and from the cache when there is none, so a
// lobby screen restarted during an outage shows the last figures.
'use strict';

var CACHE = 'palaute-wall';

self.addEventListener('install', function () { self.skipWaiting(); });
self.addEventListener('activate', function (event) { event.waitUntil(self.clients.claim()); });

self.addEventListener('fetch', function (event) {
  var req = event.request;
  if (req.method !== 'GET') return;
  var url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname !== '/poster' && url.pathname.indexOf('/static/') !== 0) return;
  event.respondWith(fetch(req).then(function (res) {
    if (res.ok) {
      var copy = res.clone();
      caches.open(CACHE).then(function (cache) { cache.put(req, copy); });
    }
    return res;
  }).catch(function () {
    return caches.match(req, { ignoreVary: true }).then(function (hit) { return hit || Response.error(); });
  }));
});
