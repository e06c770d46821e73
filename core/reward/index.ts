// The reward model (Phase 2). Maths in math/ (no Node built-ins); I/O beside it.
export { CLIP_MANIFEST, ClipManifestSchema, loadClipEncoder, readClipManifest, sha256OfFile, type ClipEncoder, type ClipManifest, type ClipStatus } from './clip';
export { decodeForFeatures, UndecodableImageError } from './decode';
export { CLIP_MEAN, CLIP_STD, clipPixelValues } from './math/clip-preprocess';
export { DEFAULT_ENSEMBLE_OPTIONS, predictEnsemble, trainEnsemble, type Ensemble, type EnsembleOptions, type EnsembleTraining, type Prediction, type RewardSample } from './math/ensemble';
export { canny } from './math/canny';
export { CLASSICAL_FEATURE_NAMES, CLASSICAL_FEATURE_VERSION, classicalFeatures } from './math/features';
export { rewardMetrics, type RewardMetrics } from './math/metrics';
export { encodeOnnxModel, type GraphSpec } from './math/onnx-graph';
export { agreementOf, type Agreement, type PredictedPair } from './math/agreement';
export { DEFAULT_PAIRWISE_THRESHOLD, MIN_TRAINING_SAMPLES, READY_MIN_SAMPLES, readiness, type Readiness } from './math/readiness';
export { modelsFolder, openModelFile, writeModelFile, type RewardModelSession } from './model-files';
export { ModelFileError, openOnnxSession } from './onnx-session';
export { createRewardWorker, WORKER_CLOSED, type RewardWorker } from './worker-host';
export { createRewardEngine, type ModelReport, type RewardEngine, type RewardEngineDeps } from './engine';
