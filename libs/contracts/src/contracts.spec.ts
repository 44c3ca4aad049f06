import { create, toJson, type JsonValue } from '@bufbuild/protobuf';
import {
  decodeEvent,
  InvalidEventError,
  OrganizationCreatedSchema,
  Topics,
  topicSchemas,
} from './index';

const valid = {
  organizationId: '0b6f1f7e-5c8a-4a53-9a57-2f0a2f3f6c11',
  name: 'Ville de Lyon',
  hosts: ['lyon.palabre.example'],
  defaultLocale: 'fr-FR',
};

function rejection(json: unknown): InvalidEventError {
  try {
    decodeEvent(Topics.IdentityOrganizationCreatedV1, json);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidEventError);
    return err as InvalidEventError;
  }
  throw new Error('expected decodeEvent to throw');
}

describe('Topics', () => {
  it('follow <service>.<entity>.<event>.v<N>', () => {
    const values = Object.values(Topics);
    expect(values.length).toBeGreaterThan(0);
    for (const topic of values) {
      expect(topic).toMatch(/^[a-z][a-z-]*\.[a-z-]+\.[a-z-]+\.v[0-9]+$/);
    }
  });

  it('each have a schema', () => {
    expect(Object.keys(topicSchemas).sort()).toEqual(Object.values(Topics).sort());
    expect(topicSchemas[Topics.IdentityOrganizationCreatedV1]).toBe(OrganizationCreatedSchema);
  });
});

describe('decodeEvent', () => {
  it('accepts a valid OrganizationCreated', () => {
    const event = decodeEvent(Topics.IdentityOrganizationCreatedV1, valid);
    expect(event.$typeName).toBe('palabre.identity.v1.OrganizationCreated');
    expect(event.organizationId).toBe(valid.organizationId);
    expect(event.hosts).toEqual(['lyon.palabre.example']);
    expect(event.defaultLocale).toBe('fr-FR');
  });

  it('round-trips what a producer serializes', () => {
    const json = toJson(
      OrganizationCreatedSchema,
      create(OrganizationCreatedSchema, valid),
    ) as JsonValue;
    expect(
      decodeEvent(Topics.IdentityOrganizationCreatedV1, JSON.parse(JSON.stringify(json))),
    ).toEqual(create(OrganizationCreatedSchema, valid));
  });

  it('rejects an unknown field', () => {
    const err = rejection({ ...valid, admin: true });
    expect(err.topic).toBe('identity.organization.created.v1');
    expect(err.problem).toMatch(/admin/);
    expect(err.message).toMatch(/identity\.organization\.created\.v1/);
  });

  it('rejects a wrong type', () => {
    const err = rejection({ ...valid, hosts: 'lyon.palabre.example' });
    expect(err.problem).toMatch(/hosts/);
    expect(rejection({ ...valid, name: 42 }).problem).toMatch(/name/);
  });

  it('rejects a payload that is not an object', () => {
    expect(rejection(null).problem).toMatch(/JSON object/);
    expect(rejection([valid]).problem).toMatch(/JSON object/);
  });

  it('rejects an unknown topic', () => {
    expect(() => decodeEvent('identity.nothing.happened.v1', valid)).toThrow(InvalidEventError);
  });
});
