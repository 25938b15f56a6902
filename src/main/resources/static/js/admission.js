// The admission pages (项目碳评与准入): the application form's line table (units narrowed to those the chosen
// factor accepts, parks to the chosen county, a product's unit filled in), the htmx buttons that add or remove a line
// (their data-op goes with the form), and the city's path with and without the project (ECharts line), drawn on the
// page and again whenever htmx swaps a new assessment in. tCO2 throughout; no inline script (CSP).
(function () {
  function font() { return getComputedStyle(document.body).fontFamily; }
  function zh() { return (document.documentElement.lang || '').indexOf('zh') === 0; }
  function axisTonnes(v) { return zh() ? (v / 10000) + '万' : (v / 1000000) + 'M'; }

  // a button's data-op (add, addProduct, remove:3) goes with the form htmx posts
  document.addEventListener('htmx:configRequest', function (ev) {
    var op = ev.detail.elt && ev.detail.elt.getAttribute('data-op');
    if (op) ev.detail.parameters.op = op;
  });

  function narrowUnits(row) {
    var type = row.querySelector('.type-select');
    var factor = row.querySelector('.factor-select');
    var unit = row.querySelector('.unit-select');
    if (!unit) return;
    var chosen = factor && factor.selectedOptions[0];
    var list = chosen && chosen.value ? chosen.getAttribute('data-units')
      : (type && type.selectedOptions[0] ? type.selectedOptions[0].getAttribute('data-units') : null);
    var allowed = list ? list.split(',') : null;
    var first = null;
    Array.prototype.forEach.call(unit.options, function (o) {
      var ok = !allowed || allowed.indexOf(o.value) >= 0;
      o.hidden = !ok;
      if (ok && first === null) first = o;
    });
    if (unit.selectedOptions[0] && unit.selectedOptions[0].hidden && first) unit.value = first.value;
  }

  function narrowParks() {
    var county = document.getElementById('f-county');
    var park = document.getElementById('f-park');
    if (!county || !park) return;
    Array.prototype.forEach.call(park.options, function (o) {
      var c = o.getAttribute('data-county');
      o.hidden = !!(c && county.value && c !== county.value);
    });
    if (park.selectedOptions[0] && park.selectedOptions[0].hidden) park.value = '';
  }

  function prepare(root) {
    root.querySelectorAll('tr.line-row').forEach(narrowUnits);
    narrowParks();
  }

  document.addEventListener('change', function (ev) {
    var t = ev.target;
    if (t.classList.contains('factor-select') || t.classList.contains('type-select')) {
      narrowUnits(t.closest('tr'));
    }
    else if (t.id === 'f-county') {
      narrowParks();
    }
    else if (t.classList.contains('product-select')) {
      var unit = t.closest('tr').querySelector('.unit-cell');
      var o = t.selectedOptions[0];
      if (unit && o && o.getAttribute('data-unit')) unit.value = o.getAttribute('data-unit');
    }
  });

  function drawPath(root) {
    if (typeof echarts === 'undefined') return;
    var el = root.querySelector ? root.querySelector('#path-chart') : null;
    var dataEl = root.querySelector ? root.querySelector('#path-data') : null;
    if (!el || !dataEl) return;
    var path;
    try { path = JSON.parse(dataEl.textContent); } catch (e) { path = null; }
    if (!path || !path.years || !path.years.length) { el.style.display = 'none'; return; }
    var d = el.dataset;
    var existing = echarts.getInstanceByDom(el);
    if (existing) existing.dispose();
    var chart = echarts.init(el);
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: font() },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: path.years },
      yAxis: { type: 'value', name: d.unit, scale: true, axisLabel: { formatter: axisTonnes } },
      series: [
        { name: d.without, type: 'line', data: path.without_t, itemStyle: { color: '#4a90d9' } },
        { name: d.with, type: 'line', data: path.with_t, lineStyle: { type: 'dashed' }, itemStyle: { color: '#c0392b' } }
      ]
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }

  // the assessment's errors name their fields (lines[2].unit): mark those fields on the form
  function markFields() {
    var form = document.getElementById('admission-form');
    if (!form) return;
    form.querySelectorAll('.js-invalid').forEach(function (el) { el.classList.remove('invalid', 'js-invalid'); });
    document.querySelectorAll('#assess-errors [data-field]').forEach(function (e) {
      var name = e.getAttribute('data-field');
      if (!name) return;
      var field = form.querySelector('[name="' + name.replace(/"/g, '') + '"]');
      if (!field) {
        // an error of a whole line (lines[2]) marks the line's type
        field = form.querySelector('[name="' + name.replace(/"/g, '') + '.type"]');
      }
      var box = field && (field.closest('td') || field.closest('label'));
      if (box && !box.classList.contains('invalid')) box.classList.add('invalid', 'js-invalid');
    });
  }

  document.addEventListener('htmx:afterSwap', function (ev) {
    markFields();
    // the assessment (or its errors) is answered beside the form's top: bring it into view
    if (ev.detail && ev.detail.target && ev.detail.target.id === 'assessment') {
      ev.detail.target.closest('aside').scrollIntoView({ block: 'start' });
    }
    prepare(document);
    drawPath(document);
  });
  document.addEventListener('DOMContentLoaded', function () {
    prepare(document);
    drawPath(document);
  });
  if (document.readyState !== 'loading') {
    prepare(document);
    drawPath(document);
  }
})();
