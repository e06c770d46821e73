import type { Ensemble } from './ensemble';
import { HIDDEN_1, HIDDEN_2 } from './mlp';
import { encodeOnnxModel, type GraphNode, type Initializer } from './onnx-graph';

export const HEAD_INPUT = 'features';
export const HEAD_OUTPUT = 'ratings';

/**
 * The ensemble as one ONNX graph: `features` [batch, D] → standardise (Sub, Div) → per head
 * Gemm-Relu-Gemm-Relu-Gemm-Sigmoid-Mul(4)-Add(1) → Concat → `ratings` [batch, heads]. Mean and
 * spread over the heads are taken by the caller from that one output.
 */
export function ensembleToOnnx(ensemble: Ensemble, metadata: Record<string, string> = {}): Uint8Array {
  const d = ensemble.standardiser.mean.length;
  const initializers: Initializer[] = [
    { name: 'feature_mean', dims: [d], values: ensemble.standardiser.mean },
    { name: 'feature_scale', dims: [d], values: ensemble.standardiser.scale },
    { name: 'four', dims: [], values: Float32Array.of(4) },
    { name: 'one', dims: [], values: Float32Array.of(1) },
  ];
  const nodes: GraphNode[] = [
    { op: 'Sub', inputs: [HEAD_INPUT, 'feature_mean'], outputs: ['centred'] },
    { op: 'Div', inputs: ['centred', 'feature_scale'], outputs: ['standardised'] },
  ];
  const headOutputs: string[] = [];
  ensemble.heads.forEach((head, h) => {
    const p = `head${h}_`;
    initializers.push(
      { name: `${p}w1`, dims: [d, HIDDEN_1], values: head.w1 },
      { name: `${p}b1`, dims: [HIDDEN_1], values: head.b1 },
      { name: `${p}w2`, dims: [HIDDEN_1, HIDDEN_2], values: head.w2 },
      { name: `${p}b2`, dims: [HIDDEN_2], values: head.b2 },
      { name: `${p}w3`, dims: [HIDDEN_2, 1], values: head.w3 },
      { name: `${p}b3`, dims: [1], values: head.b3 },
    );
    nodes.push(
      { op: 'Gemm', inputs: ['standardised', `${p}w1`, `${p}b1`], outputs: [`${p}z1`] },
      { op: 'Relu', inputs: [`${p}z1`], outputs: [`${p}h1`] },
      { op: 'Gemm', inputs: [`${p}h1`, `${p}w2`, `${p}b2`], outputs: [`${p}z2`] },
      { op: 'Relu', inputs: [`${p}z2`], outputs: [`${p}h2`] },
      { op: 'Gemm', inputs: [`${p}h2`, `${p}w3`, `${p}b3`], outputs: [`${p}z3`] },
      { op: 'Sigmoid', inputs: [`${p}z3`], outputs: [`${p}s`] },
      { op: 'Mul', inputs: [`${p}s`, 'four'], outputs: [`${p}scaled`] },
      { op: 'Add', inputs: [`${p}scaled`, 'one'], outputs: [`${p}rating`] },
    );
    headOutputs.push(`${p}rating`);
  });
  nodes.push({ op: 'Concat', inputs: headOutputs, outputs: [HEAD_OUTPUT], attributes: { axis: { int: 1 } } });
  return encodeOnnxModel({
    name: 'latina_reward_ensemble',
    inputs: [{ name: HEAD_INPUT, shape: ['batch', d] }],
    outputs: [{ name: HEAD_OUTPUT, shape: ['batch', ensemble.heads.length] }],
    nodes,
    initializers,
    metadata: { ...metadata, heads: String(ensemble.heads.length), features: String(d) },
    docString: 'Photorealism reward model: standardised features → MLP heads (256 → 128 → 1, sigmoid·4+1), one rating per head.',
  });
}
