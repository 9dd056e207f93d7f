export * from './errors';
export * from './zod-messages';
export * from './login';
export * from './profile';
