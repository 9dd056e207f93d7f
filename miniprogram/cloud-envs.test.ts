import { CLOUD_ENV_IDS, ENV_VERSIONS, PLACEHOLDER_ENV_ID, chooseCloudEnv } from './cloud-envs';

const ids = { develop: 'dev-1a2b', trial: 'dev-1a2b', release: 'prod-3c4d' };

describe('chooseCloudEnv', () => {
  it('picks the env id of the version the mini-program runs as', () => {
    expect(chooseCloudEnv('release', ids)).toEqual({ envVersion: 'release', envId: 'prod-3c4d' });
    expect(chooseCloudEnv('trial', ids)).toEqual({ envVersion: 'trial', envId: 'dev-1a2b' });
  });

  it('treats an unknown or missing version as develop', () => {
    expect(chooseCloudEnv(undefined, ids).envVersion).toBe('develop');
    expect(chooseCloudEnv('gray', ids).envId).toBe('dev-1a2b');
  });

  it('says what to do, in Chinese and English, while an id is the placeholder', () => {
    const { problem } = chooseCloudEnv('release', { ...ids, release: PLACEHOLDER_ENV_ID });
    expect(problem).toContain('miniprogram/cloud-envs.ts 里 release 的环境 ID 还是占位符');
    expect(problem).toContain('put your env id there');
    expect(chooseCloudEnv('develop', { ...ids, develop: ' ' }).problem).toBeDefined();
  });

  it('ships one entry per version', () => {
    expect(Object.keys(CLOUD_ENV_IDS).sort()).toEqual([...ENV_VERSIONS].sort());
  });
});
