"""A failed create seen through the SDK: wait_for_status raises on error, and the user messages (microversion 3.3)
say why. openstacksdk 0.101 has no message resource, so the script uses the SDK's session at 3.3, as a user of this
SDK version does for an API it does not model."""

import sys

from openstack import exceptions

from blockstore_sdk import arguments, connect, emit, wait_for_status, wait_until

api_url, project = arguments()
zone = sys.argv[3]
storage = connect(api_url, project).block_storage
result = {}

volume = storage.create_volume(size=1, name="sdk-doomed", availability_zone=zone)
try:
    wait_for_status(storage, volume)
    result["wait"] = None
except exceptions.ResourceFailure as failure:
    result["wait"] = {"type": type(failure).__name__, "message": str(failure)}
result["status"] = storage.get_volume(volume.id).status


def messages(query, version):
    return storage.get("/messages", params=query, microversion=version, raise_exc=False)


listed = wait_until(lambda: messages({"resource_uuid": volume.id}, "3.3").json()["messages"], lambda found: len(found) > 0)
result["messages"] = listed
# Without a microversion the SDK sends no OpenStack-API-Version header: the server's 3.0, where messages do not exist.
without_version = messages({}, None)
result["without_microversion"] = {"status": without_version.status_code, "body": without_version.json()}
if listed:
    message_id = listed[0]["id"]
    shown = storage.get(f"/messages/{message_id}", microversion="3.3", raise_exc=False)
    result["shown"] = {"status": shown.status_code, "version": shown.headers.get("OpenStack-API-Version"),
                       "body": shown.json()}
    result["deleted"] = storage.delete(f"/messages/{message_id}", microversion="3.3", raise_exc=False).status_code
    result["after_delete"] = storage.get(f"/messages/{message_id}", microversion="3.3", raise_exc=False).status_code
emit(result)
