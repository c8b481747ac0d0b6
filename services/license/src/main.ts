import { runService } from '@timekeeper/service-kit';
import { licenseService } from './service';

void runService(licenseService);
