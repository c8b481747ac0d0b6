import { runService } from '@timekeeper/service-kit';
import { analyticsService } from './service';

void runService(analyticsService);
