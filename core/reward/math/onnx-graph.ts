import { ATTRIBUTE_FLOAT, ATTRIBUTE_INT, FLOAT, ModelProto } from './onnx-proto';

/** A dimension: a fixed size, or a name for a size chosen at run time (the batch). */
export type Dim = number | string;

export interface TensorSpec {
  name: string;
  shape: Dim[];
}

export interface GraphNode {
  op: string;
  inputs: string[];
  outputs: string[];
  attributes?: Record<string, { int: number } | { float: number }>;
}

export interface Initializer {
  name: string;
  dims: number[];
  values: Float32Array;
}

export interface GraphSpec {
  name: string;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  nodes: GraphNode[];
  initializers: Initializer[];
  /** Free-form key/value pairs stored in the model (feature set, training date …). */
  metadata?: Record<string, string>;
  docString?: string;
}

/** ONNX IR version 8 with the default-domain opset 13: every op used here exists there unchanged. */
export const IR_VERSION = 8;
export const OPSET = 13;

function floatBytes(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  // TensorProto.raw_data is little-endian whatever the host's byte order.
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return bytes;
}

const valueInfo = ({ name, shape }: TensorSpec) => ({
  name,
  type: {
    tensor_type: {
      elem_type: FLOAT,
      shape: { dim: shape.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) },
    },
  },
});

/** Encodes a float32 graph as ONNX model bytes (protobuf), ready for onnxruntime. */
export function encodeOnnxModel(spec: GraphSpec): Uint8Array {
  for (const init of spec.initializers) {
    const expected = init.dims.reduce((a, b) => a * b, 1);
    if (expected !== init.values.length) throw new Error(`initializer ${init.name}: ${init.values.length} values for dims ${init.dims.join('×')}`);
  }
  const message = ModelProto.fromObject({
    ir_version: IR_VERSION,
    producer_name: 'latina-rating-workstation',
    opset_import: [{ domain: '', version: OPSET }],
    doc_string: spec.docString ?? '',
    metadata_props: Object.entries(spec.metadata ?? {}).map(([key, value]) => ({ key, value })),
    graph: {
      name: spec.name,
      input: spec.inputs.map(valueInfo),
      output: spec.outputs.map(valueInfo),
      initializer: spec.initializers.map((init) => ({ name: init.name, dims: init.dims, data_type: FLOAT, raw_data: floatBytes(init.values) })),
      node: spec.nodes.map((node, i) => ({
        name: `${node.op.toLowerCase()}_${i}`,
        op_type: node.op,
        input: node.inputs,
        output: node.outputs,
        attribute: Object.entries(node.attributes ?? {}).map(([name, value]) =>
          'int' in value ? { name, type: ATTRIBUTE_INT, i: value.int } : { name, type: ATTRIBUTE_FLOAT, f: value.float },
        ),
      })),
    },
  });
  return ModelProto.encode(message).finish();
}

/** Reads back the metadata written by `encodeOnnxModel` (to check a model file's feature set). */
export function readOnnxMetadata(bytes: Uint8Array): Record<string, string> {
  const decoded = ModelProto.toObject(ModelProto.decode(bytes), { defaults: false }) as { metadata_props?: { key: string; value: string }[] };
  return Object.fromEntries((decoded.metadata_props ?? []).map((p) => [p.key, p.value]));
}
