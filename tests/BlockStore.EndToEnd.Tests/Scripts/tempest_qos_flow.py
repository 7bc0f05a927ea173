"""Tempest's own QoS client (tempest.lib, with its response schemas) through test_qos.py's steps.

Usage: tempest_qos_flow.py ENDPOINT TOKEN PREFIX
ENDPOINT is http://host:port/v3/<project>; TOKEN is sent as X-Auth-Token (noauth: user:project).
Prints one JSON object: {"ok": true, "steps": [...]} or {"ok": false, "error": "..."}; the exit code says the same.
Every call validates the response against Tempest's schema, so an extra or missing key fails here as in Tempest.
"""
import json
import sys
import traceback

from tempest.lib import exceptions
from tempest.lib.services.volume.v3 import qos_client
from tempest.lib.services.volume.v3 import types_client


class NoAuthProvider:
    """The one part of an auth provider that RestClient uses: where to send a request and with which token."""

    def __init__(self, endpoint, token):
        self.endpoint = endpoint.rstrip('/')
        self.token = token

    def auth_request(self, method, url, headers=None, body=None, filters=None):
        headers = dict(headers or {})
        headers['X-Auth-Token'] = self.token
        return '%s/%s' % (self.endpoint, url), headers, body

    def base_url(self, filters, auth_data=None):
        return self.endpoint

    def get_token(self):
        return self.token


def main(endpoint, token, prefix):
    provider = NoAuthProvider(endpoint, token)
    qos = qos_client.QosSpecsClient(provider, 'volumev3', 'RegionOne', build_interval=0.2, build_timeout=30)
    types = types_client.TypesClient(provider, 'volumev3', 'RegionOne')
    steps = []

    created = qos.create_qos(name=prefix + '-QoS', consumer='front-end', read_iops_sec='2000')['qos_specs']
    steps.append('create')

    for consumer in ('front-end', 'back-end', 'both'):
        body = qos.create_qos(name='%s-%s' % (prefix, consumer), consumer=consumer)['qos_specs']
        assert body['consumer'] == consumer, body
        qos.delete_qos(body['id'])
        qos.wait_for_resource_deletion(body['id'])
        assert body not in qos.list_qos()['qos_specs']
    steps.append('create_delete_each_consumer')

    shown = qos.show_qos(created['id'])['qos_specs']
    assert (shown['name'], shown['consumer']) == (prefix + '-QoS', 'front-end'), shown
    steps.append('show')

    assert created in qos.list_qos()['qos_specs']
    steps.append('list')

    assert qos.set_qos_key(created['id'], iops_bytes='500')['qos_specs'] == {'iops_bytes': '500'}
    assert qos.show_qos(created['id'])['qos_specs']['specs']['iops_bytes'] == '500'
    qos.unset_qos_key(created['id'], ['iops_bytes'])
    assert 'iops_bytes' not in qos.show_qos(created['id'])['qos_specs']['specs']
    steps.append('set_unset_key')

    type_ids = [types.create_volume_type(name='%s-type%d' % (prefix, i))['volume_type']['id'] for i in range(3)]
    for type_id in type_ids:
        qos.associate_qos(created['id'], type_id)
    associated = [item['id'] for item in qos.show_association_qos(created['id'])['qos_associations']]
    assert sorted(associated) == sorted(type_ids), associated
    qos.disassociate_qos(created['id'], type_ids[0])
    associated = [item['id'] for item in qos.show_association_qos(created['id'])['qos_associations']]
    assert type_ids[0] not in associated, associated
    qos.disassociate_all_qos(created['id'])
    assert qos.show_association_qos(created['id'])['qos_associations'] == []
    steps.append('associate_disassociate')

    for type_id in type_ids:
        types.delete_volume_type(type_id)
    qos.delete_qos(created['id'])
    qos.wait_for_resource_deletion(created['id'])
    try:
        qos.show_qos(created['id'])
        raise AssertionError('the deleted QoS spec is still shown')
    except exceptions.NotFound:
        steps.append('delete')

    return steps


if __name__ == '__main__':
    try:
        result = {'ok': True, 'steps': main(*sys.argv[1:4])}
    except Exception:
        result = {'ok': False, 'error': traceback.format_exc()}
    print(json.dumps(result))
    sys.exit(0 if result['ok'] else 1)
