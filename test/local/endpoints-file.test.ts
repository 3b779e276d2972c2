import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  endpointsFilePath,
  findRunningInstance,
  type RunningEndpoints,
  removeEndpointsFile,
  writeEndpointsFile,
} from '../../local/endpoints-file';
import { temporaryDir } from './helpers';

const endpoints = (pid: number): RunningEndpoints => ({
  pid,
  startedAt: '2025-01-01T00:00:00Z',
  s3Endpoint: 'http://127.0.0.1:1',
  dynamoEndpoint: 'http://127.0.0.1:2',
  httpUrl: 'http://127.0.0.1:3/',
  sourceBucket: 's',
  publishBucket: 'p',
  tableName: 'ttt',
  sourcePrefix: 'incoming/',
});

describe('endpoints.json', () => {
  const dir = temporaryDir('endpoints');
  afterAll(() => dir.remove());

  it('GIVEN the file of a live process WHEN looked up THEN its endpoints are returned', () => {
    writeEndpointsFile(dir.path, endpoints(process.pid));
    expect(findRunningInstance(dir.path)?.dynamoEndpoint).toBe('http://127.0.0.1:2');
  });

  it('GIVEN the file left behind by a killed process WHEN looked up THEN it is ignored', () => {
    const exited = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    writeEndpointsFile(dir.path, endpoints(Number(exited.stdout)));
    expect(findRunningInstance(dir.path)).toBeUndefined();
  });

  it('GIVEN a file written by another process WHEN this one removes its own THEN the other stays', () => {
    writeEndpointsFile(dir.path, endpoints(process.pid + 1));
    removeEndpointsFile(dir.path);
    expect(existsSync(endpointsFilePath(dir.path))).toBe(true);
    writeEndpointsFile(dir.path, endpoints(process.pid));
    removeEndpointsFile(dir.path);
    expect(existsSync(endpointsFilePath(dir.path))).toBe(false);
  });
});
