// Original file: ../../protos/minifaas/v1/common.proto


/**
 * What a worker needs to find and run one deployed version. Files live under the shared data
 * directory (FAAS_DATA_DIR/functions/<id>/); ids are immutable, so a worker may cache by id.
 */
export interface FunctionRef {
  'id'?: (string);
  'name'?: (string);
  /**
   * Canonical language: c, rust, go, js, python, php, html.
   */
  'lang'?: (string);
  /**
   * Memory cap of a native run in MiB, set at deploy; 0 means the worker's default. (WASM modules
   * carry their cap in the module itself.)
   */
  'memoryLimitMib'?: (number);
  /**
   * Environment variables given at deploy (names checked there). Secret: never logged.
   */
  'env'?: ({[key: string]: string});
}

/**
 * What a worker needs to find and run one deployed version. Files live under the shared data
 * directory (FAAS_DATA_DIR/functions/<id>/); ids are immutable, so a worker may cache by id.
 */
export interface FunctionRef__Output {
  'id': (string);
  'name': (string);
  /**
   * Canonical language: c, rust, go, js, python, php, html.
   */
  'lang': (string);
  /**
   * Memory cap of a native run in MiB, set at deploy; 0 means the worker's default. (WASM modules
   * carry their cap in the module itself.)
   */
  'memoryLimitMib': (number);
  /**
   * Environment variables given at deploy (names checked there). Secret: never logged.
   */
  'env': ({[key: string]: string});
}
