export {
  checkEndpoint,
  chooseSecret,
  endpointOrigin,
  HTTP_API,
  isLoopbackHost,
  sameEndpoint,
  secretParameters,
  withoutSecretParameters,
  type EndpointRules,
  type SecretChoice,
} from './policy';
