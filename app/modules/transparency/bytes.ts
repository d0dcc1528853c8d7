/**
 * Bytes, hex and SHA-256 for the transparency log, the same in Node and in the browser.
 * SHA-256 is synchronous here (rebuilding a tree of a million leaves one `await` at a time would
 * be slow in the browser): @noble/hashes, see docs/decisions/0047-verifiable-log-formats.md.
 */
import { sha256 as nobleSha256 } from "@noble/hashes/sha2";

/** A synchronous SHA-256. The server may pass Node's own (faster) where a function takes one. */
export type Sha256 = (data: Uint8Array) => Uint8Array;

export const sha256: Sha256 = (data) => nobleSha256(data);

const HEX_DIGITS = "0123456789abcdef";

/** Lower-case hex, the only form hashes take in this log's JSON and text. */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += HEX_DIGITS[byte >> 4]! + HEX_DIGITS[byte & 15]!;
  return out;
}

/** Strict: lower-case hex of exactly `length` bytes when given, else any even length; null otherwise. */
export function fromHex(text: unknown, length?: number): Uint8Array<ArrayBuffer> | null {
  if (typeof text !== "string" || !/^(?:[0-9a-f]{2})*$/.test(text)) return null;
  if (length !== undefined && text.length !== length * 2) return null;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

const encoder = new TextEncoder();

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}
