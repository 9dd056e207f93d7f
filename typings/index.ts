export * from './errors';
export * from './login';
