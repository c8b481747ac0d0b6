export { renderStackedDays, type StackedDaysChart } from './stacked-days';
export { renderHeatmap, type HeatmapChart } from './heatmap';
export { renderBars, type BarsChart } from './bars';
export { renderLines, type LinesChart } from './lines';
export { pngDimensions } from './png';
