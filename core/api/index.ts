export * from './names';
export * from './errors';
export * from './domain';
export * from './calls';
export * from './events';
export * from './client';
export * from './text';
export type { ProviderView } from './calls-providers';
export type { RatersReport } from './calls-raters';
