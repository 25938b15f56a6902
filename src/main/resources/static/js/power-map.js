// The electricity-carbon map (docs: power module, issue 15): Leshan's counties coloured by one hour's consumption
// intensity (gCO2/kWh), counties without their own data marked "provincial grid"; the heat map hour of day × day of a
// year with MODELLED hours dotted. Data come from the page (#power-map-data, #power-heat-data); boundaries from the
// GeoJSON path in #power-map's data-geojson (features named by adcode).
(function () {
  if (typeof echarts === 'undefined') return;
  function font() { return getComputedStyle(document.body).fontFamily; }
  function read(id) {
    var el = document.getElementById(id);
    if (!el) return null;
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }
  var palette = ['#1a9850', '#91cf60', '#d9ef8b', '#fee08b', '#fc8d59', '#d73027'];

  var mapEl = document.getElementById('power-map');
  var mapData = read('power-map-data');
  if (mapEl && mapData && mapData.counties) {
    var d = mapEl.dataset;
    var values = mapData.counties.filter(function (c) { return c.value != null; }).map(function (c) { return Number(c.value); });
    var lo = values.length ? Math.min.apply(null, values) : 0;
    var hi = values.length ? Math.max.apply(null, values) : 1;
    if (hi - lo < 1) { lo = Math.max(0, lo - 10); hi = hi + 10; }
    fetch(d.geojson, { credentials: 'same-origin' }).then(function (r) { return r.json(); }).then(function (geo) {
      // names by GB/T 2260 code, as text: the map's data items are named by code
      (geo.features || []).forEach(function (f) {
        f.properties = f.properties || {};
        f.properties.ppCode = String(f.properties.adcode != null ? f.properties.adcode : f.properties.name);
      });
      echarts.registerMap('power-counties', geo);
      var chart = echarts.init(mapEl);
      chart.setOption({
        animation: false,
        textStyle: { fontFamily: font() },
        tooltip: {
          trigger: 'item',
          formatter: function (p) {
            var c = p.data && p.data.county;
            if (!c) return p.name;
            var text = c.name + '<br>' + (c.value == null ? d.nodata : Number(c.value).toFixed(1) + ' ' + d.unit);
            if (c.provincial) text += '<br>' + d.provincial;
            if (c.source === 'MODELLED') text += '<br>' + d.modelled;
            if (c.synthetic) text += '<br>' + d.synthetic;
            return text;
          }
        },
        visualMap: {
          type: 'continuous', min: Math.floor(lo), max: Math.ceil(hi), left: 8, bottom: 8, calculable: false,
          text: [d.unit, ''], inRange: { color: palette }
        },
        series: [{
          type: 'map', map: 'power-counties', nameProperty: 'ppCode', roam: false, selectedMode: false,
          layoutCenter: ['55%', '50%'], layoutSize: '98%',
          label: {
            show: true, fontSize: 11,
            formatter: function (p) {
              var c = p.data && p.data.county;
              if (!c) return '';
              return c.name.replace('彝族自治县', '') + '\n' + (c.value == null ? '—' : Number(c.value).toFixed(0)) + (c.provincial ? '*' : '');
            }
          },
          itemStyle: { borderColor: '#555', borderWidth: 0.8 },
          emphasis: { label: { show: true }, itemStyle: { areaColor: null } },
          data: mapData.counties.map(function (c) {
            return { name: c.code, value: c.value == null ? null : Number(c.value), county: c,
              itemStyle: c.provincial ? { borderType: 'dashed' } : undefined };
          })
        }]
      });
      window.addEventListener('resize', function () { chart.resize(); });
      mapEl.setAttribute('data-drawn', 'true');
    });
  }

  var heatEl = document.getElementById('power-heatmap');
  var heat = read('power-heat-data');
  if (heatEl && heat && heat.cells && heat.cells.length) {
    var h = heatEl.dataset;
    var hours = [];
    for (var i = 0; i < 24; i++) hours.push((i < 10 ? '0' : '') + i + ':00');
    var cells = heat.cells.map(function (c) { return [c[0], c[1], Number(c[2])]; });
    var modelled = heat.cells.filter(function (c) { return c[3] === 1; }).map(function (c) { return [c[0], c[1]]; });
    var series = [{
      name: h.unit, type: 'heatmap', data: cells, progressive: 0
    }];
    if (modelled.length) {
      series.push({ name: h.modelled, type: 'scatter', data: modelled, symbolSize: 2, itemStyle: { color: '#333' }, silent: true });
    }
    var hc = echarts.init(heatEl);
    hc.setOption({
      animation: false,
      textStyle: { fontFamily: font() },
      legend: modelled.length ? { data: [h.modelled], top: 0, right: 8 } : undefined,
      title: h.synthetic ? { text: h.synthetic, right: 140, top: 0, textStyle: { fontSize: 12, color: '#b05000' } } : undefined,
      tooltip: {
        formatter: function (p) {
          if (p.seriesType !== 'heatmap') return '';
          var m = modelled.some(function (x) { return x[0] === p.value[0] && x[1] === p.value[1]; });
          return heat.year + '-' + heat.days[p.value[0]] + ' ' + hours[p.value[1]] + '<br>' + p.value[2].toFixed(1) + ' ' + h.unit
            + (m ? '<br>' + h.modelled : '');
        }
      },
      grid: { left: 56, right: 24, top: 28, bottom: 56 },
      xAxis: { type: 'category', data: heat.days,
        axisLabel: { interval: function (idx, v) { return v.slice(3) === '01'; } }, splitArea: { show: false } },
      yAxis: { type: 'category', data: hours, inverse: true, axisLabel: { interval: 2 } },
      visualMap: {
        type: 'continuous', min: Math.floor(Number(heat.min)), max: Math.ceil(Number(heat.max)), orient: 'horizontal', left: 'center',
        bottom: 0, itemHeight: 240, calculable: false, text: [h.unit, ''], inRange: { color: palette }, seriesIndex: 0
      },
      series: series
    });
    window.addEventListener('resize', function () { hc.resize(); });
    heatEl.setAttribute('data-drawn', 'true');
  }
})();
