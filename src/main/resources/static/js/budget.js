// ECharts of the budget pages (docs/adr/0016): budget vs used vs forecast per county (bars), and a holder's monthly
// path (cumulative budget path, use, forecast) once execution feeds #monthly-path-data; tCO2 throughout.
(function () {
  function font() { return getComputedStyle(document.body).fontFamily; }
  // tonnes on an axis: 万 (10^4) in Chinese, M (10^6) otherwise
  function axisTonnes(v) {
    return (document.documentElement.lang || '').indexOf('zh') === 0 ? (v / 10000) + '万' : (v / 1000000) + 'M';
  }
  function read(id) {
    var el = document.getElementById(id);
    if (!el) return null;
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }
  if (typeof echarts === 'undefined') return;

  var barsEl = document.getElementById('budget-chart');
  var bars = read('budget-chart-data') || [];
  if (barsEl && bars.length) {
    var d = barsEl.dataset;
    var series = [{ name: d.budget, type: 'bar', barMaxWidth: 22, itemStyle: { color: '#1f6f50' },
      data: bars.map(function (b) { return b.budget; }) }];
    if (bars.some(function (b) { return b.used != null; })) {
      series.push({ name: d.used, type: 'bar', barMaxWidth: 22, itemStyle: { color: '#4a90d9' },
        data: bars.map(function (b) { return b.used; }) });
    }
    if (bars.some(function (b) { return b.forecast != null; })) {
      series.push({ name: d.forecast, type: 'bar', barMaxWidth: 22, itemStyle: { color: '#e0a030' },
        data: bars.map(function (b) { return b.forecast; }) });
    }
    var chart = echarts.init(barsEl);
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: font() },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, right: 0 },
      grid: { left: 16, right: 16, top: 44, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: bars.map(function (b) { return b.name; }),
        axisLabel: { interval: 0, rotate: 35, width: 90, overflow: 'truncate', ellipsis: '…' } },
      yAxis: { type: 'value', name: d.unit, axisLabel: { formatter: axisTonnes } },
      series: series
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }

  // the allocation workspace: each compared method's budget per county, side by side
  var cmpEl = document.getElementById('comparison-chart');
  var cmp = read('comparison-data');
  if (cmpEl && cmp && cmp.methods && cmp.methods.length) {
    var palette = ['#1f6f50', '#4a90d9', '#e0a030', '#9b59b6', '#c0392b', '#7f8c8d'];
    var cc = echarts.init(cmpEl);
    cc.setOption({
      animation: false,
      textStyle: { fontFamily: font() },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, right: 0 },
      grid: { left: 16, right: 16, top: 44, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: cmp.names, axisLabel: { interval: 0, rotate: 30, width: 90, overflow: 'truncate', ellipsis: '…' } },
      yAxis: { type: 'value', name: cmpEl.dataset.unit, axisLabel: { formatter: axisTonnes } },
      series: cmp.methods.map(function (m, i) {
        return { name: m.label, type: 'bar', barMaxWidth: 16, itemStyle: { color: palette[i % palette.length] }, data: m.budgets };
      })
    });
    window.addEventListener('resize', function () { cc.resize(); });
  }

  var pathEl = document.getElementById('monthly-path');
  var path = read('monthly-path-data');
  var empty = document.getElementById('monthly-path-empty');
  if (pathEl) {
    if (!path || !path.months || !path.months.length) {
      pathEl.style.display = 'none';
      return;
    }
    if (empty) empty.style.display = 'none';
    var p = pathEl.dataset;
    var lines = [{ name: p.path, type: 'line', data: path.path_t, lineStyle: { type: 'dashed' }, itemStyle: { color: '#1f6f50' } }];
    if (path.used_t) lines.push({ name: p.used, type: 'line', data: path.used_t, itemStyle: { color: '#4a90d9' } });
    if (path.forecast_t) lines.push({ name: p.forecast, type: 'line', data: path.forecast_t, lineStyle: { type: 'dotted' }, itemStyle: { color: '#e0a030' } });
    var c = echarts.init(pathEl);
    c.setOption({
      animation: false,
      textStyle: { fontFamily: font() },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 16, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: path.months },
      yAxis: { type: 'value', name: p.unit },
      series: lines
    });
    window.addEventListener('resize', function () { c.resize(); });
  }
})();
