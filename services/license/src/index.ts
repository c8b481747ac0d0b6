export { licenseService } from './service';
