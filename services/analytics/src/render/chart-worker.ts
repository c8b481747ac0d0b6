/** The chart thread: renders what `ChartRenderer` sends and answers with the PNG. */
import { parentPort } from 'node:worker_threads';
import { renderChart, type ChartRequest } from './charts';

parentPort?.on('message', (message: { id: number; request: ChartRequest }) => {
  renderChart(message.request).then(
    (png) => parentPort?.postMessage({ id: message.id, png }),
    (error: unknown) => parentPort?.postMessage({ id: message.id, error: String(error) }),
  );
});
