// ECharts for a year's city inventory: tCO2 by sector (each industry's enterprises, then the sectors the office enters).
(function () {
  const el = document.getElementById('inventory-chart');
  if (!el || typeof echarts === 'undefined') return;
  const bars = JSON.parse(document.getElementById('chart-data').textContent);
  const chart = echarts.init(el);
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 16, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: bars.map(function (b) { return b.name; }),
      axisLabel: { interval: 0, rotate: 30, width: 110, overflow: 'truncate', ellipsis: '…' } },
    yAxis: { type: 'value', name: el.dataset.unit },
    series: [{ type: 'bar', barMaxWidth: 36,
      data: bars.map(function (b) { return { value: b.co2T,
        itemStyle: { color: b.kind === 'enterprise' ? '#1f6f50' : '#4a90d9' } }; }) }]
  });
  window.addEventListener('resize', function () { chart.resize(); });
})();
