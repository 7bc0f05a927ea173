"""Snapshots through the SDK: create from a volume, wait, list (detailed, summary, filtered), get, update, delete."""

from blockstore_sdk import arguments, connect, emit, error, wait_for_delete, wait_for_status


def view(snapshot):
    return {key: snapshot[key] for key in ("id", "name", "description", "status", "size", "volume_id", "project_id",
                                          "progress", "metadata")}


api_url, project = arguments()
storage = connect(api_url, project).block_storage
result = {}

volume = wait_for_status(storage, storage.create_volume(size=1, name="sdk-parent"))
result["volume"] = volume.id
snapshot = storage.create_snapshot(volume_id=volume.id, name="sdk-snap", description="nightly", metadata={"k": "v"})
result["created"] = view(snapshot)
result["available"] = view(wait_for_status(storage, snapshot))
result["fetched"] = view(storage.get_snapshot(snapshot.id))
result["listed"] = {
    "detailed": [view(found) for found in storage.snapshots()],
    "summaries": [view(found) for found in storage.snapshots(details=False)],
    "by_name": [found.id for found in storage.snapshots(name="sdk-snap")],
    "by_other_name": [found.id for found in storage.snapshots(name="other")],
    "by_volume": [found.id for found in storage.snapshots(volume_id=volume.id)],
}
result["updated"] = view(storage.update_snapshot(snapshot, name="sdk-snap2", description="weekly"))
result["found"] = storage.find_snapshot("sdk-snap2").id
result["volume_delete_refused"] = error(lambda: storage.delete_volume(volume))

storage.delete_snapshot(snapshot)
wait_for_delete(storage, snapshot)
result["get_deleted"] = error(lambda: storage.get_snapshot(snapshot.id))
result["remaining"] = [found.id for found in storage.snapshots()]
emit(result)
