import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { PromptVersion } from './types';

export type PromptValidator = (value: unknown, file: string) => PromptVersion;

function describe(error: ErrorObject): string {
  const field = error.instancePath ? error.instancePath.slice(1).replaceAll('/', '.') : '(top level)';
  if (error.keyword === 'required') return `missing field ${field === '(top level)' ? '' : field + '.'}${error.params.missingProperty}`;
  if (error.keyword === 'additionalProperties') return `unknown field ${error.params.additionalProperty} in ${field}`;
  return `field ${field} ${error.message}`;
}

/** Compiles `prompts/schema.json` once; each call names the file and the field that is wrong. */
export function createPromptValidator(schemaFile: string): PromptValidator {
  const ajv = new Ajv({ allErrors: true, strict: true });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  const validate: ValidateFunction = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
  return (value, file) => {
    if (!validate(value)) {
      const problems = (validate.errors ?? []).map(describe).join('; ');
      throw new Error(`Prompt file ${file} does not match prompts/schema.json: ${problems}. Fix or remove the file.`);
    }
    return value as PromptVersion;
  };
}
