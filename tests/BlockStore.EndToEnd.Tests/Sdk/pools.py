"""Admin views through the SDK: the backend pools the scheduler sees (scheduler-stats, detailed) and the extensions."""

from blockstore_sdk import arguments, connect, emit

api_url, project = arguments()
storage = connect(api_url, project).block_storage
emit({
    "pools": {pool.name: pool.capabilities for pool in storage.backend_pools()},
    "extensions": sorted(extension.alias for extension in storage.extensions()),
})
