import {
  EndpointStats,
  InvalidServiceIdentityError,
  assertValidIdentity,
  describeFailure,
  discoverySubjects,
  infoResponse,
  pingResponse,
  ServiceError,
  statsResponse,
} from '../src';

const identity = {
  name: 'timecard',
  id: 'ABC123',
  version: '1.2.3',
  description: 'clocks',
  metadata: { instance: 'host-1' },
};
const endpoint = {
  name: 'interaction',
  subject: 'tk.v1.interaction.timecard',
  queue_group: 'timecard',
  metadata: null,
};

describe('ADR-32 discovery', () => {
  it('answers the all / by-name / by-id subjects for each verb', () => {
    expect(discoverySubjects('STATS', 'timecard', 'ABC123')).toEqual([
      '$SRV.STATS',
      '$SRV.STATS.timecard',
      '$SRV.STATS.timecard.ABC123',
    ]);
  });

  it('builds ping, info and stats responses', () => {
    expect(pingResponse(identity)).toEqual({
      type: 'io.nats.micro.v1.ping_response',
      name: 'timecard',
      id: 'ABC123',
      version: '1.2.3',
      metadata: { instance: 'host-1' },
    });
    expect(infoResponse(identity, [endpoint])).toMatchObject({
      type: 'io.nats.micro.v1.info_response',
      description: 'clocks',
      endpoints: [endpoint],
    });
    const stats = new EndpointStats();
    stats.record(1000);
    stats.record(3000, '500:internal error');
    const response = statsResponse(identity, new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), [
      { description: endpoint, stats: stats.snapshot() },
    ]);
    expect(response).toEqual({
      type: 'io.nats.micro.v1.stats_response',
      name: 'timecard',
      id: 'ABC123',
      version: '1.2.3',
      metadata: { instance: 'host-1' },
      started: '2026-01-02T03:04:05.000Z',
      endpoints: [
        {
          name: 'interaction',
          subject: 'tk.v1.interaction.timecard',
          queue_group: 'timecard',
          num_requests: 2,
          num_errors: 1,
          last_error: '500:internal error',
          processing_time: 4000,
          average_processing_time: 2000,
        },
      ],
    });
  });

  it('reports zero average before any request', () => {
    expect(new EndpointStats().snapshot().average_processing_time).toBe(0);
  });

  it('rejects names that are not one subject token and non-semver versions', () => {
    expect(() => assertValidIdentity({ name: 'time.card', version: '1.0.0' })).toThrow(
      InvalidServiceIdentityError,
    );
    expect(() => assertValidIdentity({ name: 'timecard', version: 'v1' })).toThrow(/semver/);
    expect(() => assertValidIdentity({ name: 'time-card_2', version: '1.0.0-rc.1' })).not.toThrow();
  });

  it('answers ServiceErrors with their code and hides other errors', () => {
    expect(describeFailure(new ServiceError(404, 'no such category'))).toEqual({
      code: 404,
      description: 'no such category',
    });
    expect(describeFailure(new Error('ECONNREFUSED 10.0.0.3'))).toEqual({
      code: 500,
      description: 'internal error',
    });
  });
});
