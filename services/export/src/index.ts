export { exportService } from './service';
