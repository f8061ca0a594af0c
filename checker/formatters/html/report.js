/* claimlint HTML report: lazy documents, filters, search and links to findings.
   Each document's body waits in a template element until it is opened, scrolled near or printed;
   filters work on the notes wherever they are (template or page). No network, no eval. */
(function () {
  'use strict';
  var sections = Array.prototype.slice.call(document.querySelectorAll('section.doc'));
  var form = document.getElementById('filters');
  var search = document.getElementById('search');
  var fileFilter = document.getElementById('file-filter');
  var status = document.getElementById('status');
  var findings = document.getElementById('findings');
  var timer = null;

  function rootOf(section) {
    return section.dataset.rendered ? section.querySelector('.body')
      : section.querySelector('template').content;
  }

  function render(section) {
    if (section.dataset.rendered) { return; }
    section.querySelector('.body').appendChild(section.querySelector('template').content);
    section.dataset.rendered = '1';
    if (observer) { observer.unobserve(section); }
  }

  function renderAll() { sections.forEach(render); }

  var observer = null;
  if ('IntersectionObserver' in window) {
    observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) { if (entry.isIntersecting) { render(entry.target); } });
    }, {rootMargin: '1500px 0px'});
    sections.forEach(function (section) { observer.observe(section); });
  } else {
    renderAll();
  }
  window.addEventListener('beforeprint', renderAll);
  if (window.matchMedia) {
    var print = window.matchMedia('print');
    if (print.addEventListener) {
      print.addEventListener('change', function (event) { if (event.matches) { renderAll(); } });
    }
  }

  function checked(name) {
    var values = {};
    form.querySelectorAll('input[name="' + name + '"]').forEach(function (box) {
      if (box.checked) { values[box.value] = true; }
    });
    return values;
  }

  function any(list, wanted) {
    for (var i = 0; i < list.length; i++) { if (wanted[list[i]]) { return true; } }
    return false;
  }

  function apply() {
    var severities = checked('severity');
    var families = checked('family');
    var file = fileFilter.value;
    var query = search.value.trim().toLowerCase();
    var narrowing = Boolean(query) || form.querySelector('input[type=checkbox]:not(:checked)');
    var total = 0, shown = 0, docs = 0;
    sections.forEach(function (section) {
      var root = rootOf(section);
      var fileOk = !file || section.id === file;
      var pathHit = Boolean(query) && section.dataset.path.toLowerCase().indexOf(query) >= 0;
      var visible = {}, count = 0;
      root.querySelectorAll('.note').forEach(function (note) {
        var ok = fileOk && severities[note.dataset.s] && families[note.dataset.f] &&
          (!query || pathHit || note.textContent.toLowerCase().indexOf(query) >= 0);
        note.classList.toggle('filtered', !ok);
        total += 1;
        if (ok) { visible[note.dataset.n] = true; count += 1; }
      });
      root.querySelectorAll('.ref').forEach(function (ref) {
        ref.classList.toggle('filtered', !visible[ref.dataset.n]);
      });
      root.querySelectorAll('.m').forEach(function (mark) {
        var levels = [];
        mark.classList.forEach(function (name) {
          if (name.indexOf('s-') === 0) { levels.push(name.slice(2)); }
        });
        var on = any(levels, severities) && any(mark.dataset.f.split(' '), families);
        mark.classList.toggle('off', !on);
      });
      var show = fileOk && (count > 0 || !narrowing);
      section.classList.toggle('filtered', !show);
      shown += count;
      docs += show ? 1 : 0;
    });
    status.textContent = 'Showing ' + shown + ' of ' + total + ' findings in ' + docs +
      ' of ' + sections.length + (sections.length === 1 ? ' file.' : ' files.');
  }

  function showFirstFinding() {
    for (var i = 0; i < sections.length; i++) {
      var section = sections[i];
      if (section.classList.contains('filtered')) { continue; }
      render(section);
      var note = section.querySelector('.note:not(.filtered)');
      (note || section).scrollIntoView({block: 'start'});
      return;
    }
    findings.scrollIntoView({block: 'start'});
  }

  function goTo(hash) {
    var match = /^#d(\d+)-[nr]\d+$/.exec(hash) || /^#doc-(\d+)$/.exec(hash);
    if (!match) { return; }
    var section = document.getElementById('doc-' + match[1]);
    if (!section) { return; }
    if (section.classList.contains('filtered')) { form.reset(); apply(); }
    render(section);
    var target = document.getElementById(hash.slice(1));
    target.scrollIntoView({block: target === section ? 'start' : 'center'});
  }

  form.addEventListener('change', apply);
  form.addEventListener('submit', function (event) { event.preventDefault(); apply(); });
  form.addEventListener('reset', function () { setTimeout(apply, 0); });
  search.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 150);
  });
  document.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-code], button[data-family]');
    if (button) {
      form.reset();
      if (button.dataset.code) {
        search.value = button.dataset.code;
      } else {
        form.querySelectorAll('input[name="family"]').forEach(function (box) {
          box.checked = box.value === button.dataset.family;
        });
      }
      apply();
      showFirstFinding();
      return;
    }
    var link = event.target.closest('a[href^="#d"]');
    if (link) { goTo(link.getAttribute('href')); }
  });
  window.addEventListener('hashchange', function () { goTo(location.hash); });
  apply();
  if (location.hash) { goTo(location.hash); }
}());
