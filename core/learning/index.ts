// What happens after a rating, off the request path: the listener of the store's ratings signal and
// the reward model's retraining schedule. It sits below the contract's handlers (core/service).
export { listenToRatings, type AfterRatingsDeps, type AfterRatingsStep } from './after-ratings';
export { createRetraining, RETRAIN_EVERY, type Retraining, type RetrainingDeps } from './retraining';
