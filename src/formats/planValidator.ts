/**
 * Checks a parsed plan file against planSchema with Ajv. Here the schema is compiled on first use;
 * the bundles in dist/ replace this module with the same schema compiled ahead of time by Ajv's
 * standalone code generator (scripts/build.mjs), so they carry no schema compiler and start faster.
 * Both export the same function; the bad-plan tests run the bundle.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { planSchema } from './planSchema.js';

let compiled: ValidateFunction | undefined;

/** The first problem Ajv finds, or null when `data` matches the schema. */
export function planShapeErrors(data: unknown): ErrorObject[] | null {
  compiled ??= new Ajv({ allErrors: false }).compile(planSchema);
  return compiled(data) ? null : (compiled.errors ?? []);
}
