import { runService } from '@timekeeper/service-kit';
import { adminService } from './service';

void runService(adminService);
