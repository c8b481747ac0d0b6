export { createTimecardService, timecardService, type TimecardOptions } from './service';
