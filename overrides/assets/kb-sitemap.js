// Material fetches a sitemap.xml beside every <link rel="alternate">, but only the language roots have
// one: answer the others with the empty one beside this script, so that no reader's browser makes
// failing requests. Loaded in <head>, before Material's bundle. The Content-Security-Policy allows no
// data: requests, hence a file of this site.
(function () {
  var root = new URL(document.querySelector('meta[name="kb-root"]').content, location.href).href;
  var empty = new URL("empty-sitemap.xml", document.currentScript.src).href;
  var langs = Array.prototype.map.call(document.querySelectorAll('link[rel="alternate"][hreflang]'), function (link) {
    return link.hreflang;
  }).filter(function (lang) { return /^[a-z]{2,3}$/.test(lang); });
  var real = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    var href = new URL(String(url), location.href).href;
    if (/\/sitemap\.xml$/.test(href) && (href.indexOf(root) !== 0 || langs.indexOf(href.slice(root.length).split("/")[0]) < 0
        || href.slice(root.length).split("/").length !== 2)) {
      args[1] = empty;
    }
    return real.apply(this, args);
  };
})();
