import { CLIENT_ID_PATTERN, USER_POOL_ID_MAX_LENGTH, USER_POOL_ID_PATTERN } from '../shared/patterns.ts';
import { type CognitoError, invalidParameter, MSG, serialization } from './errors.ts';

/**
 * Runtime checks for request bodies. JSON from the wire is untrusted: wrong JSON types become
 * `SerializationException` (as the AWS JSON protocol answers), missing or out-of-range members
 * become `InvalidParameterException` with AWS's "1 validation error detected" wording.
 */

interface StringRule {
  min?: number;
  max?: number;
  pattern?: RegExp;
  /** The pattern as AWS prints it in the message. */
  patternText?: string;
}

const camel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

function wrongType(value: unknown, expected: string): CognitoError {
  const found = Array.isArray(value)
    ? 'Start of list found where not expected.'
    : typeof value === 'object'
      ? 'Start of structure or map found where not expected.'
      : `${typeof value === 'number' ? 'NUMBER_VALUE' : typeof value === 'boolean' ? 'BOOLEAN_VALUE' : 'STRING_VALUE'} can not be converted to ${expected}`;
  return serialization(found);
}

function violation(name: string, constraint: string, isNull = false): CognitoError {
  return invalidParameter(
    `1 validation error detected: Value ${isNull ? 'null ' : ''}at '${camel(name)}' failed to satisfy constraint: ${constraint}`,
  );
}

export const USERNAME_RULE: StringRule = {
  min: 1,
  max: 128,
  pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u,
  patternText: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+',
};
// Inner spaces are allowed (the site counts one as a symbol), leading and trailing ones are not (docs/cognito.md §5.1).
export const PASSWORD_RULE: StringRule = { min: 6, max: 256, pattern: /^\S+.*\S+$/u, patternText: '^[\\S]+.*[\\S]+$' };
export const CODE_RULE: StringRule = { min: 1, max: 2048, pattern: /^\S+$/u, patternText: '[\\S]+' };
export const CLIENT_ID_RULE: StringRule = { min: 1, max: 128, pattern: CLIENT_ID_PATTERN, patternText: '[\\w+]+' };
export const POOL_ID_RULE: StringRule = {
  min: 1,
  max: USER_POOL_ID_MAX_LENGTH,
  pattern: USER_POOL_ID_PATTERN,
  patternText: '[\\w-]+_[0-9a-zA-Z]+',
};
export const TOKEN_RULE: StringRule = { pattern: /^[A-Za-z0-9\-_=.]+$/, patternText: '[A-Za-z0-9-_=.]+' };
export const SESSION_RULE: StringRule = { min: 20, max: 2048 };

/**
 * A string's length as AWS's API models measure it: in code points (an emoji is one), not UTF-16
 * units. Past 4096 units every string breaks every maximum here (≤ 2048) either way, so huge
 * bodies are not walked.
 */
const modelLength = (value: string): number => (value.length > 4096 ? value.length : [...value].length);

function checkString(name: string, value: string, rule: StringRule): string {
  const length = modelLength(value);
  if (rule.min !== undefined && length < rule.min) {
    throw violation(name, `Member must have length greater than or equal to ${rule.min}`);
  }
  if (rule.max !== undefined && length > rule.max) {
    throw violation(name, `Member must have length less than or equal to ${rule.max}`);
  }
  if (rule.pattern && !rule.pattern.test(value)) {
    throw violation(name, `Member must satisfy regular expression pattern: ${rule.patternText ?? rule.pattern.source}`);
  }
  return value;
}

export interface AttributeInput {
  Name: string;
  Value: string;
}

export class Input {
  readonly body: Record<string, unknown>;

  constructor(body: unknown) {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw serialization(MSG.structureExpected);
    }
    this.body = body as Record<string, unknown>;
  }

  private raw(name: string): unknown {
    const v = this.body[name];
    return v === null ? undefined : v;
  }

  string(name: string, rule: StringRule = {}): string {
    const v = this.optionalString(name, rule);
    if (v === undefined) throw violation(name, 'Member must not be null', true);
    return v;
  }

  optionalString(name: string, rule: StringRule = {}): string | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw wrongType(v, 'a String');
    return checkString(name, v, rule);
  }

  optionalBoolean(name: string): boolean | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') throw wrongType(v, 'a Boolean');
    return v;
  }

  optionalInteger(name: string, min: number, max: number): number | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) throw wrongType(v, 'an Integer');
    if (v < min) throw violation(name, `Member must have value greater than or equal to ${min}`);
    if (v > max) throw violation(name, `Member must have value less than or equal to ${max}`);
    return v;
  }

  optionalEnum<T extends string>(name: string, values: readonly T[]): T | undefined {
    const v = this.optionalString(name);
    if (v === undefined) return undefined;
    if (!(values as readonly string[]).includes(v)) {
      throw violation(name, `Member must satisfy enum value set: [${values.join(', ')}]`);
    }
    return v as T;
  }

  /** A string→string map such as AuthParameters; null values inside are dropped (the JS client sends DEVICE_KEY: null). */
  optionalStringMap(name: string): Record<string, string> | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) throw wrongType(v, 'a Map');
    const out: Record<string, string> = {};
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
      if (val === null || val === undefined) continue;
      if (typeof val !== 'string') throw wrongType(val, 'a String');
      out[k] = val;
    }
    return out;
  }

  optionalStringList(name: string, rule: StringRule = {}): string[] | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) throw wrongType(v, 'a List');
    return v.map((item) => {
      if (typeof item !== 'string') throw wrongType(item, 'a String');
      return checkString(name, item, rule);
    });
  }

  /** `[{Name, Value}]` as in UserAttributes; names 1–32 chars, values ≤ 2048. */
  optionalAttributes(name: string): AttributeInput[] | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) throw wrongType(v, 'a List');
    return v.map((item: unknown) => {
      const entry = new Input(item);
      const attrName = entry.string('Name', { min: 1, max: 32, pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u });
      const value = entry.optionalString('Value', { max: 2048 }) ?? '';
      return { Name: attrName, Value: value };
    });
  }

  /** A nested structure, validated by the caller. */
  optionalObject(name: string): Input | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) throw wrongType(v, 'a Structure');
    return new Input(v);
  }
}

/** A member of AuthParameters or ChallengeResponses that the flow needs. */
export function requiredParameter(params: Record<string, string>, name: string): string {
  const v = params[name];
  if (v === undefined || v === '') throw invalidParameter(MSG.missingParameter(name));
  return v;
}
