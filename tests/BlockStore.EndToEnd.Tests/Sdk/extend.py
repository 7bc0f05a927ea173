"""Extend through the SDK.

openstacksdk 0.101 sends every volume action (os-extend among them) at microversion 3.60, whatever the server declared,
so a server whose maximum is below 3.60 answers 406, as Cinder does. The script records what the SDK's own call did,
then, if it was refused, extends as a user of this SDK version has to: the same action through the SDK's session at a
microversion the server declared.
"""

from blockstore_sdk import arguments, connect, emit, error, microversion, wait_for_status, wait_until

api_url, project = arguments()
storage = connect(api_url, project).block_storage
result = {"max_microversion": microversion(storage)}

volume = wait_for_status(storage, storage.create_volume(size=1, name="sdk-grow"))
result["volume"] = volume.id
result["sdk_extend"] = error(lambda: storage.extend_volume(volume, 2))
result["size_after_sdk_extend"] = storage.get_volume(volume.id).size
if result["sdk_extend"]["type"] is not None:
    response = storage.post(f"/volumes/{volume.id}/action", json={"os-extend": {"new_size": 2}},
                            microversion=result["max_microversion"])
    result["action_status"] = response.status_code

# The size changes when the agent has grown the volume; the status is back to available then.
extended = wait_until(lambda: storage.get_volume(volume.id),
                      lambda current: current.size == 2 and current.status == "available" or "error" in current.status)
result["extended"] = {"status": extended.status, "size": extended.size}
emit(result)
