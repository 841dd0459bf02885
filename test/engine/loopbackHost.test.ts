import * as assert from 'node:assert/strict';
import { isLoopbackHost, isPrivateNetworkHost, isUnspecifiedHost, urlHost } from '../../server/src/engine/text/loopbackHost';

describe('loopbackHost', () => {
  it('knows the loopback hosts in every spelling', () => {
    for (const host of [
      'localhost',
      'LOCALHOST',
      'localhost.',
      'app.localhost',
      '127.0.0.1',
      '127.1.2.3',
      '::1',
      '[::1]',
      '0:0:0:0:0:0:0:1',
      '::ffff:127.0.0.1',
    ]) {
      assert.equal(isLoopbackHost(host), true, host);
    }
  });

  it('does not count the unspecified address, private or public hosts as loopback', () => {
    for (const host of [
      '0.0.0.0',
      '::',
      '[::]',
      '10.0.0.1',
      '128.0.0.1',
      'localhost.example.com',
      'mylocalhost',
      '127.0.0.256',
      '',
      '::2',
    ]) {
      assert.equal(isLoopbackHost(host), false, host);
    }
  });

  it('tells the unspecified address (every interface) apart', () => {
    for (const host of ['0.0.0.0', '::', '[::]', '0:0:0:0:0:0:0:0']) assert.equal(isUnspecifiedHost(host), true, host);
    for (const host of ['127.0.0.1', '::1', '0.0.0.1', 'localhost']) assert.equal(isUnspecifiedHost(host), false, host);
  });

  it('knows private and container-network hosts', () => {
    for (const host of [
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.10',
      '169.254.1.1',
      '100.64.0.1',
      'ollama',
      'vllm-server',
      'host.docker.internal',
      'api.default.svc.cluster.local',
      'gpu.internal',
      'box.local',
      'fd00::1',
    ]) {
      assert.equal(isPrivateNetworkHost(host), true, host);
    }
    for (const host of ['172.32.0.1', '8.8.8.8', 'api.openai.com', '203.0.113.10', '2001:db8::1'])
      assert.equal(isPrivateNetworkHost(host), false, host);
  });

  it('reads the host of a URL', () => {
    assert.equal(urlHost('http://user:pw@Example.com:8080/v1'), 'Example.com');
    assert.equal(urlHost('http://[::1]:11434'), '[::1]');
    assert.equal(urlHost('https://api.openai.com'), 'api.openai.com');
    assert.equal(urlHost('not a url'), undefined);
  });
});
