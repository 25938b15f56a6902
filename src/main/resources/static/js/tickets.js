// ECharts of the forestry carbon tickets' trades (issue 14): the price of each transfer, CNY per tCO2, by date; the
// symbol's size grows with the tonnes traded. Data from #ticket-price-data.
(function () {
  if (typeof echarts === 'undefined') return;
  var box = document.getElementById('ticket-price-chart');
  var el = document.getElementById('ticket-price-data');
  if (!box || !el) return;
  var data;
  try { data = JSON.parse(el.textContent); } catch (e) { return; }
  var points = (data.transfers || []).map(function (t) { return [t.on, Number(t.price), Number(t.tonnes)]; });
  var chart = echarts.init(box);
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
    tooltip: { trigger: 'item', formatter: function (p) { return p.value[0] + '<br>' + p.value[1] + ' ' + box.dataset.price + '<br>' + p.value[2] + ' t'; } },
    grid: { left: 16, right: 24, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', name: box.dataset.price, min: 0 },
    series: [{ type: 'line', step: false, data: points, itemStyle: { color: '#1f6f50' },
      symbolSize: function (v) { return Math.max(6, Math.min(30, Math.sqrt(v[2]) / 4)); } }]
  });
  window.addEventListener('resize', function () { chart.resize(); });
})();
