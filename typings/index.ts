export * from './errors';
import './zod-messages';
export * from './login';
