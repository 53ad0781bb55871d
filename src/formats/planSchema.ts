/** The JSON schema a plan file (version 1) must match when read back; see planJson.ts. */

const shardSchema = {
  type: 'object',
  required: ['group', 'predictedSeconds', 'selectors', 'tests', 'estimated'],
  properties: {
    group: { type: 'integer', minimum: 1 },
    predictedSeconds: { type: 'number', minimum: 0 },
    pluginDir: { type: 'string' },
    selectors: { type: 'array', items: { type: 'string' } },
    tests: { type: 'array', items: { type: 'string' } },
    estimated: { type: 'integer', minimum: 0 },
  },
};

const cutFileSchema = {
  type: 'object',
  required: ['file', 'owner', 'groups'],
  properties: {
    file: { type: 'string' },
    owner: { type: 'integer', minimum: 1 },
    groups: { type: 'array', minItems: 2, items: { type: 'integer', minimum: 1 } },
  },
};

const togetherSchema = {
  type: 'object',
  required: ['pattern', 'group', 'name', 'files', 'tests'],
  properties: {
    pattern: { type: 'string' },
    group: { type: 'integer', minimum: 0 },
    name: { type: 'string', pattern: '^split-plan-together-[1-9][0-9]*$' },
    files: { type: 'array', items: { type: 'string' } },
    tests: { type: 'array', items: { type: 'string' } },
  },
};

export const planSchema = {
  type: 'object',
  required: ['version', 'splits', 'shards', 'totalSeconds', 'makespanSeconds', 'lowerBoundSeconds'],
  properties: {
    version: { const: 1 },
    splits: { type: 'integer', minimum: 1, maximum: 256 },
    totalSeconds: { type: 'number' },
    makespanSeconds: { type: 'number' },
    lowerBoundSeconds: { type: 'number' },
    cutFiles: { type: 'array', items: cutFileSchema },
    together: { type: 'array', items: togetherSchema },
    shards: { type: 'array', items: shardSchema },
    warnings: { type: 'array', items: { type: 'string' } },
  },
};
