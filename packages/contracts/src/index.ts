export * from './services';
export * from './subjects';
export * from './limits';
export * from './errors';
export * from './custom-id';
export * from './routing';
export * from './commands';
export * from './schemas';
