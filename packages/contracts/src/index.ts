export * from './services';
export * from './subjects';
