/// Minimal ECharts host: tree-shaken echarts/core, one instance per mount, options replaced (notMerge),
/// resized with its container, disposed on unmount.
import { useEffect, useRef } from "react";
import * as echarts from "echarts/core";
import { BarChart, LineChart, MapChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([BarChart, LineChart, PieChart, MapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export { echarts };

export default function EChart({ option, height = 300, onClick, testId = "chart", ariaLabel }) {
  const element = useRef(null);
  const chart = useRef(null);
  const clickHandler = useRef(onClick);
  clickHandler.current = onClick;

  useEffect(() => {
    chart.current = echarts.init(element.current, null, { renderer: "canvas" });
    chart.current.on("click", (params) => clickHandler.current?.(params));
    const observer = typeof ResizeObserver !== "undefined" ? new ResizeObserver(() => chart.current?.resize()) : null;
    observer?.observe(element.current);
    return () => {
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={element} className="sd-echart" data-testid={testId} role="img" aria-label={ariaLabel} style={{ height }} />;
}
