// The monthly report form: shows each fuel's allowed units and defaults, reveals the measured parameters each
// method allows, and posts the form to the stateless calculate endpoint as one types, so that the figures are
// seen before saving. No inline handlers: the page runs under a CSP with a nonce.
(function () {
  'use strict';
  var form = document.getElementById('report-form');
  if (!form) {
    return;
  }
  var figures = document.getElementById('figures');
  var timer = null;
  var sequence = 0;

  function fuelRow(row) {
    var select = row.querySelector('.fuel-select');
    var option = select.options[select.selectedIndex];
    var units = option && option.dataset.units ? option.dataset.units.split(',') : [];
    var unitSelect = row.querySelector('.unit-select');
    var firstAllowed = null;
    Array.prototype.forEach.call(unitSelect.options, function (o) {
      var allowed = units.length === 0 || units.indexOf(o.value) >= 0;
      o.hidden = !allowed;
      o.disabled = !allowed;
      if (allowed && firstAllowed === null) {
        firstAllowed = o;
      }
    });
    var current = unitSelect.options[unitSelect.selectedIndex];
    if ((!current || current.disabled) && firstAllowed) {
      firstAllowed.selected = true;
    }
    var set = function (cls, text) {
      var el = row.querySelector(cls);
      if (el) {
        el.textContent = text;
      }
    };
    var data = option ? option.dataset : {};
    // a raw coal takes the defaults of its class
    var coal = row.querySelector('select[name^="coalClass"]');
    var cls = coal && data.raw === 'true' && coal.value ? coal.options[coal.selectedIndex].dataset : {};
    set('.default-ncv', data.ncv ? data.ncv + ' ' + (data.ncvUnit || '') : '–');
    set('.ncv-unit', data.ncvUnit || '');
    set('.default-cc', data.cc ? data.cc + ' tC/TJ' : (cls.cc ? cls.cc + ' tC/TJ' : '–'));
    set('.default-of', data.of ? data.of + ' %' : (cls.of ? cls.of + ' %' : '–'));
    row.querySelectorAll('.raw-only').forEach(function (el) {
      el.hidden = data.raw !== 'true';
    });
    if (data.raw === 'true') {
      var details = row.querySelector('details.measured');
      if (details) {
        details.open = true;
      }
    }
  }

  function processRow(row) {
    var select = row.querySelector('.method-select');
    var option = select.options[select.selectedIndex];
    var input = option ? option.dataset.input || '' : '';
    row.querySelectorAll('.input-fraction').forEach(function (el) {
      el.hidden = input !== 'fraction';
    });
    row.querySelectorAll('.input-clinker').forEach(function (el) {
      el.hidden = input !== 'clinker';
    });
  }

  function heatRow(row) {
    var unit = row.querySelector('.heat-unit');
    var steam = unit && unit.value === 't';
    row.querySelectorAll('.steam-only').forEach(function (el) {
      el.hidden = !steam;
    });
  }

  function refresh(row) {
    if (row.classList.contains('fuel-row')) {
      fuelRow(row);
    }
    else if (row.classList.contains('process-row')) {
      processRow(row);
    }
    else if (row.classList.contains('heat-row')) {
      heatRow(row);
    }
  }

  function calculate() {
    var mine = ++sequence;
    var body = new URLSearchParams(new FormData(form));
    fetch(form.dataset.calculate, {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      headers: { 'Accept': 'text/html' }
    }).then(function (response) {
      return response.ok ? response.text() : Promise.reject(response.status);
    }).then(function (html) {
      if (mine !== sequence) {
        return; // an answer to an older state of the form
      }
      figures.innerHTML = html;
      form.querySelectorAll('output.row-figure').forEach(function (out) {
        out.textContent = '–';
        out.classList.remove('has-figure');
      });
      figures.querySelectorAll('[data-row-figure]').forEach(function (li) {
        var out = document.getElementById('figure-' + li.dataset.rowFigure);
        var value = li.querySelector('.figure-value');
        if (out && value) {
          out.textContent = value.textContent;
          out.title = value.title || '';
          out.classList.add('has-figure');
        }
      });
    }).catch(function () {
      figures.setAttribute('data-failed', 'true');
    });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(calculate, 350);
  }

  form.querySelectorAll('.form-row').forEach(refresh);
  form.addEventListener('change', function (event) {
    var row = event.target.closest('.form-row');
    if (row) {
      refresh(row);
    }
    schedule();
  });
  form.addEventListener('input', schedule);
  calculate();
})();
