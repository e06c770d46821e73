// What the remote adapters share: HTTP under deadlines, errors worded for people, bounded retries,
// polling and output checks, all on an injected fetch and clock.
export { cleanupContext } from './cleanup';
export { systemClock, type Clock } from './clock';
export { openContext, REMOTE_DEFAULTS, type DiffusionServerOptions, type RemoteContext, type RemoteOptions } from './context';
export { checkOutputImage, downloadImage, type CheckedImage } from './download';
export { PROVIDER_FAULTS, ProviderError, providerWords, redact, seconds, type ProviderFault } from './errors';
export { cancelled, describeRequest, parseReply, send, sendOk, statusError, type HttpRequest, type HttpResponse } from './http';
export { serverLogin } from './login';
export { pollUntil } from './poll';
export { DEFAULT_RETRY, pause, withRetries, type RetryPolicy } from './retry';
export { parseRetryAfter, retryAfterFromText } from './retry-after';
export { fitSize, imagePlaceholder, prepareSource, type Size } from './source';
