import { createRequire as __splitPlanCreateRequire } from 'node:module';
const require = __splitPlanCreateRequire(import.meta.url);
