/**
 * Versioned binary model files (`.dtlm`).
 *
 * Layout: `DTLM` magic (4 bytes) · format version (uint32 LE) · header length (uint32 LE) ·
 * header (UTF-8 JSON: labels, feature settings, temperature, biases, per-class scales,
 * SHA-256 of the payload, model card) · payload (raw-deflated quantised weights,
 * feature-major, int8 or int16 with one scale per class).
 *
 * A file with another magic, another format version, a damaged header, a payload of the
 * wrong size or checksum, or settings that do not fit together is refused with a
 * {@link ModelFileError} that says which.
 */
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { validateFeatureConfig, type FeatureConfig } from './features.ts';
import type { LinearModel } from './classifier.ts';
import type { ModelCard } from './model-card.ts';

export const MODEL_MAGIC = 'DTLM';
export const MODEL_FORMAT_VERSION = 1;
export const MODEL_FORMAT_NAME = 'dongthuan-linear-classifier';

export class ModelFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFileError';
  }
}

export interface ModelHeader {
  format: string;
  formatVersion: number;
  task: string;
  modelVersion: string;
  labels: string[];
  features: FeatureConfig;
  temperature: number;
  bias: number[];
  quantization: 'int8' | 'int16';
  scales: number[];
  payloadBytes: number;
  payloadSha256: string;
  card?: ModelCard;
}

export interface StoredModel {
  model: LinearModel;
  header: ModelHeader;
}

export interface SaveOptions {
  task: string;
  modelVersion: string;
  quantization?: 'int8' | 'int16';
  card?: ModelCard;
}

/** Quantise weights (one scale per class) and return the de-quantised copy too (what a reader will get). */
export function quantize(model: LinearModel, bits: 'int8' | 'int16'): { data: Int8Array | Int16Array; scales: number[]; restored: Float32Array } {
  const K = model.labels.length;
  const W = model.weights;
  const qmax = bits === 'int8' ? 127 : 32767;
  const scales = new Array<number>(K).fill(0);
  for (let p = 0; p < W.length; p++) {
    const k = p % K;
    const a = Math.abs(W[p] as number);
    if (a > (scales[k] as number)) scales[k] = a;
  }
  for (let k = 0; k < K; k++) scales[k] = (scales[k] as number) > 0 ? (scales[k] as number) / qmax : 1;
  const data = bits === 'int8' ? new Int8Array(W.length) : new Int16Array(W.length);
  const restored = new Float32Array(W.length);
  for (let p = 0; p < W.length; p++) {
    const s = scales[p % K] as number;
    const q = Math.max(-qmax, Math.min(qmax, Math.round((W[p] as number) / s)));
    data[p] = q;
    restored[p] = q * s;
  }
  return { data, scales, restored };
}

/** Serialise a model (quantised, compressed) with its header and card. */
export function serializeModel(model: LinearModel, opts: SaveOptions): Buffer {
  const bits = opts.quantization ?? 'int8';
  const { data, scales } = quantize(model, bits);
  const payload = deflateRawSync(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { level: 9 });
  const header: ModelHeader = {
    format: MODEL_FORMAT_NAME,
    formatVersion: MODEL_FORMAT_VERSION,
    task: opts.task,
    modelVersion: opts.modelVersion,
    labels: [...model.labels],
    features: model.features,
    temperature: model.temperature,
    bias: Array.from(model.bias),
    quantization: bits,
    scales,
    payloadBytes: payload.length,
    payloadSha256: createHash('sha256').update(payload).digest('hex'),
    ...(opts.card ? { card: opts.card } : {}),
  };
  const h = Buffer.from(JSON.stringify(header), 'utf8');
  const pre = Buffer.alloc(12);
  pre.write(MODEL_MAGIC, 0, 'ascii');
  pre.writeUInt32LE(MODEL_FORMAT_VERSION, 4);
  pre.writeUInt32LE(h.length, 8);
  return Buffer.concat([pre, h, payload]);
}

