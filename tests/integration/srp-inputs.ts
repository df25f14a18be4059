// SRP test inputs that are the same on every run. Random keys reach the rare shapes (an odd-length
// A: 1 key in 16) only by chance, so a test that needs one failed now and then, and a failure found
// by a random input could not be reproduced. Here bytes come from SHA-512 of a label, and a value
// of a given shape is the first of a fixed sequence that has it: deterministic and bounded.
import { createDiffieHellman, createHash } from 'node:crypto';
import { SRP_N, SRP_N_BYTES } from '../../local-cognito/srp.ts';

/** `length` bytes that depend only on `label`. */
export function fixedBytes(label: string, length: number): Buffer {
  const blocks = Array.from({ length: Math.ceil(length / 64) }, (_, i) =>
    createHash('sha512').update(`${label}/${i}`).digest(),
  );
  return Buffer.concat(blocks).subarray(0, length);
}

const dh = createDiffieHellman(Buffer.from(SRP_N.toString(16).padStart(SRP_N_BYTES * 2, '0'), 'hex'), Buffer.from([2]));

/** g^e mod N, native (the libraries under test compute it themselves; this is for choosing e). */
export function nativeGPow(exponent: Buffer): bigint {
  dh.setPrivateKey(exponent);
  return BigInt(`0x${dh.generateKeys('hex')}`);
}

/** How padHex sees SRP_A (unpadded hex): odd length, even with a top nibble below 8, or even with padHex adding 00. */
export type AShape = 'odd' | 'even' | 'even-msb';

export function shapeOf(A: string): AShape {
  return A.length % 2 === 1 ? 'odd' : /^[89a-f]/.test(A) ? 'even-msb' : 'even';
}

/**
 * The first client secret `a` of a fixed sequence (128 bytes each, the size the library draws)
 * whose A = g^a mod N has the shape, with that A as the client sends it. With this sequence the
 * shapes come at candidates 0 (even-msb), 3 (even) and 17 (odd).
 */
export function clientSecretWithShape(shape: AShape): { a: Buffer; A: string } {
  for (let i = 0; i < 1000; i++) {
    const a = fixedBytes(`shape of A/${i}`, 128);
    const A = nativeGPow(a).toString(16);
    if (shapeOf(A) === shape) return { a, A };
  }
  throw new Error(`no a among 1000 candidates gives A the shape ${shape}`);
}
