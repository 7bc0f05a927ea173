"""Quotas and limits through the SDK (admin): the project's quota set, an update, usage after a create, a create
over the quota refused with Cinder's message, the absolute limits, the defaults, and a revert to them."""

from blockstore_sdk import arguments, connect, emit, error, wait_for_status

QUOTAS = ("volumes", "gigabytes", "snapshots", "backups", "backup_gigabytes", "per_volume_gigabytes", "groups")

api_url, project = arguments()
storage = connect(api_url, project).block_storage
result = {}


def limits(quota_set):
    return {key: quota_set[key] for key in QUOTAS}


result["initial"] = limits(storage.get_quota_set(project))
result["updated"] = limits(storage.update_quota_set(storage.get_quota_set(project), volumes=2, gigabytes=5))

volume = wait_for_status(storage, storage.create_volume(size=3, name="sdk-counted"))
with_usage = storage.get_quota_set(project, usage=True)
result["with_usage"] = {"limits": limits(with_usage),
                        "usage": {key: with_usage.usage[key] for key in QUOTAS},
                        "reservation": {key: with_usage.reservation[key] for key in QUOTAS}}
result["over_quota"] = error(lambda: storage.create_volume(size=3, name="sdk-too-big"))

absolute = storage.get_limits().absolute
result["absolute_limits"] = {key: absolute[key] for key in (
    "max_total_volumes", "max_total_volume_gigabytes", "max_total_snapshots",
    "total_volumes_used", "total_gigabytes_used", "total_snapshots_used")}
result["volumes_after_refusal"] = sorted(found.name for found in storage.volumes())

result["defaults"] = limits(storage.get_quota_set_defaults(project))
storage.revert_quota_set(project)
result["reverted"] = limits(storage.get_quota_set(project))
emit(result)
