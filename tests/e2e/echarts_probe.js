// Init script of every e2e page (tests/e2e/charts.py): find the ECharts instance of a chart shown
// with ui.echarts.show(key=…) and read it. streamlit-echarts renders in the page DOM (components
// v2, no iframe) and keeps its `echarts` namespace private; this script learns every ECharts
// instance as it is made instead (each assigns `_coordSysMgr` in its constructor, caught here by
// a setter on Object.prototype that then defines the object's own property) and publishes
// globalThis.__echarts__.getInstanceByDom. Patching the bundle on its way to the browser did the
// same but needed Playwright's routing, which turns the browser's HTTP cache off: every page
// then compiled the 2.5 MB bundle again.

(() => {
  const made = [];
  Object.defineProperty(Object.prototype, "_coordSysMgr", {
    configurable: true,
    set(value) {
      Object.defineProperty(this, "_coordSysMgr", {value, writable: true, configurable: true,
                                                    enumerable: true});
      if (typeof this.getDom === "function" && typeof this.isDisposed === "function") made.push(this);
    },
  });
  globalThis.__echarts__ = {
    getInstanceByDom: (dom) => made.find((chart) => !chart.isDisposed() && chart.getDom() === dom),
  };
})();

globalThis.__e2eChart = (key) => {
  const dom = document.querySelector(`.st-key-${key} .echarts-container`);
  const echarts = globalThis.__echarts__;
  return dom && echarts ? echarts.getInstanceByDom(dom) : undefined;
};

// Drawn with its data and no animation running: what a user would see and click. Series with
// a looping effect (the map's rippling points) never finish animating: drawn is enough there.
const settled = (chart) => {
  if (!chart || chart.isDisposed()) return false;
  const series = chart.getOption().series || [];
  const looping = series.some((s) => s.type === "effectScatter");
  return series.length > 0 && (looping || chart.getZr().animation.isFinished());
};

globalThis.__e2eChartSettled = (key) => settled(globalThis.__e2eChart(key));

// Every chart on the page settled (for screenshots).
globalThis.__e2eAllSettled = () => {
  const doms = [...document.querySelectorAll(".echarts-container")];
  return doms.length > 0 && doms.every((dom) => settled(globalThis.__echarts__?.getInstanceByDom(dom)));
};

// The element ECharts drew for data item `index` (of the first series that shows it, or of series
// number `only`): its centre in pixels of the chart and the name a click on it reports
// (params.name).
globalThis.__e2eChartItem = (key, index, only = null) => {
  const model = globalThis.__e2eChart(key).getModel();
  for (let s = 0; s < model.getSeriesCount(); s++) {
    if (only !== null && s !== only) continue;
    const data = model.getSeriesByIndex(s).getData();
    const el = index < data.count() ? data.getItemGraphicEl(index) : null;
    if (!el) continue;
    const rect = el.getBoundingRect().clone();
    const transform = el.getComputedTransform();
    if (transform) rect.applyTransform(transform);
    if (rect.width < 2 || rect.height < 2) continue; // a zero bar of a stack
    return {name: data.getName(index), series: s,
            x: rect.x + rect.width / 2, y: rect.y + rect.height / 2};
  }
  return null;
};

// Categories and series as the chart holds them (names and plain values).
globalThis.__e2eChartData = (key) => {
  const option = globalThis.__e2eChart(key).getOption();
  const axis = [...(option.xAxis || []), ...(option.yAxis || [])].find((a) => a.data);
  const value = (d) => (d !== null && typeof d === "object" ? d.value : d);
  return {background: option.backgroundColor ?? null,
          categories: axis ? axis.data.map(String) : [],
          series: option.series.map((s) => ({name: s.name, type: s.type,
                                              data: s.data.map(value)}))};
};

// Every chart on the page drawn and still; true on a page without charts. A chart's component
// (.stBidiComponent) is in the page before its bundle has drawn anything into it.
globalThis.__e2eChartsDone = () => [...document.querySelectorAll(".stBidiComponent")]
  .filter((c) => !c.parentElement.closest(".stBidiComponent"))
  .every((c) => {
    const dom = c.querySelector(".echarts-container");
    return dom && settled(globalThis.__echarts__?.getInstanceByDom(dom));
  });

// The texts ECharts drew in every chart on the page (titles, legends, axis and data labels) with
// their boxes in page pixels: [{chart, text, x, y, w, h}]. Hidden and empty texts are left out.
globalThis.__e2eChartTexts = () => {
  const out = [];
  for (const dom of document.querySelectorAll(".echarts-container")) {
    const chart = globalThis.__echarts__?.getInstanceByDom(dom);
    if (!chart || chart.isDisposed()) continue;
    const key = [...(dom.closest("[class*='st-key-']")?.classList || [])]
      .find((c) => c.startsWith("st-key-")) || "";
    const origin = dom.getBoundingClientRect();
    chart.getZr().storage.getDisplayList(true).forEach((el) => {
      const texts = el.type === "text" ? [el] : [];
      const inner = el.getTextContent && el.getTextContent();
      if (inner && !inner.ignore && !inner.invisible) texts.push(inner);
      for (const t of texts) {
        const text = t.style && t.style.text;
        if (text === undefined || text === null || String(text).trim() === "" || t.invisible) continue;
        const rect = t.getBoundingRect().clone();
        const transform = t.getComputedTransform();
        if (transform) rect.applyTransform(transform);
        out.push({chart: key.slice(7), text: String(text), x: origin.x + rect.x,
                  y: origin.y + rect.y, w: rect.width, h: rect.height});
      }
    });
  }
  return out;
};
