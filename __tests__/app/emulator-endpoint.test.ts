import { emulatorFromEnv } from '../../app/emulator-endpoint';
import { ConfigError } from '../../config/config-error';

describe('emulatorFromEnv', () => {
  test.each([
    ['unset', {}],
    ['empty', { AWS_ENDPOINT_URL: '' }],
  ])('targets AWS when AWS_ENDPOINT_URL is %s', (_, env) => {
    expect(emulatorFromEnv(env)).toBeUndefined();
  });

  test.each([
    ['http://127.0.0.1:5000', 'http://127.0.0.1:5000'],
    ['http://localhost:4566/', 'http://localhost:4566'],
    ['https://emulator.example.com//', 'https://emulator.example.com'],
    ['http://127.0.0.1:5000/moto/', 'http://127.0.0.1:5000/moto'],
  ])('accepts %j as endpoint %j', (value, endpoint) => {
    expect(emulatorFromEnv({ AWS_ENDPOINT_URL: value })).toEqual({ endpoint });
  });

  test.each(['foo', 'localhost:5000', 'ftp://x', '127.0.0.1:5000', ' '])(
    'rejects %j, naming the variable and the value',
    (value) => {
      let caught: unknown;
      try {
        emulatorFromEnv({ AWS_ENDPOINT_URL: value });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ConfigError);
      const error = caught as ConfigError;
      expect(error.problems).toEqual([
        {
          field: 'AWS_ENDPOINT_URL',
          value,
          rule: 'must be an http:// or https:// URL such as http://127.0.0.1:5000, or unset to target AWS',
        },
      ]);
      expect(error.message).toContain(
        `AWS_ENDPOINT_URL = ${JSON.stringify(value)}: must be an http:// or https:// URL`,
      );
      expect(error.message.startsWith('Invalid configuration in environment variables')).toBe(true);
    },
  );

  test('reads process.env by default', () => {
    const saved = process.env.AWS_ENDPOINT_URL;
    try {
      process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:5000/';
      expect(emulatorFromEnv()).toEqual({ endpoint: 'http://127.0.0.1:5000' });
      delete process.env.AWS_ENDPOINT_URL;
      expect(emulatorFromEnv()).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL;
      else process.env.AWS_ENDPOINT_URL = saved;
    }
  });
});
