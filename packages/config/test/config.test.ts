import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commonSchema, ConfigError, DEFAULTS, intVar, parseEnv, strategyVar } from '../src/index.js';

const schema = commonSchema.extend({ FAAS_QUEUE_LIMIT: intVar(1024, 1), FAAS_LB_STRATEGY: strategyVar });

describe('parseEnv', () => {
  it('fills every default from an empty environment', () => {
    const config = parseEnv(schema, {});
    assert.equal(config.FAAS_SOCKET_DIR, DEFAULTS.socketDir);
    assert.equal(config.FAAS_QUEUE_LIMIT, 1024);
    assert.equal(config.FAAS_LB_STRATEGY, 'RR');
    assert.equal(config.FAAS_LOG_FORMAT, 'json');
    assert.ok(Object.isFrozen(config));
  });

  it('reads values, case-insensitive strategies and treats empty strings as unset', () => {
    const config = parseEnv(schema, { FAAS_QUEUE_LIMIT: '5', FAAS_LB_STRATEGY: 'fifo', FAAS_DATA_DIR: '' });
    assert.equal(config.FAAS_QUEUE_LIMIT, 5);
    assert.equal(config.FAAS_LB_STRATEGY, 'FIFO');
    assert.equal(config.FAAS_DATA_DIR, DEFAULTS.dataDir);
  });

  it('lists every problem at once', () => {
    assert.throws(
      () => parseEnv(schema, { FAAS_QUEUE_LIMIT: 'many', FAAS_LB_STRATEGY: 'RANDOM', FAAS_LOG_FORMAT: 'xml' }),
      (err: unknown) => err instanceof ConfigError && err.problems.length === 3,
    );
  });
});
