import { policyFileActor } from './partner-policy.service.js';

describe('the publisher of a policy version seeded from the policy file', () => {
  it('is the file by its name only: no server path reaches the officers or the audit trail', () => {
    expect(policyFileActor('/srv/fed-node/config/policies/kr-knpa.yaml')).toBe('policy file kr-knpa.yaml');
    expect(policyFileActor('config/policies/kh-cnp.yaml')).toBe('policy file kh-cnp.yaml');
    expect(policyFileActor('kh-gdce.yaml')).toBe('policy file kh-gdce.yaml');
  });
});
