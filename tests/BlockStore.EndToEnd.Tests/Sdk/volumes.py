"""Volumes through the SDK: create, wait for status, get, list with filters and paging, update, delete.

SDK resources change in place (a wait refreshes the object it was given), so each step's view is taken at once.
"""

from blockstore_sdk import arguments, connect, emit, error, wait_for_delete, wait_for_status


def view(volume):
    return {key: volume[key] for key in ("id", "name", "description", "status", "size", "availability_zone",
                                        "volume_type", "metadata", "project_id", "user_id", "host", "is_bootable")}


api_url, project = arguments()
storage = connect(api_url, project).block_storage
result = {}

volume = storage.create_volume(size=1, name="sdk-a", description="first", metadata={"tier": "gold"})
result["created"] = view(volume)
other = storage.create_volume(size=2, name="sdk-b")
result["other"] = other.id
result["available"] = view(wait_for_status(storage, volume))
wait_for_status(storage, other)
result["fetched"] = view(storage.get_volume(other.id))

result["listed"] = {
    "by_name": [found.id for found in storage.volumes(name="sdk-b")],
    "by_status": sorted(found.id for found in storage.volumes(status="available")),
    "by_status_error": [found.id for found in storage.volumes(status="error")],
    "summaries": sorted(found.name for found in storage.volumes(details=False)),
    # One volume a page: the SDK follows volumes_links until the last page.
    "paged": sorted(found.id for found in storage.volumes(limit=1)),
}

volume.name = "sdk-renamed"
volume.description = "second"
result["updated"] = view(volume.commit(storage))
result["refetched"] = view(storage.get_volume(volume.id))
result["found"] = storage.find_volume("sdk-renamed").id

storage.delete_volume(volume)
wait_for_delete(storage, volume)
result["get_deleted"] = error(lambda: storage.get_volume(volume.id))
result["find_deleted"] = storage.find_volume(volume.id)
result["remaining"] = [found.id for found in storage.volumes()]
emit(result)
