// ECharts for the cockpit: progress bars per group, and an item's history with its targets.
window.PeakPilotCharts = (function () {
  const colors = { ACHIEVED: '#1f8f4e', ON_TRACK: '#4a90d9', AT_RISK: '#e0a100', OFF_TRACK: '#d0453a',
    NO_DATA: '#9aa5ae', TARGET_MISSING: '#8a5cc2', PROVISIONAL: '#b0a48a' };
  function data() { return JSON.parse(document.getElementById('chart-data').textContent); }
  // Charts draw their text with the page's fonts (CJK first), not the canvas default.
  function textStyle() { return { fontFamily: getComputedStyle(document.body).fontFamily }; }
  // Item names are long: labels get a fixed width (truncated; the tooltip has the full name), so the groups' bars line up.
  const LABEL_WIDTH = 270;

  function progress(axisName, labels) {
    data().forEach(function (group) {
      const el = document.getElementById('chart-' + group.group);
      if (!el) return;
      const chart = echarts.init(el);
      const bars = group.bars.slice().reverse();
      chart.setOption({
        animation: false,
        textStyle: textStyle(),
        grid: { left: LABEL_WIDTH + 16, right: 70, top: 10, bottom: 44 },
        tooltip: { trigger: 'item', formatter: function (p) {
          const b = bars[p.dataIndex];
          return escape(b.code + ' ' + b.name) + '<br>' + escape(labels[b.status]) + (b.percent == null ? '' : ' · ' + b.percent + '%');
        } },
        xAxis: { type: 'value', min: 0, max: 100, name: axisName, nameLocation: 'middle', nameGap: 22,
          axisLabel: { formatter: '{value}%' } },
        yAxis: { type: 'category', data: bars.map(function (b) { return b.code + ' ' + b.name; }),
          axisLabel: { width: LABEL_WIDTH, overflow: 'truncate', ellipsis: '…' } },
        series: [{ type: 'bar', barMaxWidth: 18,
          data: bars.map(function (b) { return { value: b.percent == null ? 0 : b.percent,
            itemStyle: { color: colors[b.status] },
            label: b.percent == null ? { color: colors[b.status] } : undefined }; }),
          label: { show: true, position: 'right', formatter: function (p) {
            const b = bars[p.dataIndex]; return b.percent == null ? labels[b.status] : b.percent + '%'; } } }]
      });
      window.addEventListener('resize', function () { chart.resize(); });
    });
  }

  // Tooltips are HTML: plan texts go in as text.
  function escape(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; });
  }

  function history(names) {
    const d = data();
    const el = document.getElementById('history-chart');
    if (!el) return;
    // Years on a value axis, so that 2025 → 2030 is five steps wide and the path keeps its true slope.
    function byYear(series) { return series.map(function (p) { return [Number(p[0]), p[1]]; }); }
    const provisional = d.provisional || [];
    const years = [].concat(d.values, d.targets, d.path, provisional).map(function (p) { return Number(p[0]); });
    const first = Math.min.apply(null, years), last = Math.max.apply(null, years);
    // A spare year at each end keeps the points off the chart's edges; those two years get no label.
    const xAxis = { type: 'value', interval: 1, splitLine: { show: false }, axisLabel: { formatter: function (v) {
      return v >= first && v <= last ? String(v) : ''; } } };
    if (years.length) {
      xAxis.min = first - 1;
      xAxis.max = last + 1;
    }
    const chart = echarts.init(el);
    chart.setOption({
      animation: false,
      textStyle: textStyle(),
      tooltip: { trigger: 'item', formatter: function (p) {
        return p.marker + escape(p.seriesName) + '<br>' + p.value[0] + ': ' + p.value[1] + ' ' + escape(d.unit); } },
      legend: { data: [names.values, names.targets, names.path].concat(provisional.length ? [names.provisional] : []) },
      grid: { left: 50, right: 30, top: 40, bottom: 30 },
      xAxis: xAxis,
      yAxis: { type: 'value', name: d.unit, scale: true },
      series: [
        { name: names.values, type: 'line', data: byYear(d.values), symbolSize: 8, itemStyle: { color: '#1f6f50' }, connectNulls: false },
        { name: names.targets, type: 'scatter', data: byYear(d.targets), symbol: 'diamond', symbolSize: 14, itemStyle: { color: '#d0453a' } },
        { name: names.path, type: 'line', data: byYear(d.path), lineStyle: { type: 'dashed' }, itemStyle: { color: '#9aa5ae' }, symbol: 'none' },
        // Provisional values (incomplete data) stand apart as hollow points: not joined to the observed line.
        { name: names.provisional, type: 'scatter', data: byYear(provisional), symbol: 'emptyCircle', symbolSize: 10,
          itemStyle: { color: colors.PROVISIONAL } }
      ]
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }
  return { progress: progress, history: history };
})();
