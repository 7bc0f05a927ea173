"""The SDK without any token (auth_type none, the block-storage endpoint as an override): version discovery,
availability zones and the absolute limits of a fresh project."""

from blockstore_sdk import arguments, connect, emit

api_url, project = arguments()
storage = connect(api_url, project, auth="none").block_storage
endpoint = storage.get_endpoint_data()
absolute = storage.get_limits().absolute
emit({
    "endpoint": storage.get_endpoint(),
    "min_microversion": ".".join(map(str, endpoint.min_microversion)),
    "max_microversion": ".".join(map(str, endpoint.max_microversion)),
    "zones": sorted([zone.name, zone.state["available"]] for zone in storage.availability_zones()),
    "absolute_limits": {key: absolute[key] for key in (
        "max_total_volumes", "max_total_volume_gigabytes", "total_volumes_used", "total_gigabytes_used")},
    "volumes": [volume.id for volume in storage.volumes()],
})
