/**
 * The words generated suites are made of: directories, topics, test and class names, parameter
 * pools, the heavy modules' themes, and the landmark ids every suite has.
 */

export const NORMAL_DIRS: readonly string[] = [
  'tests/api',
  'tests/api',
  'tests/api/v2',
  'tests/services',
  'tests/services',
  'tests/services/db',
  'tests/services/cache',
  'tests/models',
  'tests/workers',
  'tests/integration',
  'tests/utils',
];

export const TOPICS: readonly string[] = [
  'users',
  'orders',
  'payments',
  'invoices',
  'auth',
  'sessions',
  'permissions',
  'inventory',
  'shipping',
  'notifications',
  'webhooks',
  'reports',
  'exports',
  'imports',
  'billing',
  'catalog',
  'pricing',
  'tenants',
  'audit',
  'metrics',
  'scheduler',
  'retries',
  'queries',
  'serializers',
  'validators',
  'rate_limit',
  'feature_flags',
  'uploads',
  'thumbnails',
  'emails',
  'ledger',
  'refunds',
  'coupons',
  'carts',
  'reviews',
  'recommendations',
  'geo',
  'i18n',
  'health',
  'tokens',
];

export const VERBS: readonly string[] = [
  'create',
  'update',
  'delete',
  'list',
  'get',
  'retry',
  'validate',
  'serialize',
  'parse',
  'reject',
  'paginate',
  'filter',
  'sort',
  'cache',
  'expire',
  'lock',
  'publish',
  'merge',
];
export const OBJECTS: readonly string[] = [
  'single_item',
  'batch',
  'missing_field',
  'unicode_name',
  'large_payload',
  'expired_token',
  'duplicate_key',
  'empty_page',
  'stale_version',
  'concurrent_write',
  'soft_deleted',
  'defaults',
];
export const CLASS_SUFFIXES: readonly string[] = ['Queries', 'Validation', 'Permissions', 'Serialization', 'Retries', 'Pagination', 'Caching', 'Errors'];

export interface ParamPool {
  name: string;
  values: readonly string[]; // Python literals
}
export const PARAM_POOLS: readonly ParamPool[] = [
  { name: 'limit', values: ['1', '10', '100', '1000'] },
  { name: 'fmt', values: ['"json"', '"xml"', '"csv"', '"parquet"'] },
  { name: 'enabled', values: ['True', 'False'] },
  { name: 'locale', values: ['"en"', '"de"', '"ja"', '"pt-BR"'] },
  { name: 'retries', values: ['0', '1', '3'] },
];

/** Parametrized values for the tricky-id test, as Python literals; ids noted on the right. */
export const TRICKY_QUERIES: readonly string[] = [
  '"a b"', //            [a b]
  '"q\'uote"', //        [q'uote]
  "'d\"q'", //           [d"q]
  '"br[ack]et"', //      [br[ack]et]
  '"x/y"', //            [x/y]
  '"a::b"', //           [a::b]
  '"caf\\u00e9"', //     [caf\xe9]
];
/** The ids pytest prints for the tricky parametrized tests of the first module (tests/api/test_search.py). */
export const TRICKY_IDS: readonly string[] = [
  'tests/api/test_search.py::test_query_parsing[a b]',
  "tests/api/test_search.py::test_query_parsing[q'uote]",
  'tests/api/test_search.py::test_query_parsing[d"q]',
  'tests/api/test_search.py::test_query_parsing[br[ack]et]',
  'tests/api/test_search.py::test_query_parsing[x/y]',
  'tests/api/test_search.py::test_query_parsing[a::b]',
  'tests/api/test_search.py::test_query_parsing[caf\\xe9]',
  'tests/api/test_search.py::test_phrase_search[two words [v1]]',
  'tests/api/test_search.py::test_phrase_search[it\'s "quoted"]',
];
/** Other landmark ids that every generated suite has. */
export const LANDMARK_IDS = {
  nested: 'tests/api/test_search.py::TestRanking::TestTieBreak::test_stable_order',
  skipped: 'tests/api/test_search.py::TestRanking::test_ml_rerank',
  xfail: 'tests/api/test_search.py::TestRanking::test_score_rounding',
  /** Defined in tests/support/contracts.py, collected through a subclass in tests/api/test_users.py
   *  (present when there are at least two non-heavy modules; with one, the subclass is TestSearchCrud in test_search.py). */
  inherited: 'tests/api/test_users.py::TestUsersCrud::test_update',
} as const;

export interface HeavyTheme {
  path: string;
  fixture: string;
  dimA: { name: string; values: readonly string[] };
  dimB: { name: string; values: readonly string[] };
  dimC: { name: string; values: readonly string[] };
  dimD: { name: string; values: readonly string[] };
  classes: readonly [string, string, string];
}
export const HEAVY_THEMES: readonly HeavyTheme[] = [
  {
    path: 'tests/integration/payments/test_settlement.py',
    fixture: 'ledger',
    dimA: { name: 'region', values: ['eu', 'us', 'apac', 'latam'] },
    dimB: { name: 'currency', values: ['EUR', 'USD', 'JPY', 'BRL'] },
    dimC: { name: 'batch', values: ['10', '100', '1000'] },
    dimD: { name: 'mode', values: ['sync', 'async', 'replay', 'dry-run'] },
    classes: ['TestSettlementRun', 'TestBatchPayouts', 'TestReconciliation'],
  },
  {
    path: 'tests/services/db/test_migrations.py',
    fixture: 'engine',
    dimA: { name: 'dialect', values: ['postgres', 'mysql', 'sqlite', 'mssql'] },
    dimB: { name: 'revision', values: ['r001', 'r002', 'r003', 'r004'] },
    dimC: { name: 'rows', values: ['1000', '50000', '250000'] },
    dimD: { name: 'isolation', values: ['read committed', 'repeatable read', 'serializable', 'snapshot'] },
    classes: ['TestUpgradePath', 'TestDataBackfill', 'TestDowngrade'],
  },
  {
    path: 'tests/workers/test_batch_jobs.py',
    fixture: 'broker',
    dimA: { name: 'queue', values: ['default', 'priority', 'bulk', 'dead-letter'] },
    dimB: { name: 'codec', values: ['json', 'msgpack', 'pickle', 'avro'] },
    dimC: { name: 'workers', values: ['1', '4', '16'] },
    dimD: { name: 'ack', values: ['early', 'late', 'manual', 'none'] },
    classes: ['TestJobFanout', 'TestRetryStorm', 'TestShutdown'],
  },
  {
    path: 'tests/integration/test_end_to_end.py',
    fixture: 'stack',
    dimA: { name: 'browser', values: ['chromium', 'firefox', 'webkit', 'edge'] },
    dimB: { name: 'viewport', values: ['mobile', 'tablet', 'desktop', 'wide'] },
    dimC: { name: 'users', values: ['1', '10', '100'] },
    dimD: { name: 'flow', values: ['signup', 'checkout', 'refund', 'support'] },
    classes: ['TestCheckoutFlow', 'TestAccountFlow', 'TestAdminFlow'],
  },
];
