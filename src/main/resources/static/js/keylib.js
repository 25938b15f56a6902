// ECharts of the key-project library (docs/adr/0018): count and investment (亿元, 100M CNY) by domain and by county,
// and the stage mix. Data from #keylib-chart-data (the dashboard's groups).
(function () {
  if (typeof echarts === 'undefined') return;
  var el = document.getElementById('keylib-chart-data');
  var data;
  try { data = JSON.parse(el.textContent); } catch (e) { return; }
  var en = (document.documentElement.lang || '').indexOf('en') === 0;
  function font() { return getComputedStyle(document.body).fontFamily; }
  function yi(v) { return Math.round(Number(v) / 100) / 100; }
  function bars(id, groups, label) {
    var box = document.getElementById(id);
    if (!box || !groups) return;
    var chart = echarts.init(box);
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: font() },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, right: 0 },
      grid: { left: 16, right: 16, top: 44, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: groups.map(label),
        axisLabel: { interval: 0, rotate: 35, width: 110, overflow: 'truncate', ellipsis: '…' } },
      // the axes' units are in the legend; the right axis (亿元) would not fit a name
      yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', splitLine: { show: false } }],
      series: [
        { name: box.dataset.count, type: 'bar', barMaxWidth: 18, itemStyle: { color: '#1f6f50' }, data: groups.map(function (g) { return g.count; }) },
        { name: box.dataset.investment, type: 'bar', yAxisIndex: 1, barMaxWidth: 18, itemStyle: { color: '#4a90d9' },
          data: groups.map(function (g) { return yi(g.investment_10k_cny); }) }
      ]
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }
  bars('keylib-domain-chart', data.domains, function (g) { return en && g.name_en ? g.name_en : g.name; });
  bars('keylib-county-chart', data.counties, function (g) { return g.name; });
  var stageBox = document.getElementById('keylib-stage-chart');
  if (stageBox && data.stages) {
    var names = {};
    document.querySelectorAll('#stage-mix tr').forEach(function (tr) { names[tr.dataset.stage] = tr.cells[0].textContent; });
    var pie = echarts.init(stageBox);
    pie.setOption({
      animation: false,
      textStyle: { fontFamily: font() },
      tooltip: { trigger: 'item' },
      color: ['#b0a48a', '#e0a030', '#4a90d9', '#1f6f50'],
      series: [{ type: 'pie', radius: ['35%', '65%'], label: { formatter: '{b}: {c}' },
        data: data.stages.map(function (g) { return { name: names[g.key] || g.key, value: g.count }; }) }]
    });
    window.addEventListener('resize', function () { pie.resize(); });
  }
})();
