export { analyticsService } from './service';
