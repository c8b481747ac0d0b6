import { runService } from '@timekeeper/service-kit';
import { exportService } from './service';

void runService(exportService);
