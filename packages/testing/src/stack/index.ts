export {
  Stack,
  ServiceNotBuiltError,
  findRepoRoot,
  type StackDiscord,
  type StackOptions,
  type StartServiceOptions,
} from './stack';
export {
  ServiceProcess,
  ServiceStartError,
  metricValue,
  type ServiceExit,
  type ServiceProcessOptions,
} from './service-process';
