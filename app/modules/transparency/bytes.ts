/**
 * Bytes, hex and SHA-256 for the transparency log, the same in Node and in the browser.
 * SHA-256 is synchronous here (rebuilding a tree of a million leaves one `await` at a time would
 * be slow in the browser): @noble/hashes, see docs/decisions/0047-verifiable-log-formats.md.
 */
import { sha256 as nobleSha256 } from "@noble/hashes/sha2";

/** A synchronous SHA-256. The server may pass Node's own (faster) where a function takes one. */
export type Sha256 = (data: Uint8Array) => Uint8Array;

export const sha256: Sha256 = (data) => nobleSha256(data);

const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));
/** Char code → nibble for 0-9 and a-f only; 255 for anything else (upper case included). */
const NIBBLE = new Uint8Array(128).fill(255);
for (let digit = 0; digit < 16; digit++) NIBBLE["0123456789abcdef".charCodeAt(digit)] = digit;

/** Lower-case hex, the only form hashes take in this log's JSON and text. */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += BYTE_HEX[bytes[i]!]!;
  return out;
}

/** Strict: lower-case hex of exactly `length` bytes when given, else any even length; null otherwise. */
export function fromHex(text: unknown, length?: number): Uint8Array<ArrayBuffer> | null {
  if (typeof text !== "string" || text.length % 2 !== 0) return null;
  if (length !== undefined && text.length !== length * 2) return null;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) {
    const high = text.charCodeAt(i * 2);
    const low = text.charCodeAt(i * 2 + 1);
    const h = high < 128 ? NIBBLE[high]! : 255;
    const l = low < 128 ? NIBBLE[low]! : 255;
    if (h === 255 || l === 255) return null;
    out[i] = (h << 4) | l;
  }
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
