// An enterprise's electricity carbon by hour or day (kgCO2 by the hourly intensity vs by the yearly factor, kWh on a
// second axis, hours or days with missing data marked) and its green windows (the profile's hours coloured by class).
(function () {
  if (typeof echarts === 'undefined') return;
  function font() { return getComputedStyle(document.body).fontFamily; }
  function read(id) {
    var el = document.getElementById(id);
    if (!el) return null;
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }
  function num(v) { return v == null ? null : Number(v); }

  var el = document.getElementById('hourly-chart');
  var data = read('hourly-chart-data');
  if (el && data && data.labels) {
    var d = el.dataset;
    var marks = [];
    data.missing.forEach(function (m, i) { if (m > 0) marks.push({ coord: [i, 0], value: m }); });
    var chart = echarts.init(el);
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: font() },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, right: 0 },
      grid: { left: 16, right: 16, top: 44, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.labels },
      yAxis: [{ type: 'value', name: 'kgCO2' }, { type: 'value', name: 'kWh', splitLine: { show: false } }],
      series: [
        { name: d.hourly, type: 'bar', data: data.hourlyKg.map(num), itemStyle: { color: '#1f6f50' }, barMaxWidth: 14,
          markPoint: marks.length ? { symbol: 'triangle', symbolSize: 8, itemStyle: { color: '#c0392b' }, label: { show: false },
            data: marks.slice(0, 400) } : undefined },
        { name: d.yearly, type: 'bar', data: data.yearlyKg.map(num), itemStyle: { color: '#b0b8c0' }, barMaxWidth: 14 },
        { name: d.kwh, type: 'line', yAxisIndex: 1, data: data.kwh.map(num), showSymbol: false, itemStyle: { color: '#4a90d9' } }
      ]
    });
    window.addEventListener('resize', function () { chart.resize(); });
    el.setAttribute('data-drawn', 'true');
  }

  var wel = document.getElementById('windows-chart');
  var w = read('windows-chart-data');
  if (wel && w && w.labels) {
    var t = wel.dataset;
    var colours = { GREEN: '#1a9850', DIRTY: '#d73027', NORMAL: '#c8c8c8' };
    var wc = echarts.init(wel);
    var load = [];
    w.labels.forEach(function (l, i) { var v = w.load ? w.load[i % 24] : null; load.push(v == null ? null : Number(v)); });
    wc.setOption({
      animation: false,
      textStyle: { fontFamily: font() },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, right: 0, data: [t.unit, t.load] },
      grid: { left: 16, right: 16, top: 44, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: w.labels, axisLabel: { interval: 5 } },
      yAxis: [{ type: 'value', name: t.unit }, { type: 'value', name: 'kWh', splitLine: { show: false } }],
      series: [
        { name: t.unit, type: 'bar', barCategoryGap: '10%',
          data: w.values.map(function (v, i) { return { value: v == null ? null : Number(v), itemStyle: { color: colours[w.classes[i]] } }; }) },
        { name: t.load, type: 'line', yAxisIndex: 1, data: load, showSymbol: false, itemStyle: { color: '#4a90d9' } }
      ]
    });
    window.addEventListener('resize', function () { wc.resize(); });
    wel.setAttribute('data-drawn', 'true');
  }
})();
