// Original file: ../../protos/minifaas/v1/dispatcher.proto


export interface PrepareSummary {
  /**
   * Workers registered when the request arrived.
   */
  'workers'?: (number);
  /**
   * Workers that answered that the module is loaded.
   */
  'prepared'?: (number);
  /**
   * One line per worker that failed or did not answer in time.
   */
  'failures'?: (string)[];
}

export interface PrepareSummary__Output {
  /**
   * Workers registered when the request arrived.
   */
  'workers': (number);
  /**
   * Workers that answered that the module is loaded.
   */
  'prepared': (number);
  /**
   * One line per worker that failed or did not answer in time.
   */
  'failures': (string)[];
}