/** Read only the header (fast; for listing models and showing cards). */
export function readModelHeader(buf: Uint8Array): { header: ModelHeader; payloadOffset: number } {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length < 12 || b.toString('ascii', 0, 4) !== MODEL_MAGIC) {
    throw new ModelFileError('Không phải tệp mô hình phân loại của Đồng Thuận (thiếu mã nhận dạng DTLM).');
  }
  const version = b.readUInt32LE(4);
  if (version !== MODEL_FORMAT_VERSION) {
    throw new ModelFileError(`Tệp mô hình có định dạng phiên bản ${version}; phần mềm này chỉ đọc phiên bản ${MODEL_FORMAT_VERSION}. Hãy huấn luyện lại hoặc dùng bản phần mềm phù hợp.`);
  }
  const hl = b.readUInt32LE(8);
  if (12 + hl > b.length) throw new ModelFileError('Tệp mô hình hỏng: bị cắt cụt trong phần tiêu đề.');
  let header: ModelHeader;
  try {
    header = JSON.parse(b.toString('utf8', 12, 12 + hl)) as ModelHeader;
  } catch {
    throw new ModelFileError('Tệp mô hình hỏng: phần tiêu đề không phải JSON hợp lệ.');
  }
  if (header.format !== MODEL_FORMAT_NAME || header.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new ModelFileError(`Tệp mô hình hỏng: tiêu đề ghi định dạng "${String(header.format)}" phiên bản ${String(header.formatVersion)}.`);
  }
  const K = Array.isArray(header.labels) ? header.labels.length : 0;
  if (K < 2 || !header.labels.every((l) => typeof l === 'string')) throw new ModelFileError('Tệp mô hình hỏng: danh sách nhãn không hợp lệ.');
  if (!Array.isArray(header.bias) || header.bias.length !== K || !Array.isArray(header.scales) || header.scales.length !== K) {
    throw new ModelFileError('Tệp mô hình hỏng: số hệ số chặn / hệ số tỉ lệ không khớp số nhãn.');
  }
  if (header.quantization !== 'int8' && header.quantization !== 'int16') throw new ModelFileError(`Tệp mô hình hỏng: kiểu lượng tử hóa "${String(header.quantization)}" không biết.`);
  try {
    validateFeatureConfig(header.features);
  } catch (e) {
    throw new ModelFileError(`Tệp mô hình hỏng: cấu hình đặc trưng không hợp lệ (${(e as Error).message}).`);
  }
  if (!(typeof header.temperature === 'number' && header.temperature > 0)) throw new ModelFileError('Tệp mô hình hỏng: nhiệt độ hiệu chỉnh không hợp lệ.');
  return { header, payloadOffset: 12 + hl };
}

/** Parse a model file; throws {@link ModelFileError} on anything wrong. */
export function deserializeModel(buf: Uint8Array): StoredModel {
  const { header, payloadOffset } = readModelHeader(buf);
  const payload = Buffer.from(buf.buffer, buf.byteOffset + payloadOffset, buf.byteLength - payloadOffset);
  if (payload.length !== header.payloadBytes) {
    throw new ModelFileError(`Tệp mô hình hỏng: phần trọng số dài ${payload.length} byte, tiêu đề ghi ${header.payloadBytes}.`);
  }
  if (createHash('sha256').update(payload).digest('hex') !== header.payloadSha256) {
    throw new ModelFileError('Tệp mô hình hỏng: tổng kiểm tra SHA-256 của phần trọng số không khớp.');
  }
  const K = header.labels.length;
  const n = header.features.dim * K;
  let raw: Buffer;
  try {
    raw = inflateRawSync(payload);
  } catch {
    throw new ModelFileError('Tệp mô hình hỏng: không giải nén được phần trọng số.');
  }
  const width = header.quantization === 'int8' ? 1 : 2;
  if (raw.length !== n * width) throw new ModelFileError(`Tệp mô hình hỏng: ${raw.length} byte trọng số, cần ${n * width}.`);
  const aligned = new Uint8Array(raw.length);
  aligned.set(raw);
  const q = width === 1 ? new Int8Array(aligned.buffer) : new Int16Array(aligned.buffer);
  const weights = new Float32Array(n);
  for (let p = 0; p < n; p++) weights[p] = (q[p] as number) * (header.scales[p % K] as number);
  return {
    header,
    model: { labels: [...header.labels], features: header.features, weights, bias: Float32Array.from(header.bias), temperature: header.temperature },
  };
}
