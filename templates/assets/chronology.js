// Filters the chronology by entity and topic in the page itself, so it works from file://.
// The choice is kept in the URL (?entity=…&topic=…) so a filtered view can be shared.
(function () {
  'use strict';

  // The interface strings of the site's language, from assets/strings.js, a script loaded
  // before this one (a page opened from disk may not fetch them); without it, keys show.
  var STRINGS = window.DOSSIER_STRINGS || {};

  // The string `key` with {name} replaced by args.name; with args.n, its form for one or more.
  function tr(key, args) {
    args = args || {};
    var text = 'n' in args && STRINGS[key + '_one'] !== undefined
      ? STRINGS[key + (args.n === 1 ? '_one' : '_other')]
      : STRINGS[key];
    return (text === undefined ? key : text).replace(/\{([a-z0-9_]+)\}/g, function (whole, name) {
      return name in args ? String(args[name]) : whole;
    });
  }

  function start() {
    var form = document.getElementById('chrono-filter');
    if (!form) return;
    var entries = document.querySelectorAll('.entry[data-entities]');
    var groups = document.querySelectorAll('.chrono-group, .chrono-month, .chrono-year');
    var count = form.querySelector('.chrono-count');
    var params = new URLSearchParams(window.location.search);
    ['entity', 'topic'].forEach(function (name) {
      var wanted = params.get(name) || '';
      var select = form.elements[name];
      for (var i = 0; i < select.options.length; i++) {
        if (select.options[i].value === wanted) select.value = wanted;
      }
    });
    function has(list, value) {
      return !value || (' ' + list + ' ').indexOf(' ' + value + ' ') !== -1;
    }
    function apply(remember) {
      var entity = form.elements.entity.value;
      var topic = form.elements.topic.value;
      var shown = 0;
      entries.forEach(function (li) {
        var match = has(li.getAttribute('data-entities'), entity) && has(li.getAttribute('data-topics'), topic);
        li.hidden = !match;
        if (match) shown++;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector('.entry:not([hidden])');
      });
      count.textContent = entity || topic
        ? tr('js_chronology_shown', { shown: shown, n: entries.length })
        : tr('js_count_entries', { n: entries.length });
      if (remember) {
        var query = [];
        if (entity) query.push('entity=' + encodeURIComponent(entity));
        if (topic) query.push('topic=' + encodeURIComponent(topic));
        var url = window.location.pathname + (query.length ? '?' + query.join('&') : '');
        // Some browsers refuse to change the URL of a file:// page; the filter works regardless.
        try { window.history.replaceState(null, '', url); } catch (e) { /* keep the old URL */ }
      }
    }
    form.addEventListener('change', function () { apply(true); });
    form.addEventListener('submit', function (event) { event.preventDefault(); });
    form.hidden = false;
    apply(false);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
