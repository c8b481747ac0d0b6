export * from './codec';
export * from './common';
export * from './events';
export * from './interaction';
export * from './jobs';
export * from './license';
