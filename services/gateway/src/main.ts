import { runService } from '@timekeeper/service-kit';
import { gatewayService } from './service';

void runService(gatewayService);
