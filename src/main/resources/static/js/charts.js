// ECharts for the cockpit: progress bars per group, and an item's history with its targets.
window.PeakPilotCharts = (function () {
  const colors = { ACHIEVED: '#1f8f4e', ON_TRACK: '#4a90d9', AT_RISK: '#e0a100', OFF_TRACK: '#d0453a',
    NO_DATA: '#9aa5ae', TARGET_MISSING: '#8a5cc2' };
  function data() { return JSON.parse(document.getElementById('chart-data').textContent); }
  function trim(s) { return s.length > 22 ? s.substring(0, 21) + '…' : s; }

  function progress(axisName, labels) {
    data().forEach(function (group) {
      const el = document.getElementById('chart-' + group.group);
      if (!el) return;
      const chart = echarts.init(el);
      const bars = group.bars.slice().reverse();
      chart.setOption({
        animation: false,
        grid: { left: 10, right: 60, top: 10, bottom: 30, containLabel: true },
        tooltip: { trigger: 'item', formatter: function (p) {
          const b = bars[p.dataIndex];
          return b.code + ' ' + b.name + '<br>' + labels[b.status] + (b.percent == null ? '' : ' · ' + b.percent + '%');
        } },
        xAxis: { type: 'value', min: 0, max: 100, name: axisName, nameLocation: 'middle', nameGap: 22,
          axisLabel: { formatter: '{value}%' } },
        yAxis: { type: 'category', data: bars.map(function (b) { return b.code + ' ' + trim(b.name); }) },
        series: [{ type: 'bar', barMaxWidth: 18,
          data: bars.map(function (b) { return { value: b.percent == null ? 0 : b.percent,
            itemStyle: { color: colors[b.status] } }; }),
          label: { show: true, position: 'right', formatter: function (p) {
            const b = bars[p.dataIndex]; return b.percent == null ? labels[b.status] : b.percent + '%'; } } }]
      });
      window.addEventListener('resize', function () { chart.resize(); });
    });
  }

  function history(names) {
    const d = data();
    const el = document.getElementById('history-chart');
    if (!el) return;
    const years = new Set();
    [d.values, d.targets, d.path].forEach(function (s) { s.forEach(function (p) { years.add(p[0]); }); });
    const axis = Array.from(years).sort();
    const chart = echarts.init(el);
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { data: [names.values, names.targets, names.path] },
      grid: { left: 50, right: 30, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: axis },
      yAxis: { type: 'value', name: d.unit, scale: true },
      series: [
        { name: names.values, type: 'line', data: d.values, symbolSize: 8, itemStyle: { color: '#1f6f50' }, connectNulls: true },
        { name: names.targets, type: 'scatter', data: d.targets, symbol: 'diamond', symbolSize: 14, itemStyle: { color: '#d0453a' } },
        { name: names.path, type: 'line', data: d.path, lineStyle: { type: 'dashed' }, itemStyle: { color: '#9aa5ae' }, symbol: 'none' }
      ]
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }
  return { progress: progress, history: history };
})();
