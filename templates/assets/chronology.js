// Filters the chronology by entity and topic in the page itself, so it works from file://.
// The choice is kept in the URL (?entity=…&topic=…) so a filtered view can be shared.
(function () {
  'use strict';

  // The interface strings of the site's language come from assets/strings.js, a script loaded
  // before this one (a page opened from disk may not fetch data); without it, keys show.
  var tr = window.dossierTr || function (key) { return key; };

  function start() {
    var form = document.getElementById('chrono-filter');
    if (!form) return;
    // On a chronology split by year, the overview lists years, each with what its entries name.
    var entries = document.querySelectorAll('.entry[data-entities], .chrono-years li[data-entities]');
    var groups = document.querySelectorAll('.chrono-group, .chrono-month, .chrono-year');
    var count = form.querySelector('.chrono-count');
    var links = document.querySelectorAll('a[data-keep-filter]');
    var params = new URLSearchParams(window.location.search);
    ['entity', 'topic'].forEach(function (name) {
      var wanted = params.get(name) || '';
      var select = form.elements[name];
      for (var i = 0; i < select.options.length; i++) {
        if (select.options[i].value === wanted) select.value = wanted;
      }
      // A year of a split chronology lists only what its entries name; a filter kept from
      // another year's page may name nothing here, and then shows nothing rather than all.
      if (wanted && select.value !== wanted) {
        select.add(new Option(wanted, wanted));
        select.value = wanted;
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
      if (count) {
        count.textContent = entity || topic
          ? tr('js_chronology_shown', { shown: shown, n: entries.length })
          : tr('js_count_entries', { n: entries.length });
      }
      var query = [];
      if (entity) query.push('entity=' + encodeURIComponent(entity));
      if (topic) query.push('topic=' + encodeURIComponent(topic));
      var search = query.length ? '?' + query.join('&') : '';
      // The pages of the other years keep the filter.
      links.forEach(function (a) {
        a.setAttribute('href', a.getAttribute('href').split('?')[0] + search);
      });
      if (remember) {
        var url = window.location.pathname + search;
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
