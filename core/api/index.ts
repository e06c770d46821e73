export * from './names';
export * from './errors';
export * from './domain';
export * from './calls';
export * from './events';
export * from './client';
export type { ProviderView } from './calls-providers';
