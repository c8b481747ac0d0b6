import { runService } from '@timekeeper/service-kit';
import { timecardService } from './service';

void runService(timecardService);
