export { timecardService } from './service';
